/**
 * Go literal syntax for template constants: numbers (with every type a constant can take, as
 * text/template/parse records them), and the unquoting of strings and characters (Go's strconv).
 */

/** The numeric facts of a constant, as Go's parser records them on a NumberNode. */
export interface NumberFacts {
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: bigint;
  uint: bigint;
  float: number;
  complex: { re: number; im: number };
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Parses a number, character or complex constant; throws an Error with Go's message. */
export function parseNumber(text: string, type: 'number' | 'charConstant' | 'complex'): NumberFacts {
  const n = emptyFacts();
  if (type === 'charConstant') return charFacts(n, text);
  if (type === 'complex') return complexFacts(n, parseComplex(text));
  if (text.endsWith('i')) {
    const f = parseGoFloat(text.slice(0, -1));
    if (f !== undefined) return complexFacts(n, { re: 0, im: f });
  }
  integerFacts(n, text);
  if (!n.isFloat) floatFacts(n, text);
  if (!n.isInt && !n.isUint && !n.isFloat) throw new Error(`illegal number syntax: ${JSON.stringify(text)}`);
  return n;
}

function integerFacts(n: NumberFacts, text: string): void {
  const u = parseGoInteger(text, false);
  if (u !== undefined && u <= UINT64_MAX) Object.assign(n, { isUint: true, uint: u });
  const i = parseGoInteger(text, true);
  if (i !== undefined && i >= INT64_MIN && i <= INT64_MAX) Object.assign(n, { isInt: true, int: i, isFloat: true, float: Number(i) });
  else if (n.isUint) Object.assign(n, { isFloat: true, float: Number(n.uint) });
}

function emptyFacts(): NumberFacts {
  return { isInt: false, isUint: false, isFloat: false, isComplex: false, int: 0n, uint: 0n, float: 0, complex: { re: 0, im: 0 } };
}

function charFacts(n: NumberFacts, text: string): NumberFacts {
  const { value, rest } = unquoteChar(text.slice(1), "'");
  if (rest !== "'") throw new Error(`malformed character constant: ${text}`);
  const cp = BigInt(value);
  return Object.assign(n, { isInt: true, int: cp, isUint: true, uint: cp, isFloat: true, float: value });
}

function floatFacts(n: NumberFacts, text: string): void {
  const f = parseGoFloat(text);
  if (f === undefined) return;
  if (!/[.eEpP]/.test(text)) throw new Error(`integer overflow: ${JSON.stringify(text)}`);
  Object.assign(n, { isFloat: true, float: f });
  if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) Object.assign(n, { isInt: true, int: BigInt(f) });
  if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) Object.assign(n, { isUint: true, uint: BigInt(f) });
}

function complexFacts(n: NumberFacts, c: { re: number; im: number }): NumberFacts {
  n.isComplex = true;
  n.complex = c;
  if (c.im !== 0) return n;
  Object.assign(n, { isFloat: true, float: c.re });
  if (Number.isInteger(c.re) && Math.abs(c.re) < 2 ** 63) Object.assign(n, { isInt: true, int: BigInt(c.re) });
  if (Number.isInteger(c.re) && c.re >= 0 && c.re < 2 ** 64) Object.assign(n, { isUint: true, uint: BigInt(c.re) });
  return n;
}

function parseComplex(text: string): { re: number; im: number } {
  const m = /^([+-]?[^+-]*(?:[eEpP][+-][^+-]*)?)([+-].*)i$/.exec(text);
  const re = m === null ? undefined : parseGoFloat(m[1] ?? '');
  const im = m === null ? undefined : parseGoFloat(m[2] ?? '');
  if (re === undefined || im === undefined) throw new Error(`illegal number syntax: ${JSON.stringify(text)}`);
  return { re, im };
}

