/**
 * time.ParseInLocation: reads a value against a Go layout, with Go's range checks, zone rules
 * (numeric offsets, "UTC", abbreviations) and its error messages.
 */
import type { Instant, Location } from './go-time.js';
import { UTC, dateOf, daysFromCivil, zoneAt } from './go-time.js';
import type { Chunk } from './time-layout.js';
import { NAMES, layoutChunks } from './time-layout.js';

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nsec: number;
  pm?: boolean;
  yday: number;
  zoneOffset?: number;
  zoneName?: string;
  utc?: boolean;
}

class ParseFailure extends Error {
  constructor(
    readonly element: string,
    readonly rest: string,
    readonly why = '',
  ) {
    super(why);
  }
}

function digits(s: string, min: number, max: number, element: string): [number, string] {
  const m = new RegExp(`^[0-9]{${min},${max}}`).exec(s);
  if (m === null) throw new ParseFailure(element, s);
  return [Number(m[0]), s.slice(m[0].length)];
}

function name(s: string, list: readonly string[], element: string): [number, string] {
  const i = list.findIndex((n) => s.slice(0, n.length).toLowerCase() === n.toLowerCase());
  if (i < 0) throw new ParseFailure(element, s);
  return [i, s.slice((list[i] ?? '').length)];
}

function parseOffset(s: string, std: string, f: Fields): string {
  if (std.startsWith('Z') && s.startsWith('Z')) {
    f.utc = true;
    return s.slice(1);
  }
  const body = std.slice(1);
  const pattern = body === '07' ? /^([+-])(\d\d)/ : body.includes(':') ? /^([+-])(\d\d):(\d\d)(?::(\d\d))?/ : /^([+-])(\d\d)(\d\d)(\d\d)?/;
  const m = pattern.exec(s);
  const wantsSeconds = body.length > 5;
  if (m === null || (wantsSeconds && m[4] === undefined) || (!wantsSeconds && m[4] !== undefined && body !== '07')) throw new ParseFailure(std, s);
  const secs = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  f.zoneOffset = m[1] === '-' ? -secs : secs;
  return s.slice(m[0].length);
}

function parseZoneName(s: string, f: Fields): string {
  if (s.startsWith('UTC')) {
    f.utc = true;
    return s.slice(3);
  }
  const m = /^(GMT[+-]\d{1,2}|[A-Z]{3,5}|ChST|MeST)/.exec(s);
  if (m === null) throw new ParseFailure('MST', s);
  f.zoneName = m[0];
  return s.slice(m[0].length);
}

const NUMERIC: Record<string, [keyof Fields, number, number]> = {
  '2006': ['year', 4, 4],
  '1': ['month', 1, 2],
  '01': ['month', 2, 2],
  '2': ['day', 1, 2],
  '02': ['day', 2, 2],
  '__2': ['yday', 1, 3],
  '002': ['yday', 3, 3],
  '15': ['hour', 1, 2],
  '3': ['hour', 1, 2],
  '03': ['hour', 2, 2],
  '4': ['minute', 1, 2],
  '04': ['minute', 2, 2],
  '5': ['second', 1, 2],
  '05': ['second', 2, 2],
};

function fraction(s: string, f: Fields, fixed: number | undefined): string {
  const m = /^[.,]([0-9]+)/.exec(s);
  if (m === null) {
    if (fixed !== undefined) throw new ParseFailure('.000', s);
    return s;
  }
  const text = m[1] ?? '';
  if (fixed !== undefined && text.length !== fixed) throw new ParseFailure('.000', s);
  f.nsec = Number(text.padEnd(9, '0').slice(0, 9));
  return s.slice(m[0].length);
}

function parseNumeric(std: string, s: string, f: Fields, next: Chunk | undefined): string {
  const [field, min, max] = NUMERIC[std] ?? ['year', 0, 0];
  const body = std === '__2' ? s.replace(/^ +/, '') : s;
  const [v, rest] = digits(body, min, max, std);
  (f as unknown as Record<string, number>)[field] = v;
  const isSecond = std === '5' || std === '05';
  const fracNext = next !== undefined && 'std' in next && next.std.startsWith('frac');
  return isSecond && !fracNext ? fraction(rest, f, undefined) : rest;
}

type Handler = (s: string, f: Fields, chunk: Extract<Chunk, { std: string }>) => string;

