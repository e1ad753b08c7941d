/** Go's fmt.Sprintf: the format string's verbs, flags, widths, precisions and `[n]` indexes. */
import { clearFlags } from './fmt-flags.js';
import { Printer } from './fmt.js';
import type { GoValue } from './value.js';
import { GoInt, typeName } from './value.js';

const TOO_LARGE = 1e6;

interface Cursor {
  format: string;
  i: number;
  argNum: number;
  afterIndex: boolean;
  reordered: boolean;
  goodArgNum: boolean;
}

/** fmt.Sprintf over template values. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  const p = new Printer();
  const c: Cursor = { format, i: 0, argNum: 0, afterIndex: false, reordered: false, goodArgNum: true };
  while (c.i < format.length) {
    const next = format.indexOf('%', c.i);
    if (next < 0) {
      p.out += format.slice(c.i);
      break;
    }
    p.out += format.slice(c.i, next);
    c.i = next + 1;
    if (!printVerb(p, c, args)) break;
  }
  if (!c.reordered && c.argNum < args.length) appendExtra(p, args.slice(c.argNum));
  return p.out;
}

function appendExtra(p: Printer, extra: readonly GoValue[]): void {
  p.f = clearFlags();
  p.out += '%!(EXTRA ';
  extra.forEach((arg, i) => {
    if (i > 0) p.out += ', ';
    if (arg === undefined || arg === null) p.out += '<nil>';
    else {
      p.out += `${typeName(arg)}=`;
      p.printArg(arg, 'v');
    }
  });
  p.out += ')';
}

function parseFlags(p: Printer, c: Cursor): void {
  p.f = clearFlags();
  for (; c.i < c.format.length; c.i++) {
    const ch = c.format[c.i];
    if (ch === '#') p.f.sharp = true;
    else if (ch === '0') p.f.zero = !p.f.minus;
    else if (ch === '+') p.f.plus = true;
    else if (ch === '-') {
      p.f.minus = true;
      p.f.zero = false;
    } else if (ch === ' ') p.f.space = true;
    else return;
  }
}

/** Handles one verb after a '%'; false when the format ended without a verb. */
function printVerb(p: Printer, c: Cursor, args: readonly GoValue[]): boolean {
  c.goodArgNum = true;
  parseFlags(p, c);
  argNumber(c, args.length);
  parseWidth(p, c, args);
  parsePrecision(p, c, args);
  if (!c.afterIndex) argNumber(c, args.length);
  if (c.i >= c.format.length) {
    p.out += '%!(NOVERB)';
    return false;
  }
  const verb = String.fromCodePoint(c.format.codePointAt(c.i) ?? 0);
  c.i += verb.length;
  if (verb === '%') p.out += '%';
  else if (!c.goodArgNum) p.out += `%!${verb}(BADINDEX)`;
  else if (c.argNum >= args.length) p.out += `%!${verb}(MISSING)`;
  else {
    if (verb === 'v') {
      p.f.sharpV = p.f.sharp;
      p.f.sharp = false;
      p.f.plusV = p.f.plus;
      p.f.plus = false;
    }
    p.printArg(args[c.argNum], verb);
    c.argNum++;
  }
  return true;
}

function parseWidth(p: Printer, c: Cursor, args: readonly GoValue[]): void {
  if (c.format[c.i] === '*') {
    c.i++;
    const wid = intFromArg(c, args);
    if (wid === undefined) p.out += '%!(BADWIDTH)';
    else if (wid < 0) {
      p.f.wid = -wid;
      p.f.minus = true;
      p.f.zero = false;
    } else p.f.wid = wid;
    c.afterIndex = false;
    return;
  }
  p.f.wid = parseNum(c);
  if (c.afterIndex && p.f.wid !== undefined) c.goodArgNum = false;
}

function parsePrecision(p: Printer, c: Cursor, args: readonly GoValue[]): void {
  if (!(c.i + 1 < c.format.length && c.format[c.i] === '.')) return;
  c.i++;
  if (c.afterIndex) c.goodArgNum = false;
  argNumber(c, args.length);
  if (c.format[c.i] === '*') {
    c.i++;
    const prec = intFromArg(c, args);
    p.f.prec = prec === undefined || prec < 0 ? undefined : prec;
    if (prec === undefined) p.out += '%!(BADPREC)';
    c.afterIndex = false;
    return;
  }
  p.f.prec = parseNum(c) ?? 0;
}

function parseNum(c: Cursor): number | undefined {
  const m = /^[0-9]+/.exec(c.format.slice(c.i));
  if (m === null) return undefined;
  c.i += m[0].length;
  const n = Number(m[0]);
  return n > TOO_LARGE ? undefined : n;
}

function intFromArg(c: Cursor, args: readonly GoValue[]): number | undefined {
  if (c.argNum >= args.length) return undefined;
  const arg = args[c.argNum];
  c.argNum++;
  if (!(arg instanceof GoInt)) return undefined;
  const n = Number(arg.value);
  return Math.abs(n) > TOO_LARGE ? undefined : n;
}

function argNumber(c: Cursor, numArgs: number): void {
  if (c.format[c.i] !== '[') {
    c.afterIndex = false;
    return;
  }
  c.reordered = true;
  const close = c.format.indexOf(']', c.i);
  const digits = close < 0 ? '' : c.format.slice(c.i + 1, close);
  if (close < 0 || !/^[0-9]+$/.test(digits)) {
    c.goodArgNum = false;
    c.i = close < 0 ? c.i + 1 : close + 1;
    c.afterIndex = false;
    return;
  }
  const index = Number(digits) - 1;
  c.i = close + 1;
  c.afterIndex = true;
  if (index >= 0 && index < numArgs) c.argNum = index;
  else c.goodArgNum = false;
}
