/**
 * The Go conversions Sprig leans on: spf13/cast's lenient toInt64/toFloat64, fmt's %v as Sprig's
 * strval, strconv's integer and float syntax, and typed containers (`[]string`, `[]int`,
 * `map[string]string`) marked so that `%T` and parameter checks see Go's types.
 */
import { underscoreOK } from '../gotemplate/literal.js';
import { sprint } from '../gotemplate/fmt.js';
import type { GoMap, GoValue } from '../gotemplate/value.js';
import { GoInt, goInt, withGoType } from '../gotemplate/value.js';

const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;
const NIL_SLICE = Symbol('gantry.sprig.nilSlice');

/** A Go `[]string`. */
export function stringSlice(items: readonly string[]): readonly GoValue[] {
  return withGoType([...items], '[]string');
}

/** A Go `[]int`. */
export function intSlice(items: readonly number[]): readonly GoValue[] {
  return withGoType(
    items.map((n) => goInt(n)),
    '[]int',
  );
}

/** A Go `map[string]string`. */
export function stringMap(entries: Readonly<Record<string, string>>): GoMap {
  return withGoType({ ...entries }, 'map[string]string');
}

/** A nil slice: prints as `[]` like an empty one, but encodes to JSON as `null`. */
export function nilSlice(type?: string): readonly GoValue[] {
  const v: GoValue[] = [];
  Object.defineProperty(v, NIL_SLICE, { value: true, enumerable: false });
  return type === undefined ? v : withGoType(v, type);
}

/** True for a slice made by nilSlice. */
export function isNilSlice(v: readonly GoValue[]): boolean {
  return (v as { [NIL_SLICE]?: boolean })[NIL_SLICE] === true;
}

/** A Go int64, wrapping as Go's arithmetic does. */
export function int64(n: bigint): GoInt {
  return new GoInt(BigInt.asIntN(64, n), 'int64');
}

/** A Go int (64-bit), wrapping as Go's arithmetic does. */
export function int(n: bigint | number): GoInt {
  return new GoInt(BigInt.asIntN(64, typeof n === 'bigint' ? n : BigInt(Math.trunc(n))), 'int');
}

/** The JS number of an argument the engine already checked to be a Go integer. */
export function intArg(v: GoValue): number {
  if (v instanceof GoInt) return Number(v.value);
  return typeof v === 'number' ? Math.trunc(v) : 0;
}

/** The string of an argument the engine already checked to be a Go string. */
export function strArg(v: GoValue): string {
  return typeof v === 'string' ? v : '';
}

/** Sprig's strval: strings as they are, anything else as fmt's %v prints it. */
export function strval(v: GoValue): string {
  return typeof v === 'string' ? v : sprint([v === undefined ? null : v]);
}

/** True for a Go slice value. */
export function isSlice(v: GoValue): v is readonly GoValue[] {
  return Array.isArray(v);
}

/** cast.ToInt64: integers, floats (truncated), bools, numeric strings; 0 for anything else. */
export function toInt64(v: GoValue): bigint {
  if (v instanceof GoInt) return BigInt.asIntN(64, v.value);
  switch (typeof v) {
    case 'number':
      return floatToInt64(v);
    case 'boolean':
      return v ? 1n : 0n;
    case 'string':
      return parseGoInt(v) ?? 0n;
    default:
      return 0n;
  }
}

/** Go's int64(float64) conversion (amd64: out-of-range values become the minimum int64). */
export function floatToInt64(x: number): bigint {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 63) return MIN_INT64;
  return BigInt(Math.trunc(x));
}

/** cast.ToFloat64: numbers, bools, numeric strings; 0 for anything else. */
export function toFloat64(v: GoValue): number {
  if (v instanceof GoInt) return Number(v.value);
  switch (typeof v) {
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return parseGoFloat(v) ?? 0;
    default:
      return 0;
  }
}

const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };
const PREFIX: Record<number, string> = { 2: '0b', 8: '0o', 10: '', 16: '0x' };

/** strconv.ParseInt(s, base, 64): base 0 reads Go's prefixes and underscores; undefined on error. */
export function parseGoInt(s: string, base = 0): bigint | undefined {
  let body = s;
  let negative = false;
  if (body.startsWith('-') || body.startsWith('+')) {
    negative = body.startsWith('-');
    body = body.slice(1);
  }
  if (body === '') return undefined;
  let radix = base;
  if (base === 0) {
    if (body.includes('_') && !underscoreOK(s)) return undefined;
    body = body.replace(/_/g, '');
    ({ radix, body } = detectBase(body));
  }
  if (body !== '' && DIGITS[radix]?.test(body) !== true) return undefined;
  const n = body === '' ? 0n : BigInt(`${PREFIX[radix] ?? ''}${body}`);
  const value = negative ? -n : n;
  return value < MIN_INT64 || value > MAX_INT64 ? undefined : value;
}

function detectBase(body: string): { radix: number; body: string } {
  if (body.length >= 3 && /^0[bB]/.test(body)) return { radix: 2, body: body.slice(2) };
  if (body.length >= 3 && /^0[oO]/.test(body)) return { radix: 8, body: body.slice(2) };
  if (body.length >= 3 && /^0[xX]/.test(body)) return { radix: 16, body: body.slice(2) };
  if (body.startsWith('0')) return { radix: 8, body: body.slice(1) };
  return { radix: 10, body };
}

const DECIMAL_FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/;
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

/** strconv.ParseFloat(s, 64); undefined on a syntax or range error. */
export function parseGoFloat(s: string): number | undefined {
  if (s.includes('_') && !underscoreOK(s)) return undefined;
  const t = s.replace(/_/g, '');
  const special = SPECIAL_FLOAT.exec(t);
  if (special !== null) {
    if ((special[2] ?? '').toLowerCase() === 'nan') return Number.NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  const value = DECIMAL_FLOAT.test(t) ? Number(t) : parseHexFloat(t);
  return value === undefined || !Number.isFinite(value) ? undefined : value;
}

function parseHexFloat(t: string): number | undefined {
  const m = HEX_FLOAT.exec(t);
  if (m === null) return undefined;
  const [, sign = '', whole = '', frac = '', exp = '0'] = m;
  if (whole === '' && frac === '') return undefined;
  const mantissa = Number.parseInt(`${whole}${frac}` || '0', 16);
  const value = mantissa * 2 ** (Number(exp) - 4 * frac.length);
  return sign === '-' ? -value : value;
}
