/**
 * `${...}` expressions inside template strings, found the way kro finds them: braces are counted
 * outside double-quoted string literals, and a `${` nested outside a string literal is refused.
 */
import { InputError } from '../../core/index.js';

/** One `${...}` in a string; `start`/`end` are UTF-8 byte offsets of `${` and just past `}`. */
export interface ExpressionMatch {
  expr: string;
  start: number;
  end: number;
}

/** Raised for `${outer(${inner})}`: a nested expression outside a string literal. */
export class NestedExpressionError extends InputError {
  constructor(input: string) {
    super(`nested expressions are not allowed unless inside string literals: ${JSON.stringify(input)}`);
    this.name = 'NestedExpressionError';
  }
}

const DOLLAR = 0x24;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

interface BraceScan {
  depth: number;
  inString: boolean;
  escapeNext: boolean;
}

/** Counts one byte outside or inside a string literal; true when it closes the expression. */
function scanByte(s: BraceScan, b: Uint8Array, i: number, input: string): boolean {
  const c = b[i];
  if (s.escapeNext) s.escapeNext = false;
  else if (s.inString && c === BACKSLASH) s.escapeNext = true;
  else if (c === QUOTE) s.inString = !s.inString;
  else if (!s.inString) {
    if (c === OPEN) s.depth++;
    else if (c === CLOSE) return --s.depth === 0;
    else if (c === DOLLAR && b[i + 1] === OPEN && b[i - 1] !== QUOTE) throw new NestedExpressionError(input);
  }
  return false;
}

/** Finds the index of the `}` closing the expression opened at `open`, or -1 when it never closes. */
function closingBrace(b: Uint8Array, open: number, input: string): number {
  const s: BraceScan = { depth: 1, inString: false, escapeNext: false };
  for (let i = open + 2; i < b.length; i++) if (scanByte(s, b, i, input)) return i;
  return -1;
}

function indexOfStart(b: Uint8Array, from: number): number {
  for (let i = from; i + 1 < b.length; i++) if (b[i] === DOLLAR && b[i + 1] === OPEN) return i;
  return -1;
}

/** Every complete `${...}` in `input`, in order; unterminated ones are skipped. */
export function extractExpressions(input: string): ExpressionMatch[] {
  const bytes = new TextEncoder().encode(input);
  const decoder = new TextDecoder();
  const out: ExpressionMatch[] = [];
  let from = 0;
  while (from < bytes.length) {
    const open = indexOfStart(bytes, from);
    if (open < 0) break;
    const close = closingBrace(bytes, open, input);
    if (close < 0) {
      from = open + 1;
      continue;
    }
    out.push({ expr: decoder.decode(bytes.subarray(open + 2, close)), start: open, end: close + 1 });
    from = close + 1;
  }
  return out;
}

/** The only match when `input` is exactly that one `${...}`, else undefined. */
export function standaloneMatch(input: string, matches: readonly ExpressionMatch[]): ExpressionMatch | undefined {
  const only = matches[0];
  return matches.length === 1 && only && input === `\${${only.expr}}` ? only : undefined;
}

/** True when the whole string is exactly one `${...}` (its value then keeps the expression's type). */
export function isStandaloneExpression(input: string): boolean {
  return standaloneMatch(input, extractExpressions(input)) !== undefined;
}

/**
 * Turns a string with `${...}` parts into one CEL expression concatenating them:
 * `prefix-${expr}` becomes `"prefix-" + (expr)`.
 */
export function buildStringTemplate(input: string, matches: readonly ExpressionMatch[]): string {
  const bytes = new TextEncoder().encode(input);
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let at = 0;
  for (const m of matches) {
    if (m.start > at) parts.push(JSON.stringify(decoder.decode(bytes.subarray(at, m.start))));
    parts.push(`(${m.expr})`);
    at = m.end;
  }
  if (at < bytes.length) parts.push(JSON.stringify(decoder.decode(bytes.subarray(at))));
  return parts.join(' + ');
}
