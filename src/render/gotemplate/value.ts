/**
 * The Go value model the template engine works on. JSON-shaped data maps onto it directly: a JS
 * number is a float64 (as Go's encoding/json decodes numbers), a plain object is a
 * map[string]interface {}, an array is a []interface {}, null is a nil interface and undefined is
 * Go's invalid reflect.Value ("no value", what a missing map key yields). Go-only types have
 * small classes: typed integers, complex numbers, structs with methods and functions.
 */

/** Go's integer kinds, by their Go type names. */
export type IntKind =
  | 'int'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'uintptr';

/** A Go integer of a definite kind (template literals like `3` are `int`); 64-bit exact. */
export class GoInt {
  constructor(
    readonly value: bigint,
    readonly kind: IntKind = 'int',
  ) {}

  /** True for the unsigned kinds. */
  get unsigned(): boolean {
    return this.kind.startsWith('u');
  }
}

/** A Go complex128, from template literals like `1+2i`. */
export class GoComplex {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
}

/** A Go map[string]interface {}: a plain object, its own enumerable keys being the entries. */
export interface GoMap {
  [key: string]: GoValue;
}

/** Any value a template can see. See the module comment for the mapping from JS. */
export type GoValue =
  | undefined
  | null
  | boolean
  | string
  | number
  | GoInt
  | GoComplex
  | GoStruct
  | GoFunc
  | readonly GoValue[]
  | GoMap;

/**
 * A Go parameter type, by Go's spelling: `interface {}` (any value; "no value" arrives as nil),
 * `reflect.Value` (the raw value, "no value" included), or a concrete type name such as
 * `string`, `int`, `float64`, `bool`, `[]interface {}` that an argument must have exactly.
 */
export type GoType = string;

/** The Go type that accepts anything. */
export const ANY: GoType = 'interface {}';
/** The pseudo type of parameters that receive the raw value, as Go's builtins declare them. */
export const REFLECT_VALUE: GoType = 'reflect.Value';

/** What a function sees of the running template (for Helm's include and tpl). */
export interface FuncContext {
  /** Executes a named template of the running set with `data` as dot and returns its output. */
  executeTemplate(name: string, data: GoValue): string;
}

/** The signature of a Go function as the engine type-checks arguments against it. */
export interface GoSignature {
  readonly params: readonly GoType[];
  /** The element type of a trailing `...T` parameter, when the function is variadic. */
  readonly variadic?: GoType;
}

/** The implementation of a Go function: receives checked arguments, returns a value or throws. */
export type GoFuncImpl = (args: GoValue[], context: FuncContext) => GoValue;

/**
 * A Go function: a template function (builtin, Sprig, Helm) or a func value in data for `call`.
 * Arguments are checked against `signature` as Go's text/template checks them; a thrown Error is
 * reported as Go reports a function's error result ("error calling NAME: ...").
 */
export class GoFunc {
  constructor(
    readonly signature: GoSignature,
    readonly impl: GoFuncImpl,
  ) {}
}

/** Builds a GoFunc from parameter types (and an optional variadic element type). */
export function goFunc(params: readonly GoType[], impl: GoFuncImpl, variadic?: GoType): GoFunc {
  return new GoFunc(variadic === undefined ? { params } : { params, variadic }, impl);
}

/**
 * A Go struct value with ordered fields and optional methods (Helm's `.Release`, `.Files`,
 * `.Capabilities`). Methods win over fields of the same name, as in Go.
 */
export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly fields: Readonly<Record<string, GoValue>>,
    readonly methods: Readonly<Record<string, GoFunc>> = {},
  ) {}
}

/** Makes a Go int. */
export function goInt(n: number | bigint, kind: IntKind = 'int'): GoInt {
  return new GoInt(typeof n === 'bigint' ? n : BigInt(Math.trunc(n)), kind);
}

/** True for a plain object, which the engine treats as a Go map[string]interface {}. */
export function isGoMap(v: unknown): v is GoMap {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** True for an array, which the engine treats as a Go []interface {}. */
export function isGoSlice(v: unknown): v is readonly GoValue[] {
  return Array.isArray(v);
}

/** The entry of a map, or undefined when the key is absent (own keys only). */
export function mapGet(m: GoMap, key: string): GoValue {
  return Object.prototype.hasOwnProperty.call(m, key) ? m[key] : undefined;
}

/** True when the map has the key (own keys only). */
export function mapHas(m: GoMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** A map's keys in Go's printing and ranging order (byte-wise for strings). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareStrings);
}

/** Compares strings by UTF-8 bytes, as Go does (code point order equals UTF-8 byte order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done === true) return y.done === true ? 0 : -1;
    if (y.done === true) return 1;
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

const GO_TYPE = Symbol.for('gantry.render.goType');

/**
 * Marks a slice or map with a more specific Go type than `[]interface {}` or
 * `map[string]interface {}` (Sprig's `[]string`, `[]int`, `map[string]string`), so that `%T` and
 * parameter type checks see it as Go does. The marker is non-enumerable: copies drop it.
 */
export function withGoType<T extends readonly GoValue[] | GoMap>(v: T, type: string): T {
  Object.defineProperty(v, GO_TYPE, { value: type, enumerable: false, configurable: true, writable: true });
  return v;
}

function markedType(v: object): string | undefined {
  const t = (v as { [GO_TYPE]?: unknown })[GO_TYPE];
  return typeof t === 'string' ? t : undefined;
}

/** The Go type name of a value, as `%T` prints it. */
export function typeName(v: GoValue): string {
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
  }
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoComplex) return 'complex128';
  if (v instanceof GoStruct) return v.typeName;
  if (v instanceof GoFunc) return funcTypeName(v.signature);
  return containerTypeName(v);
}

function containerTypeName(v: object): string {
  return markedType(v) ?? (Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}');
}

function funcTypeName(sig: GoSignature): string {
  const params = [...sig.params];
  if (sig.variadic !== undefined) params.push(`...${sig.variadic}`);
  return `func(${params.join(', ')}) interface {}`;
}

/** Go's truth: false, 0, nil, and empty strings, slices and maps are false. */
export function isTrue(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
  }
  if (v instanceof GoInt) return v.value !== 0n;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  if (v instanceof GoStruct || v instanceof GoFunc) return true;
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v).length > 0;
}

/** The UTF-8 length of a string in bytes, which is what Go's len and indexes count. */
export function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
