/**
 * Go's time.Time for templates: an instant (Unix seconds and nanoseconds) in a location (UTC,
 * an IANA zone through Intl, Local as the injected zone, or a fixed offset), with calendar
 * arithmetic that needs no JS Date quirks, and the methods templates call on a time.Time.
 */
import type { GoFunc, GoValue } from '../gotemplate/value.js';
import { GoStruct, goFunc, goInt } from '../gotemplate/value.js';
import { formatTime } from './time-layout.js';

/** A time zone as Go's *time.Location names it. */
export type Location =
  | { readonly kind: 'utc'; readonly name: string }
  | { readonly kind: 'zone'; readonly name: string; readonly iana: string }
  | { readonly kind: 'fixed'; readonly name: string; readonly offset: number };

/** The UTC location. */
export const UTC: Location = { kind: 'utc', name: 'UTC' };

/** The broken-down form of an instant in its location. */
export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nsec: number;
  weekday: number;
  yday: number;
  offset: number;
  abbr: string;
}

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const floorDiv = (a: number, b: number): number => Math.floor(a / b);
const mod = (a: number, b: number): number => ((a % b) + b) % b;

/** Days from 1970-01-01 to a proleptic Gregorian date (month 1-12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = floorDiv(yy, 400);
  const yoe = yy - era * 400;
  const doy = floorDiv(153 * (m + (m > 2 ? -3 : 9)) + 2, 5) + d - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The proleptic Gregorian date of a day count from 1970-01-01. */
export function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = floorDiv(zz, 146097);
  const doe = zz - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const d = doy - floorDiv(153 * mp + 2, 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function intlZone(iana: string, sec: number): { offset: number; abbr: string } {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: iana,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    timeZoneName: 'short',
  });
  const parts = Object.fromEntries(fmt.formatToParts(new Date(sec * 1000)).map((p) => [p.type, p.value]));
  const year = Number(parts['year']) * (parts['era'] === 'BC' ? -1 : 1) + (parts['era'] === 'BC' ? 1 : 0);
  const local = daysFromCivil(year, Number(parts['month']), Number(parts['day'])) * 86400 + Number(parts['hour']) * 3600 + Number(parts['minute']) * 60 + Number(parts['second']);
  return { offset: local - sec, abbr: goAbbreviation(parts['timeZoneName'] ?? 'UTC') };
}

function goAbbreviation(intl: string): string {
  const m = /^GMT([+-])(\d+)(?::(\d+))?$/.exec(intl);
  if (m === null) return intl;
  return `${m[1]}${(m[2] ?? '').padStart(2, '0')}${m[3] ?? ''}`;
}

/** The zone abbreviation and offset (seconds east of UTC) in effect at an instant. */
export function zoneAt(loc: Location, sec: number): { offset: number; abbr: string } {
  if (loc.kind === 'utc') return { offset: 0, abbr: 'UTC' };
  if (loc.kind === 'fixed') return { offset: loc.offset, abbr: loc.name };
  if (loc.iana === 'UTC') return { offset: 0, abbr: 'UTC' };
  return intlZone(loc.iana, Math.floor(sec));
}

/** True when Intl knows the IANA zone. */
export function isKnownZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An instant: seconds since the Unix epoch, nanoseconds in [0, 1e9), and a location. */
export interface Instant {
  readonly sec: number;
  readonly nsec: number;
  readonly loc: Location;
}

/** The broken-down time of an instant in its location. */
export function civilOf(t: Instant): Civil {
  const { offset, abbr } = zoneAt(t.loc, t.sec);
  const local = t.sec + offset;
  const days = floorDiv(local, 86400);
  const secs = mod(local, 86400);
  const [year, month, day] = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: floorDiv(secs, 3600),
    minute: floorDiv(secs % 3600, 60),
    second: secs % 60,
    nsec: t.nsec,
    weekday: mod(days + 4, 7),
    yday: days - daysFromCivil(year, 1, 1) + 1,
    offset,
    abbr,
  };
}

