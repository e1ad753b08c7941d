/**
 * Go's reference-time layouts ("2006-01-02 15:04:05.999999999 -0700 MST"): splitting a layout
 * into chunks as time.nextStdChunk does, and formatting a broken-down time with them.
 */
import type { Civil } from './go-time.js';

/** One element of a layout: literal text, or a std element with its options. */
export type Chunk = { readonly lit: string } | { readonly std: string; readonly digits?: number; readonly sep?: string };

const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Names by std element, for parsing. */
export const NAMES = { Jan: MONTH_SHORT, January: MONTH_LONG, Mon: DAY_SHORT, Monday: DAY_LONG };

const FIXED = [
  '-07:00:00', '-070000', '-07:00', '-0700', '-07',
  'Z07:00:00', 'Z070000', 'Z07:00', 'Z0700', 'Z07',
  'January', 'Monday', '2006', '__2', '002', 'MST',
  '01', '02', '03', '04', '05', '06', '15', '_2', 'PM', 'pm',
];
const lowerStart = (s: string): boolean => /^[a-z]/.test(s);

/** Matches the std element at the start of `rest`, or undefined for a literal character. */
function stdAt(rest: string): { std: string; len: number; digits?: number; sep?: string } | undefined {
  if (rest.startsWith('_2006')) return undefined;
  const frac = /^([.,])(0+|9+)(?![0-9])/.exec(rest);
  if (frac !== null) return { std: (frac[2] ?? '').startsWith('0') ? 'frac0' : 'frac9', len: frac[0].length, digits: (frac[2] ?? '').length, sep: frac[1] };
  if (rest.startsWith('Jan') && !rest.startsWith('January') && lowerStart(rest.slice(3))) return undefined;
  if (rest.startsWith('Mon') && !rest.startsWith('Monday') && lowerStart(rest.slice(3))) return undefined;
  for (const f of FIXED) if (rest.startsWith(f)) return { std: f, len: f.length };
  if (rest.startsWith('Jan') || rest.startsWith('Mon')) return { std: rest.slice(0, 3), len: 3 };
  const one = rest.charAt(0);
  return '12345'.includes(one) && one !== '' ? { std: one, len: 1 } : undefined;
}

/** Splits a layout into literal text and std elements. */
export function layoutChunks(layout: string): Chunk[] {
  const chunks: Chunk[] = [];
  let lit = '';
  for (let i = 0; i < layout.length; ) {
    const std = layout.startsWith('_2006', i) ? undefined : stdAt(layout.slice(i));
    if (std === undefined) {
      lit += layout.charAt(i);
      i++;
      continue;
    }
    if (lit !== '') chunks.push({ lit });
    lit = '';
    chunks.push(std.digits === undefined ? { std: std.std } : { std: std.std, digits: std.digits, sep: std.sep ?? '.' });
    i += std.len;
  }
  if (lit !== '') chunks.push({ lit });
  return chunks;
}

const pad = (n: number, width: number, fill = '0'): string => {
  const s = String(Math.abs(n)).padStart(width, fill);
  return n < 0 ? `-${s}` : s;
};

function formatOffset(offset: number, std: string): string {
  if (std.startsWith('Z') && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const [h, m, s] = [Math.floor(abs / 3600), Math.floor((abs % 3600) / 60), abs % 60];
  const body = std.slice(1);
  if (body === '07') return `${sign}${pad(h, 2)}`;
  const colon = body.includes(':') ? ':' : '';
  const secs = body.length > 5 ? `${colon}${pad(s, 2)}` : '';
  return `${sign}${pad(h, 2)}${colon}${pad(m, 2)}${secs}`;
}

function formatFraction(nsec: number, digits: number, sep: string, trim: boolean): string {
  let text = String(nsec).padStart(9, '0').slice(0, Math.min(digits, 9));
  if (trim) text = text.replace(/0+$/, '');
  return text === '' ? '' : `${sep}${text}`;
}

function formatZoneName(c: Civil): string {
  if (c.abbr !== '') return c.abbr;
  const minutes = Math.trunc(c.offset / 60);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60), 2)}${pad(Math.abs(minutes) % 60, 2)}`;
}

const hour12 = (h: number): number => (h % 12 === 0 ? 12 : h % 12);

const FORMAT: Record<string, (c: Civil) => string> = {
  '2006': (c) => pad(c.year, 4),
  '06': (c) => pad(((c.year % 100) + 100) % 100, 2),
  January: (c) => MONTH_LONG[c.month - 1] ?? '',
  Jan: (c) => MONTH_SHORT[c.month - 1] ?? '',
  '1': (c) => String(c.month),
  '01': (c) => pad(c.month, 2),
  Monday: (c) => DAY_LONG[c.weekday] ?? '',
  Mon: (c) => DAY_SHORT[c.weekday] ?? '',
  '2': (c) => String(c.day),
  _2: (c) => pad(c.day, 2, ' '),
  '02': (c) => pad(c.day, 2),
  __2: (c) => pad(c.yday, 3, ' '),
  '002': (c) => pad(c.yday, 3),
  '15': (c) => pad(c.hour, 2),
  '3': (c) => String(hour12(c.hour)),
  '03': (c) => pad(hour12(c.hour), 2),
  '4': (c) => String(c.minute),
  '04': (c) => pad(c.minute, 2),
  '5': (c) => String(c.second),
  '05': (c) => pad(c.second, 2),
  PM: (c) => (c.hour >= 12 ? 'PM' : 'AM'),
  pm: (c) => (c.hour >= 12 ? 'pm' : 'am'),
  MST: formatZoneName,
};

/** Time.Format with a Go layout. */
export function formatTime(c: Civil, layout: string): string {
  return layoutChunks(layout)
    .map((chunk) => {
      if ('lit' in chunk) return chunk.lit;
      if (chunk.std === 'frac0' || chunk.std === 'frac9') return formatFraction(c.nsec, chunk.digits ?? 0, chunk.sep ?? '.', chunk.std === 'frac9');
      const f = FORMAT[chunk.std];
      return f === undefined ? formatOffset(c.offset, chunk.std) : f(c);
    })
    .join('');
}
