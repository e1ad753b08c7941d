/**
 * The formatting primitives of Go's fmt: flags, width and precision applied to integers,
 * floats and strings. Each returns the formatted text; fmt.ts decides which applies.
 */
import { formatFloat } from './fmt-float.js';
import { canBackquote, isPrint, quoteRune, quoteString } from './fmt-quote.js';

/** The flags, width and precision of one verb. */
export interface FmtFlags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number | undefined;
  prec: number | undefined;
}

/** Flags as a verb without any starts. */
export function clearFlags(): FmtFlags {
  return { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false, wid: undefined, prec: undefined };
}

function runeCount(s: string): number {
  return Array.from(s).length;
}

/** Pads to the width with spaces (or zeros when the zero flag is set), left unless minus. */
export function pad(f: FmtFlags, s: string, zero = f.zero): string {
  if (f.wid === undefined || f.wid === 0) return s;
  const n = f.wid - runeCount(s);
  if (n <= 0) return s;
  const padding = (zero ? '0' : ' ').repeat(n);
  return f.minus ? s + padding : padding + s;
}

const BASES: Record<string, number> = { v: 10, d: 10, b: 2, o: 8, O: 8, x: 16, X: 16 };

/** True when fmtInteger handles the verb. */
export function isIntegerVerb(verb: string): boolean {
  return verb in BASES || verb === 'c' || verb === 'q' || verb === 'U';
}

/** Formats an integer for %v %d %b %o %O %x %X %c %q %U. */
export function fmtInteger(f: FmtFlags, value: bigint, verb: string): string {
  if (verb === 'c') return pad(f, String.fromCodePoint(validRune(value)), false);
  if (verb === 'q') return pad(f, quoteRune(validRune(value), f.plus), false);
  if (verb === 'U') return fmtUnicode(f, value);
  if (f.prec === 0 && value === 0n) return pad(f, '', false);
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString(BASES[verb] ?? 10);
  if (verb === 'X') digits = digits.toUpperCase();
  digits = digits.padStart(minimumDigits(f, negative), '0');
  digits = integerPrefix(f, verb, digits) + digits;
  const sign = negative ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(f, sign + digits, false);
}

/** Leading zeros come from the precision, or else from a zero-padded width minus the sign. */
function minimumDigits(f: FmtFlags, negative: boolean): number {
  if (f.prec !== undefined) return f.prec;
  if (f.zero && f.wid !== undefined) return f.wid - (negative || f.plus || f.space ? 1 : 0);
  return 0;
}

function integerPrefix(f: FmtFlags, verb: string, digits: string): string {
  if (verb === 'O') return '0o';
  if (!f.sharp) return '';
  if (verb === 'b') return '0b';
  if (verb === 'o') return digits.startsWith('0') ? '' : '0';
  if (verb === 'x') return '0x';
  if (verb === 'X') return '0X';
  return '';
}

function validRune(value: bigint): number {
  if (value < 0n || value > 0x10ffffn) return 0xfffd;
  const cp = Number(value);
  return cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
}

function fmtUnicode(f: FmtFlags, value: bigint): string {
  const hex = (value < 0n ? value + (1n << 64n) : value).toString(16).toUpperCase();
  let s = `U+${hex.padStart(f.prec !== undefined && f.prec > 4 ? f.prec : 4, '0')}`;
  const cp = Number(value);
  if (f.sharp && value >= 0n && value <= 0x10ffffn && isPrint(String.fromCodePoint(validRune(value)))) {
    s += ` '${String.fromCodePoint(cp)}'`;
  }
  return pad(f, s, false);
}

/** True when fmtFloat handles the verb. */
export function isFloatVerb(verb: string): boolean {
  return 'vbgGxXeEfF'.includes(verb);
}

/** Formats a float64 for %v %b %g %G %x %X %e %E %f %F with Go's sign and padding rules. */
export function fmtFloat(f: FmtFlags, x: number, verb: string): string {
  const fmt = f.sharpV || verb === 'v' ? 'g' : verb === 'F' ? 'f' : verb;
  const prec = f.prec ?? ('gGxXb'.includes(fmt) ? -1 : 6);
  let num = formatFloat(x, fmt, prec);
  if (f.sharp && verb !== 'v' && verb !== 'b') num = sharpFloat(num, fmt, prec);
  return signAndPad(f, num.startsWith('-') || num.startsWith('+') ? num : `+${num}`);
}

/** Places the sign (shown when negative, or with + or space) and pads, zeros after the sign. */
function signAndPad(f: FmtFlags, signed: string): string {
  let num = signed;
  if (f.space && num.startsWith('+') && !f.plus) num = ` ${num.slice(1)}`;
  if (num[1] === 'I' || num[1] === 'N') {
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
    return pad(f, num, false);
  }
  if (!f.plus && num.startsWith('+')) return pad(f, num.slice(1));
  if (f.zero && f.wid !== undefined && f.wid > num.length) return num[0] + pad({ ...f, wid: f.wid - 1 }, num.slice(1), true);
  return pad(f, num);
}

/** The # flag on floats: always a decimal point, and %g keeps its trailing zeros. */
function sharpFloat(num: string, fmt: string, prec: number): string {
  const m = /^([+-]?)([0-9.]+)([eE].*)?$/.exec(num);
  if (m === null) return num;
  let mant = m[2] ?? '';
  if (!mant.includes('.')) mant += '.';
  if (fmt === 'g' || fmt === 'G') {
    const want = prec < 0 ? 6 : prec === 0 ? 1 : prec;
    const sig = mant.replace('.', '').replace(/^0+/, '').length || 1;
    if (sig < want) mant += '0'.repeat(want - sig);
  }
  return `${m[1] ?? ''}${mant}${m[3] ?? ''}`;
}

function truncate(f: FmtFlags, s: string): string {
  if (f.prec === undefined) return s;
  return Array.from(s).slice(0, f.prec).join('');
}

/** Formats a string for %s and %v. */
export function fmtS(f: FmtFlags, s: string): string {
  return pad(f, truncate(f, s));
}

/** Formats a string for %q: Go-quoted, raw with #, ASCII-only with +. */
export function fmtQ(f: FmtFlags, s: string): string {
  const t = truncate(f, s);
  if (f.sharp && canBackquote(t)) return pad(f, `\`${t}\``);
  return pad(f, quoteString(t, f.plus));
}

/** Formats a string's UTF-8 bytes in hex for %x and %X. */
export function fmtSx(f: FmtFlags, s: string, verb: string): string {
  let bytes = [...Buffer.from(s, 'utf8')];
  if (f.prec !== undefined) bytes = bytes.slice(0, f.prec);
  const prefix = verb === 'X' ? '0X' : '0x';
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).map((h) => (verb === 'X' ? h.toUpperCase() : h));
  let out: string;
  if (f.space) out = hex.map((h) => (f.sharp ? prefix + h : h)).join(' ');
  else out = (f.sharp && hex.length > 0 ? prefix : '') + hex.join('');
  return pad(f, out);
}