/** time.Date: a wall-clock time in a location, normalising out-of-range fields as Go does. */
export function dateOf(f: { year: number; month: number; day: number; hour: number; minute: number; second: number; nsec: number }, loc: Location): Instant {
  const year = f.year + floorDiv(f.month - 1, 12);
  const month = mod(f.month - 1, 12) + 1;
  const nsec = mod(f.nsec, 1e9);
  const local = (daysFromCivil(year, month, 1) + f.day - 1) * 86400 + f.hour * 3600 + f.minute * 60 + f.second + floorDiv(f.nsec, 1e9);
  const guess = zoneAt(loc, local).offset;
  const offset = zoneAt(loc, local - guess).offset;
  return { sec: local - offset, nsec, loc };
}

/** A Go time.Time value. */
export class GoTime extends GoStruct implements Instant {
  constructor(
    readonly sec: number,
    readonly nsec: number,
    readonly loc: Location,
  ) {
    super('time.Time', {}, timeMethods({ sec, nsec, loc }));
  }

  /** The time.Time of an instant. */
  static of(t: Instant): GoTime {
    return new GoTime(t.sec, t.nsec, t.loc);
  }
}

function named(type: string, text: string): GoStruct {
  return new GoStruct(type, {}, { String: goFunc([], () => text) });
}

function other(v: GoValue): Instant {
  if (v instanceof GoTime) return v;
  throw new Error('wrong type for value; expected time.Time');
}

function compare(a: Instant, b: Instant): number {
  return a.sec !== b.sec ? Math.sign(a.sec - b.sec) : Math.sign(a.nsec - b.nsec);
}

function timeMethods(t: Instant): Record<string, GoFunc> {
  const c = (): Civil => civilOf(t);
  const T = 'time.Time';
  return {
    String: goFunc([], () => formatTime(c(), '2006-01-02 15:04:05.999999999 -0700 MST')),
    Format: goFunc(['string'], (a) => formatTime(c(), String(a[0]))),
    Unix: goFunc([], () => goInt(t.sec, 'int64')),
    UnixMilli: goFunc([], () => goInt(BigInt(t.sec) * 1000n + BigInt(Math.floor(t.nsec / 1e6)), 'int64')),
    UnixNano: goFunc([], () => goInt(BigInt(t.sec) * 1000000000n + BigInt(t.nsec), 'int64')),
    Year: goFunc([], () => goInt(c().year)),
    Month: goFunc([], () => named('time.Month', MONTHS[c().month - 1] ?? '')),
    Day: goFunc([], () => goInt(c().day)),
    Hour: goFunc([], () => goInt(c().hour)),
    Minute: goFunc([], () => goInt(c().minute)),
    Second: goFunc([], () => goInt(c().second)),
    Nanosecond: goFunc([], () => goInt(t.nsec)),
    YearDay: goFunc([], () => goInt(c().yday)),
    Weekday: goFunc([], () => named('time.Weekday', DAYS[c().weekday] ?? '')),
    UTC: goFunc([], () => new GoTime(t.sec, t.nsec, UTC)),
    IsZero: goFunc([], () => t.sec === -62135596800 && t.nsec === 0),
    Before: goFunc([T], (a) => compare(t, other(a[0])) < 0),
    After: goFunc([T], (a) => compare(t, other(a[0])) > 0),
    Equal: goFunc([T], (a) => compare(t, other(a[0])) === 0),
    AddDate: goFunc(['int', 'int', 'int'], (a) => {
      const now = c();
      const [y, m, d] = a.map((v) => Number((v as { value: bigint }).value));
      return GoTime.of(dateOf({ ...now, year: now.year + (y ?? 0), month: now.month + (m ?? 0), day: now.day + (d ?? 0) }, t.loc));
    }),
    MarshalJSON: goFunc([], () => `"${formatTime(c(), '2006-01-02T15:04:05.999999999Z07:00')}"`),
  };
}