const HANDLERS: Record<string, Handler> = {
  '06': (s, f) => {
    const [v, rest] = digits(s, 2, 2, '06');
    f.year = v >= 69 ? 1900 + v : 2000 + v;
    return rest;
  },
  Jan: (s, f) => monthName(s, f, 'Jan'),
  January: (s, f) => monthName(s, f, 'January'),
  Mon: (s) => name(s, NAMES.Mon, 'Mon')[1],
  Monday: (s) => name(s, NAMES.Monday, 'Monday')[1],
  PM: (s, f) => meridiem(s, f, 'PM'),
  pm: (s, f) => meridiem(s, f, 'pm'),
  MST: parseZoneName,
  frac0: (s, f, chunk) => fraction(s, f, chunk.digits),
  frac9: (s, f) => fraction(s, f, undefined),
};

function monthName(s: string, f: Fields, std: 'Jan' | 'January'): string {
  const [i, rest] = name(s, NAMES[std], std);
  f.month = i + 1;
  return rest;
}

function meridiem(s: string, f: Fields, std: string): string {
  const [i, rest] = name(s, ['AM', 'PM'], std);
  f.pm = i === 1;
  return rest;
}

function parseStd(chunk: Extract<Chunk, { std: string }>, s: string, f: Fields, next: Chunk | undefined): string {
  const { std } = chunk;
  if (NUMERIC[std] !== undefined) return parseNumeric(std, s, f, next);
  if (std === '_2') return parseNumeric('2', s.replace(/^ /, ''), f, next);
  const handler = HANDLERS[std];
  return handler === undefined ? parseOffset(s, std, f) : handler(s, f, chunk);
}

function checkRanges(f: Fields): void {
  const check = (ok: boolean, what: string): void => {
    if (!ok) throw new ParseFailure('', '', `: ${what} out of range`);
  };
  check(f.month >= 1 && f.month <= 12, 'month');
  check(f.hour >= 0 && f.hour < 24, 'hour');
  check(f.minute >= 0 && f.minute < 60, 'minute');
  check(f.second >= 0 && f.second < 60, 'second');
  const daysIn = daysFromCivil(f.month === 12 ? f.year + 1 : f.year, f.month === 12 ? 1 : f.month + 1, 1) - daysFromCivil(f.year, f.month, 1);
  check(f.day >= 1 && f.day <= daysIn, 'day');
}

function resolve(f: Fields, local: Location): Instant {
  if (f.pm === true && f.hour < 12) f.hour += 12;
  else if (f.pm === false && f.hour === 12) f.hour = 0;
  checkRanges(f);
  if (f.utc === true) return dateOf(f, UTC);
  if (f.zoneOffset !== undefined) {
    const t = dateOf(f, UTC);
    const sec = t.sec - f.zoneOffset;
    const localZone = zoneAt(local, sec);
    if (localZone.offset === f.zoneOffset && (f.zoneName === undefined || f.zoneName === localZone.abbr)) return { sec, nsec: t.nsec, loc: local };
    return { sec, nsec: t.nsec, loc: { kind: 'fixed', name: f.zoneName ?? '', offset: f.zoneOffset } };
  }
  if (f.zoneName !== undefined) {
    const t = dateOf(f, UTC);
    const localZone = zoneAt(local, t.sec);
    if (localZone.abbr === f.zoneName) return { sec: t.sec - localZone.offset, nsec: t.nsec, loc: local };
    const offset = f.zoneName.startsWith('GMT') && f.zoneName.length > 3 ? Number(f.zoneName.slice(3)) * 3600 : 0;
    return { sec: t.sec - offset, nsec: t.nsec, loc: { kind: 'fixed', name: f.zoneName, offset } };
  }
  return dateOf(f, local);
}

/** time.ParseInLocation; throws Go's ParseError message. */
export function parseTime(layout: string, value: string, local: Location): Instant {
  const f: Fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, nsec: 0, yday: -1 };
  const chunks = layoutChunks(layout);
  let s = value;
  try {
    chunks.forEach((chunk, i) => {
      if ('lit' in chunk) {
        if (!s.startsWith(chunk.lit)) throw new ParseFailure(chunk.lit, s);
        s = s.slice(chunk.lit.length);
      } else s = parseStd(chunk, s, f, chunks[i + 1]);
    });
    if (s !== '') throw new ParseFailure('', s, `: extra text: ${JSON.stringify(s)}`);
    return resolve(f, local);
  } catch (error) {
    if (!(error instanceof ParseFailure)) throw error;
    const head = `parsing time ${JSON.stringify(value)}`;
    if (error.why !== '') throw new Error(`${head}${error.why}`);
    throw new Error(`${head} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(error.rest)} as ${JSON.stringify(error.element)}`);
  }
}
