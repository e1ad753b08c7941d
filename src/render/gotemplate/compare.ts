/**
 * Go's template comparison functions (eq, ne, lt, le, gt, ge) with Go's typing rules: values
 * compare only within a basic kind (bool, int, uint, float, complex, string), signed and unsigned
 * integers compare with each other, nil equals only nil, and anything else is an error.
 */
import type { GoValue } from './value.js';
import { sprintf } from './fmt-printf.js';
import { GoComplex, GoInt, GoStruct, compareStrings, typeName } from './value.js';

type Kind = 'invalid' | 'bool' | 'complex' | 'int' | 'float' | 'string' | 'uint';

const BAD_TYPE = 'invalid type for comparison';
const BAD_COMPARISON = 'incompatible types for comparison';

function basicKind(v: GoValue): Kind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) return v.unsigned ? 'uint' : 'int';
  if (v instanceof GoComplex) return 'complex';
  return 'invalid';
}

/** Go's indirectInterface: a nil interface becomes "no value". */
function unwrap(v: GoValue): GoValue {
  return v === null ? undefined : v;
}

function intValue(v: GoValue): bigint {
  return v instanceof GoInt ? v.value : 0n;
}

function equalSameKind(k: Kind, a: GoValue, b: GoValue): boolean {
  switch (k) {
    case 'int':
    case 'uint':
      return intValue(a) === intValue(b);
    case 'complex':
      return (a as GoComplex).re === (b as GoComplex).re && (a as GoComplex).im === (b as GoComplex).im;
    case 'invalid':
      return equalOther(a, b);
    default:
      return a === b;
  }
}

/** Equality of values outside the basic kinds: nil, structs; maps, slices and funcs cannot compare. */
function equalOther(a: GoValue, b: GoValue): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (!isComparable(a) || !isComparable(b)) throw new Error(`non-comparable type ${sprintf('%s', [b])}: ${typeName(b)}`);
  if (a instanceof GoStruct && b instanceof GoStruct) {
    if (a.typeName !== b.typeName) throw new Error(BAD_COMPARISON);
    return Object.keys(a.fields).every((k) => eq(a.fields[k], [b.fields[k]]));
  }
  return a === b;
}

function isComparable(v: GoValue): boolean {
  if (v instanceof GoStruct) return Object.values(v.fields).every((f) => f === null || f === undefined || isComparable(f));
  return typeof v !== 'object' || v instanceof GoInt || v instanceof GoComplex;
}

/** eq: true when arg1 equals any of the others. */
export function eq(arg1: GoValue, others: readonly GoValue[]): boolean {
  const a = unwrap(arg1);
  if (others.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(a);
  for (const other of others) {
    const b = unwrap(other);
    const k2 = basicKind(b);
    let truth: boolean;
    if (k1 !== k2) {
      truth = mixedIntegerCompare(k1, a, k2, b) === 0;
      if (!isIntegerMix(k1, k2) && a !== undefined && b !== undefined) throw new Error(BAD_COMPARISON);
    } else truth = equalSameKind(k1, a, b);
    if (truth) return true;
  }
  return false;
}

/** ne: the inverse of eq with two arguments. */
export function ne(a: GoValue, b: GoValue): boolean {
  return !eq(a, [b]);
}

function isIntegerMix(k1: Kind, k2: Kind): boolean {
  return (k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int');
}

/** Compares a signed with an unsigned integer; NaN when the kinds do not mix. */
function mixedIntegerCompare(k1: Kind, a: GoValue, k2: Kind, b: GoValue): number {
  if (!isIntegerMix(k1, k2)) return Number.NaN;
  const x = intValue(a);
  const y = intValue(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** lt: a < b for values of one basic kind (bool and complex excluded). */
export function lt(arg1: GoValue, arg2: GoValue): boolean {
  const a = unwrap(arg1);
  const b = unwrap(arg2);
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new Error(BAD_TYPE);
  if (k1 !== k2) {
    if (!isIntegerMix(k1, k2)) throw new Error(BAD_COMPARISON);
    return mixedIntegerCompare(k1, a, k2, b) < 0;
  }
  switch (k1) {
    case 'bool':
    case 'complex':
      throw new Error(BAD_TYPE);
    case 'int':
    case 'uint':
      return intValue(a) < intValue(b);
    case 'string':
      return compareStrings(a as string, b as string) < 0;
    default:
      return (a as number) < (b as number);
  }
}

/** le: a <= b. */
export function le(a: GoValue, b: GoValue): boolean {
  return lt(a, b) || eq(a, [b]);
}

/** gt: a > b. */
export function gt(a: GoValue, b: GoValue): boolean {
  return !le(a, b);
}

/** ge: a >= b. */
export function ge(a: GoValue, b: GoValue): boolean {
  return !lt(a, b);
}