/** Go's rule for `_` in number literals (strconv's underscoreOK): only between digits (a base prefix counts as one). */
export function underscoreOK(text: string): boolean {
  let s = text.replace(/^[+-]/, '');
  let saw = '^';
  let hex = false;
  if (/^0[bBoOxX]/.test(s)) {
    hex = s[1] === 'x' || s[1] === 'X';
    saw = '0';
    s = s.slice(2);
  }
  for (const c of s) {
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

/** strconv.ParseInt/ParseUint with base 0, without the range check; undefined when malformed. */
export function parseGoInteger(text: string, signed: boolean): bigint | undefined {
  if (text.includes('_') && !underscoreOK(text)) return undefined;
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (m === null) return undefined;
  const sign = m[1] ?? '';
  if (sign !== '' && !signed) return undefined;
  let body = (m[2] ?? '').replace(/_/g, '');
  if (/^0[0-7]/.test(body)) body = `0o${body.slice(1)}`;
  if (/^0[xXoObB]$/.test(body)) return undefined;
  const v = BigInt(body);
  return sign === '-' ? -v : v;
}

/** strconv.ParseFloat(text, 64) for Go's decimal and hexadecimal forms; undefined when malformed. */
export function parseGoFloat(text: string): number | undefined {
  if (text.includes('_') && !underscoreOK(text)) return undefined;
  const s = text.replace(/_/g, '');
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return finite(Number(s));
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(s);
  if (m === null || (m[2] === '' && m[3] === '')) return undefined;
  const frac = m[3] ?? '';
  const mantissa = Number(BigInt(`0x${m[2] ?? ''}${frac}`));
  const v = finite(mantissa * 2 ** (Number(m[4]) - 4 * frac.length));
  return v === undefined || m[1] !== '-' ? v : -v;
}

/** ParseFloat fails with ErrRange where JS would give an infinity. */
function finite(v: number): number | undefined {
  return Number.isFinite(v) ? v : undefined;
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Decodes one character or escape of a quoted literal (Go's strconv.UnquoteChar). */
export function unquoteChar(s: string, quote: string): { value: number; rest: string } {
  const c = s.codePointAt(0);
  if (c === undefined) throw new Error('invalid syntax');
  const ch = String.fromCodePoint(c);
  if (ch === quote || ch === '\n') throw new Error('invalid syntax');
  if (ch !== '\\') return { value: c, rest: s.slice(ch.length) };
  const e = s[1] ?? '';
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) return { value: simple.charCodeAt(0), rest: s.slice(2) };
  if (e === quote) return { value: e.charCodeAt(0), rest: s.slice(2) };
  const hexLen = { x: 2, u: 4, U: 8 }[e];
  if (hexLen !== undefined) return hexEscape(s, hexLen);
  if (e >= '0' && e <= '7') {
    const digits = s.slice(1, 4);
    if (!/^[0-7]{3}$/.test(digits) || parseInt(digits, 8) > 255) throw new Error('invalid syntax');
    return { value: parseInt(digits, 8), rest: s.slice(4) };
  }
  throw new Error('invalid syntax');
}

function hexEscape(s: string, n: number): { value: number; rest: string } {
  const digits = s.slice(2, 2 + n);
  if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) throw new Error('invalid syntax');
  const value = parseInt(digits, 16);
  if (n > 2 && (value > 0x10ffff || (value >= 0xd800 && value < 0xe000))) throw new Error('invalid syntax');
  return { value, rest: s.slice(2 + n) };
}

/** Unquotes a Go string literal, double-quoted or raw (Go's strconv.Unquote). */
export function unquoteString(quoted: string): string {
  if (quoted.startsWith('`')) {
    if (quoted.length < 2 || !quoted.endsWith('`')) throw new Error('invalid syntax');
    return quoted.slice(1, -1).replace(/\r/g, '');
  }
  if (quoted.length < 2 || !quoted.startsWith('"') || !quoted.endsWith('"')) throw new Error('invalid syntax');
  let rest = quoted.slice(1, -1);
  const bytes: number[] = [];
  while (rest.length > 0) {
    const isByteEscape = /^\\(x|[0-7])/.test(rest);
    const { value, rest: tail } = unquoteChar(rest, '"');
    if (isByteEscape) bytes.push(value);
    else bytes.push(...Buffer.from(String.fromCodePoint(value), 'utf8'));
    rest = tail;
  }
  return Buffer.from(bytes).toString('utf8');
}
