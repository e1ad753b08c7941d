/**
 * The builtin functions of Go's text/template. `and` and `or` are also special-cased by the
 * executor, which evaluates their arguments lazily; the entries here give their signatures.
 */
import { eq, ge, gt, le, lt, ne } from './compare.js';
import { sprint, sprintln } from './fmt.js';
import { sprintf } from './fmt-printf.js';
import { escaperInput, htmlEscape, jsEscape, urlQueryEscape } from './escape.js';
import { prepareArg } from './exec-args.js';
import type { FuncContext, GoValue } from './value.js';
import { ANY, GoFunc, GoInt, REFLECT_VALUE, byteLength, goFunc, goInt, isGoMap, isTrue, mapGet, mapHas, typeName } from './value.js';

const V = REFLECT_VALUE;

/** Go's indirectInterface: a nil interface is "no value". */
function unwrap(v: GoValue): GoValue {
  return v === null ? undefined : v;
}

function truth(v: GoValue): boolean {
  return isTrue(unwrap(v));
}

function indexArg(index: GoValue, cap: number): number {
  const i = unwrap(index);
  if (i === undefined) throw new Error('cannot index slice/array with nil');
  if (!(i instanceof GoInt)) throw new Error(`cannot index slice/array with type ${typeName(i)}`);
  if (i.value < 0n || i.value > BigInt(cap)) throw new Error(`index out of range: ${i.value}`);
  return Number(i.value);
}

function indexOne(item: GoValue, index: GoValue): GoValue {
  if (item === null) throw new Error('index of nil pointer');
  if (typeof item === 'string') {
    const bytes = Buffer.from(item, 'utf8');
    const x = indexArg(index, bytes.length);
    if (x >= bytes.length) throw new Error(`index out of range: ${x}`);
    return goInt(bytes[x] ?? 0, 'uint8');
  }
  if (Array.isArray(item)) {
    const x = indexArg(index, item.length);
    if (x >= item.length) throw new Error(`index out of range: ${x}`);
    return (item as readonly GoValue[])[x];
  }
  if (isGoMap(item)) {
    const key = prepareArg(unwrap(index), 'string') as string;
    return mapHas(item, key) ? mapGet(item, key) : null;
  }
  throw new Error(`can't index item of type ${typeName(item)}`);
}

function index(args: GoValue[]): GoValue {
  let item = unwrap(args[0]);
  if (item === undefined) throw new Error('index of untyped nil');
  for (const i of args.slice(1)) item = indexOne(item, i);
  return item;
}

function sliceLength(item: GoValue, indexes: number): number {
  if (typeof item === 'string') {
    if (indexes === 3) throw new Error('cannot 3-index slice a string');
    return byteLength(item);
  }
  if (Array.isArray(item)) return item.length;
  throw new Error(`can't slice item of type ${typeName(item)}`);
}

function slice(args: GoValue[]): GoValue {
  const item = unwrap(args[0]);
  const indexes = args.slice(1);
  if (item === undefined) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  const length = sliceLength(item, indexes.length);
  const idx = [0, length, length];
  indexes.forEach((x, i) => (idx[i] = indexArg(x, length)));
  const [i = 0, j = 0, k = 0] = idx;
  if (i > j) throw new Error(`invalid slice index: ${i} > ${j}`);
  if (indexes.length === 3 && j > k) throw new Error(`invalid slice index: ${j} > ${k}`);
  if (typeof item === 'string') return Buffer.from(item, 'utf8').subarray(i, j).toString('utf8');
  return (item as readonly GoValue[]).slice(i, j);
}

function length(args: GoValue[]): GoValue {
  const item = args[0];
  if (item === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  if (item === null) throw new Error('len of nil pointer');
  if (typeof item === 'string') return goInt(byteLength(item));
  if (Array.isArray(item)) return goInt(item.length);
  if (isGoMap(item)) return goInt(Object.keys(item).length);
  throw new Error(`len of type ${typeName(item)}`);
}

function call(args: GoValue[], context: FuncContext): GoValue {
  const fn = unwrap(args[0]);
  const rest = args.slice(1);
  if (fn === undefined) throw new Error('call of nil');
  if (!(fn instanceof GoFunc)) throw new Error(`non-function of type ${typeName(fn)}`);
  const { params, variadic } = fn.signature;
  if (variadic === undefined ? rest.length !== params.length : rest.length < params.length) {
    const want = variadic === undefined ? `${params.length}` : `at least ${params.length}`;
    throw new Error(`wrong number of args: got ${rest.length} want ${want}`);
  }
  const argv = rest.map((a, i) => {
    try {
      return prepareArg(unwrap(a), params[i] ?? variadic ?? ANY);
    } catch (error) {
      throw new Error(`arg ${i}: ${(error as Error).message}`);
    }
  });
  return fn.impl(argv, context);
}

/** The builtin function map of Go's text/template, by name. */
export function builtinFuncs(): ReadonlyMap<string, GoFunc> {
  return new Map<string, GoFunc>([
    ['and', goFunc([V], (a) => a.find((v) => !truth(v)) ?? a[a.length - 1], V)],
    ['or', goFunc([V], (a) => a.find((v) => truth(v)) ?? a[a.length - 1], V)],
    ['not', goFunc([V], (a) => !truth(a[0]))],
    ['call', goFunc([V], call, V)],
    ['html', goFunc([], (a) => htmlEscape(escaperInput(a)), ANY)],
    ['js', goFunc([], (a) => jsEscape(escaperInput(a)), ANY)],
    ['urlquery', goFunc([], (a) => urlQueryEscape(escaperInput(a)), ANY)],
    ['index', goFunc([V], index, V)],
    ['slice', goFunc([V], slice, V)],
    ['len', goFunc([V], length)],
    ['print', goFunc([], (a) => sprint(a), ANY)],
    ['printf', goFunc(['string'], (a) => sprintf(a[0] as string, a.slice(1)), ANY)],
    ['println', goFunc([], (a) => sprintln(a), ANY)],
    ['eq', goFunc([V], (a) => eq(a[0], a.slice(1)), V)],
    ['ne', goFunc([V, V], (a) => ne(a[0], a[1]))],
    ['lt', goFunc([V, V], (a) => lt(a[0], a[1]))],
    ['le', goFunc([V, V], (a) => le(a[0], a[1]))],
    ['gt', goFunc([V, V], (a) => gt(a[0], a[1]))],
    ['ge', goFunc([V, V], (a) => ge(a[0], a[1]))],
  ]);
}

