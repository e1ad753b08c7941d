/**
 * How Go's text/template turns arguments into a function's parameters: literal constants take
 * the parameter's type (`3` is an int, or a float64 for a float64 parameter), and evaluated
 * values must be assignable to it. Failures throw an Error with Go's message; the executor adds
 * the template location.
 */
import type { ArgNode, NumberNode } from './ast.js';
import { nodeString } from './ast.js';
import type { GoType, GoValue, IntKind } from './value.js';
import { ANY, GoComplex, GoInt, REFLECT_VALUE, typeName } from './value.js';

const SIGNED = new Set(['int', 'int8', 'int16', 'int32', 'int64']);
const UNSIGNED = new Set(['uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr']);

/** True for parameter types that accept nil: interfaces, slices, maps, funcs, pointers. */
export function canBeNil(typ: GoType): boolean {
  return typ === ANY || typ === REFLECT_VALUE || /^(\[\]|map\[|func\(|\*)/.test(typ);
}

/** True when a value of v's type may be passed as typ. */
export function assignable(v: GoValue, typ: GoType): boolean {
  return typ === ANY || typ === REFLECT_VALUE || typeName(v) === typ;
}

/** Checks an evaluated value against a parameter type (Go's validateType); undefined typ = raw. */
export function validateType(value: GoValue, typ: GoType | undefined): GoValue {
  if (typ === undefined || typ === REFLECT_VALUE) return value;
  if (value === undefined) {
    if (canBeNil(typ)) return null;
    throw new Error(`invalid value; expected ${typ}`);
  }
  if (value === null) {
    if (typ === ANY) return null;
    throw new Error(`wrong type for value; expected ${typ}; got interface {}`);
  }
  if (assignable(value, typ)) return value;
  throw new Error(`wrong type for value; expected ${typ}; got ${typeName(value)}`);
}

/** Converts a value for a parameter the way Go's call and index do (prepareArg). */
export function prepareArg(value: GoValue, typ: GoType): GoValue {
  if (value === undefined || value === null) {
    if (!canBeNil(typ)) throw new Error(`value is nil; should be of type ${typ}`);
    return typ === REFLECT_VALUE ? value : null;
  }
  if (assignable(value, typ)) return value;
  if (value instanceof GoInt && (SIGNED.has(typ) || UNSIGNED.has(typ))) return new GoInt(value.value, typ as IntKind);
  throw new Error(`value has type ${typeName(value)}; should be ${typ}`);
}

/** The value a numeric constant has where any type may go (Go's idealConstant). */
export function idealConstant(n: NumberNode): GoValue {
  if (n.isComplex) return new GoComplex(n.complex.re, n.complex.im);
  const hexInt = /^0[xX]/.test(n.text) && !/[pP]/.test(n.text);
  const runeInt = n.text.startsWith("'");
  if (n.isFloat && !hexInt && !runeInt && /[.eEpP]/.test(n.text)) return n.float;
  if (n.isInt) return new GoInt(n.int);
  if (n.isUint) throw new Error(`${n.text} overflows int`);
  return undefined;
}

/** The value of a constant argument for a parameter of type typ (Go's evalArg on literals). */
export function constantArg(n: ArgNode, typ: GoType): GoValue {
  if (typ === ANY || typ === REFLECT_VALUE) return emptyInterfaceConstant(n);
  if (typ === 'bool') {
    if (n.kind === 'bool') return n.value;
    throw new Error(`expected bool; found ${nodeString(n)}`);
  }
  if (typ === 'string') {
    if (n.kind === 'string') return n.text;
    throw new Error(`expected string; found ${nodeString(n)}`);
  }
  return numericConstant(n, typ);
}

/** Per numeric parameter kind: which facts a constant needs, its value, and Go's complaint. */
const NUMERIC: Array<{ types: ReadonlySet<string>; fits: (n: NumberNode) => boolean; value: (n: NumberNode, typ: GoType) => GoValue; want: string }> = [
  { types: SIGNED, fits: (n) => n.isInt, value: (n, typ) => new GoInt(n.int, typ as IntKind), want: 'integer' },
  { types: UNSIGNED, fits: (n) => n.isUint, value: (n, typ) => new GoInt(n.uint, typ as IntKind), want: 'unsigned integer' },
  { types: new Set(['float64', 'float32']), fits: (n) => n.isFloat, value: (n) => n.float, want: 'float' },
  { types: new Set(['complex128', 'complex64']), fits: (n) => n.isComplex, value: (n) => new GoComplex(n.complex.re, n.complex.im), want: 'complex' },
];

function numericConstant(n: ArgNode, typ: GoType): GoValue {
  const kind = NUMERIC.find((k) => k.types.has(typ));
  if (kind === undefined) throw new Error(`can't handle ${nodeString(n)} for arg of type ${typ}`);
  if (n.kind === 'number' && kind.fits(n)) return kind.value(n, typ);
  throw new Error(`expected ${kind.want}; found ${nodeString(n)}`);
}

function emptyInterfaceConstant(n: ArgNode): GoValue {
  switch (n.kind) {
    case 'bool':
      return n.value;
    case 'number':
      return idealConstant(n);
    case 'string':
      return n.text;
    default:
      throw new Error(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }
}
