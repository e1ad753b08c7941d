/**
 * Sprig's reflection functions (typeOf, typeIs, typeIsLike, kindOf, kindIs, deepEqual) and the
 * reflect-style helpers the other families share: Go kinds, emptiness and deep equality.
 */
import { sprint } from '../gotemplate/fmt.js';
import type { FuncMap } from '../gotemplate/template-set.js';
import type { GoValue } from '../gotemplate/value.js';
import { ANY, GoComplex, GoFunc, GoInt, GoStruct, goFunc, isGoMap, typeName } from '../gotemplate/value.js';

/** reflect.Kind's name for a value ("invalid" for nil), as kindOf prints it. */
export function kindName(v: GoValue): string {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
  }
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoComplex) return 'complex128';
  if (v instanceof GoFunc) return 'func';
  if (v instanceof GoStruct) return v.typeName.startsWith('*') ? 'ptr' : 'struct';
  return Array.isArray(v) ? 'slice' : 'map';
}

/** Sprig's empty: nil, zero numbers, false, empty strings, slices and maps. Structs never are. */
export function isEmpty(v: GoValue): boolean {
  if (v === undefined || v === null) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'number':
      return v === 0;
    case 'boolean':
      return !v;
  }
  if (v instanceof GoInt) return v.value === 0n;
  if (v instanceof GoComplex) return v.re === 0 && v.im === 0;
  if (v instanceof GoStruct || v instanceof GoFunc) return false;
  if (Array.isArray(v)) return v.length === 0;
  return Object.keys(v).length === 0;
}

/** reflect.DeepEqual over template values: same Go types and deeply equal contents. */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null || y === null) return x === y;
  if (typeName(x) !== typeName(y)) return false;
  if (typeof x !== 'object') return x === y;
  if (x instanceof GoInt) return x.value === (y as GoInt).value;
  if (x instanceof GoComplex) return x.re === (y as GoComplex).re && x.im === (y as GoComplex).im;
  if (x instanceof GoFunc) return false;
  if (x instanceof GoStruct) return x === y || sameFields(x, y as GoStruct);
  if (Array.isArray(x)) return sameItems(x as readonly GoValue[], y as readonly GoValue[]);
  return isGoMap(x) && isGoMap(y) && sameEntries(x, y);
}

function sameFields(x: GoStruct, y: GoStruct): boolean {
  const keys = Object.keys(x.fields);
  if (keys.length === 0) return sprint([x]) === sprint([y]);
  return keys.every((k) => deepEqual(x.fields[k], y.fields[k]));
}

function sameItems(x: readonly GoValue[], y: readonly GoValue[]): boolean {
  return x.length === y.length && x.every((v, i) => deepEqual(v, y[i]));
}

function sameEntries(x: Readonly<Record<string, GoValue>>, y: Readonly<Record<string, GoValue>>): boolean {
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(y, k) && deepEqual(x[k], y[k]));
}

/** Sprig's typeOf: the `%T` of a value. */
export function typeOf(v: GoValue): string {
  return typeName(v ?? null);
}

/** The reflection family: typeOf, typeIs, typeIsLike, kindOf, kindIs, deepEqual. */
export function reflectionFuncs(): FuncMap {
  return {
    typeOf: goFunc([ANY], (a) => typeOf(a[0])),
    typeIs: goFunc(['string', ANY], (a) => a[0] === typeOf(a[1])),
    typeIsLike: goFunc(['string', ANY], (a) => {
      const t = typeOf(a[1]);
      return a[0] === t || `*${String(a[0])}` === t;
    }),
    kindOf: goFunc([ANY], (a) => kindName(a[0])),
    kindIs: goFunc(['string', ANY], (a) => a[0] === kindName(a[1])),
    deepEqual: goFunc([ANY, ANY], (a) => deepEqual(a[0], a[1])),
  };
}
