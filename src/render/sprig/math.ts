/**
 * Sprig's arithmetic: int64 math over cast.ToInt64 (wrapping like Go), float64 math through
 * shopspring/decimal, min/max, rounding, conversions and integer sequences.
 */
import { sprint } from '../gotemplate/fmt.js';
import type { FuncMap } from '../gotemplate/template-set.js';
import type { GoValue } from '../gotemplate/value.js';
import { ANY, goFunc } from '../gotemplate/value.js';
import type { SprigContext } from './context.js';
import { int, int64, intArg, intSlice, parseGoInt, toFloat64, toInt64 } from './conversion.js';
import type { Decimal } from './decimal.js';
import { decimalAdd, decimalDiv, decimalFromFloat, decimalMul, decimalSub, decimalToFloat } from './decimal.js';

/** Sprig's untilStep: start, start+step, ... up to (not including) stop; empty for a bad step. */
export function untilStep(start: number, stop: number, step: number): number[] {
  const out: number[] = [];
  if (stop < start) {
    if (step >= 0) return out;
    for (let i = start; i > stop; i += step) out.push(i);
    return out;
  }
  if (step <= 0) return out;
  for (let i = start; i < stop; i += step) out.push(i);
  return out;
}

/** Sprig's seq: like GNU seq with 1, 2 or 3 arguments, space separated. */
export function seq(params: number[]): string {
  const [a = 0, b = 0, c = 0] = params;
  switch (params.length) {
    case 1: {
      const inc = a < 1 ? -1 : 1;
      return untilStep(1, a + inc, inc).join(' ');
    }
    case 2: {
      const step = b < a ? -1 : 1;
      return untilStep(a, b + step, step).join(' ');
    }
    case 3: {
      if (c < a && b > 0) return '';
      return untilStep(a, c + (c < a ? -1 : 1), b).join(' ');
    }
    default:
      return '';
  }
}

/** Sprig's round: half-up at `places` decimals by default, or at the given threshold. */
export function round(value: number, places: number, roundOn = 0.5): number {
  const pow = 10 ** places;
  const digit = pow * value;
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

function decimalOp(first: GoValue, rest: GoValue[], op: (a: Decimal, b: Decimal) => Decimal): number {
  let acc = decimalFromFloat(toFloat64(first));
  for (const x of rest) acc = op(acc, decimalFromFloat(toFloat64(x)));
  return decimalToFloat(acc);
}

function divide(a: GoValue, b: GoValue, rem: boolean): GoValue {
  const y = toInt64(b);
  if (y === 0n) throw new Error('runtime error: integer divide by zero');
  const x = toInt64(a);
  return int64(rem ? x % y : x / y);
}

function extreme(args: GoValue[], pick: (a: bigint, b: bigint) => boolean): GoValue {
  return int64(args.map(toInt64).reduce((acc, v) => (pick(v, acc) ? v : acc)));
}

function toDecimal(v: GoValue): GoValue {
  return int64(parseGoInt(sprint([v ?? null]), 8) ?? 0n);
}

/** strconv.Atoi with its error ignored, as Sprig does: 0 on bad syntax, clamped on overflow. */
function atoi(s: string): GoValue {
  if (!/^[+-]?\d+$/.test(s)) return int(0n);
  return int(parseGoInt(s, 10) ?? (s.startsWith('-') ? -(2n ** 63n) : 2n ** 63n - 1n));
}

function floatFuncs(): FuncMap {
  return {
    add1f: goFunc([ANY], (a) => decimalOp(a[0], [1], decimalAdd)),
    addf: goFunc([], (a) => decimalOp(0, a, decimalAdd), ANY),
    subf: goFunc([ANY], (a) => decimalOp(a[0], a.slice(1), decimalSub), ANY),
    mulf: goFunc([ANY], (a) => decimalOp(a[0], a.slice(1), decimalMul), ANY),
    divf: goFunc([ANY], (a) => decimalOp(a[0], a.slice(1), decimalDiv), ANY),
    maxf: goFunc([ANY], (a) => a.map(toFloat64).reduce((x, y) => Math.max(x, y)), ANY),
    minf: goFunc([ANY], (a) => a.map(toFloat64).reduce((x, y) => Math.min(x, y)), ANY),
    ceil: goFunc([ANY], (a) => Math.ceil(toFloat64(a[0]))),
    floor: goFunc([ANY], (a) => Math.floor(toFloat64(a[0]))),
    round: goFunc([ANY, 'int'], (a) => round(toFloat64(a[0]), intArg(a[1]), a.length > 2 ? Number(a[2]) : 0.5), 'float64'),
  };
}

/** The math family; randInt draws on the injected random source. */
export function mathFuncs(ctx: SprigContext): FuncMap {
  const max = goFunc([ANY], (a) => extreme(a, (v, acc) => v > acc), ANY);
  return {
    add1: goFunc([ANY], (a) => int64(toInt64(a[0]) + 1n)),
    add: goFunc([], (a) => int64(a.reduce<bigint>((acc, v) => acc + toInt64(v), 0n)), ANY),
    sub: goFunc([ANY, ANY], (a) => int64(toInt64(a[0]) - toInt64(a[1]))),
    div: goFunc([ANY, ANY], (a) => divide(a[0], a[1], false)),
    mod: goFunc([ANY, ANY], (a) => divide(a[0], a[1], true)),
    mul: goFunc([ANY], (a) => int64(a.reduce<bigint>((acc, v) => acc * toInt64(v), 1n)), ANY),
    randInt: goFunc(['int', 'int'], (a) => {
      const span = intArg(a[1]) - intArg(a[0]);
      if (span <= 0) throw new Error('invalid argument to Intn');
      return int(Math.floor(ctx.random() * span) + intArg(a[0]));
    }),
    biggest: max,
    max,
    min: goFunc([ANY], (a) => extreme(a, (v, acc) => v < acc), ANY),
    ...floatFuncs(),
    atoi: goFunc(['string'], (a) => atoi(String(a[0]))),
    int64: goFunc([ANY], (a) => int64(toInt64(a[0]))),
    int: goFunc([ANY], (a) => int(toInt64(a[0]))),
    float64: goFunc([ANY], (a) => toFloat64(a[0])),
    toDecimal: goFunc([ANY], (a) => toDecimal(a[0])),
    seq: goFunc([], (a) => seq(a.map(intArg)), 'int'),
    until: goFunc(['int'], (a) => intSlice(untilStep(0, intArg(a[0]), intArg(a[0]) < 0 ? -1 : 1))),
    untilStep: goFunc(['int', 'int', 'int'], (a) => intSlice(untilStep(intArg(a[0]), intArg(a[1]), intArg(a[2])))),
  };
}
