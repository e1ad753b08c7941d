/**
 * Sprig's list functions. Like Sprig they accept any Go slice, return `[]interface {}`, report a
 * non-slice as "Cannot <op> on type <kind>", and compare items with reflect.DeepEqual.
 */
import type { FuncMap } from '../gotemplate/template-set.js';
import type { GoValue } from '../gotemplate/value.js';
import { ANY, goFunc, typeName, withGoType } from '../gotemplate/value.js';
import { isSlice, nilSlice, toInt64 } from './conversion.js';
import { deepEqual, isEmpty, kindName } from './reflection.js';

const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

/** The items of a slice argument, or Sprig's error for anything else. */
function itemsOf(list: GoValue, message: string): readonly GoValue[] {
  if (list === null || list === undefined) throw new Error(NIL_DEREF);
  if (!isSlice(list)) throw new Error(`${message} ${kindName(list)}`);
  return list;
}

function inList(haystack: readonly GoValue[], needle: GoValue): boolean {
  return haystack.some((h) => deepEqual(needle, h));
}

function uniq(list: GoValue): GoValue[] {
  const out: GoValue[] = [];
  for (const item of itemsOf(list, 'Cannot find uniq on type')) if (!inList(out, item)) out.push(item);
  return out;
}

function has(needle: GoValue, haystack: GoValue): boolean {
  if (haystack === null || haystack === undefined) return false;
  return inList(itemsOf(haystack, 'Cannot find has on type'), needle);
}

function sliceList(list: GoValue, indices: GoValue[]): GoValue {
  const items = itemsOf(list, 'list should be type of slice or array but');
  if (items.length === 0) return null;
  const start = indices.length > 0 ? Number(toInt64(indices[0] ?? null)) : 0;
  const end = indices.length > 1 ? Number(toInt64(indices[1] ?? null)) : items.length;
  if (start < 0 || end < start || end > items.length) throw new Error('reflect: slice index out of range');
  const out = items.slice(start, end);
  const type = typeName(items);
  return type === '[]interface {}' ? out : withGoType(out, type);
}

function chunk(size: number, list: GoValue): GoValue {
  const items = itemsOf(list, 'Cannot chunk type');
  const l = items.length;
  const count = Math.floor((l - 1) / size) + 1;
  if (!Number.isFinite(count) || count < 0) throw new Error('runtime error: makeslice: len out of range');
  const out: GoValue[] = [];
  for (let i = 0; i < count; i++) {
    let len = size;
    if (i === count - 1) len = Math.floor(l % size) || size;
    if (len < 0) throw new Error('runtime error: makeslice: len out of range');
    out.push(items.slice(i * size, i * size + len));
  }
  return withGoType(out, '[][]interface {}');
}

function concat(lists: GoValue[]): GoValue {
  const out: GoValue[] = [];
  for (const list of lists) out.push(...itemsOf(list, 'Cannot concat type').values());
  return out.length === 0 ? nilSlice() : out;
}

function restOf(list: GoValue, op: string, from: number, to: number): GoValue {
  const items = itemsOf(list, `Cannot find ${op} on type`);
  return items.length === 0 ? nilSlice() : items.slice(from, items.length + to);
}

function edge(list: GoValue, op: string, last: boolean): GoValue {
  const items = itemsOf(list, `Cannot find ${op} on type`);
  if (items.length === 0) return null;
  return (last ? items[items.length - 1] : items[0]) ?? null;
}

/** Each list function under its plain name and its `must` name (Sprig's two spellings). */
function pair(name: string, mustName: string, f: ReturnType<typeof goFunc>): FuncMap {
  return { [name]: f, [mustName]: f };
}

/** The lists family. */
export function listFuncs(): FuncMap {
  const push = goFunc([ANY, ANY], (a) => [...itemsOf(a[0], 'Cannot push on type'), a[1] ?? null]);
  return {
    list: goFunc([], (a) => [...a], ANY),
    tuple: goFunc([], (a) => [...a], ANY),
    append: push,
    push,
    mustAppend: push,
    mustPush: push,
    ...pair('prepend', 'mustPrepend', goFunc([ANY, ANY], (a) => [a[1] ?? null, ...itemsOf(a[0], 'Cannot prepend on type')])),
    ...pair('first', 'mustFirst', goFunc([ANY], (a) => edge(a[0], 'first', false))),
    ...pair('last', 'mustLast', goFunc([ANY], (a) => edge(a[0], 'last', true))),
    ...pair('rest', 'mustRest', goFunc([ANY], (a) => restOf(a[0], 'rest', 1, 0))),
    ...pair('initial', 'mustInitial', goFunc([ANY], (a) => restOf(a[0], 'initial', 0, -1))),
    ...pair('reverse', 'mustReverse', goFunc([ANY], (a) => [...itemsOf(a[0], 'Cannot find reverse on type')].reverse())),
    ...pair('uniq', 'mustUniq', goFunc([ANY], (a) => uniq(a[0]))),
    ...pair('without', 'mustWithout', goFunc([ANY], (a) => itemsOf(a[0], 'Cannot find without on type').filter((v) => !inList(a.slice(1), v)), ANY)),
    ...pair('has', 'mustHas', goFunc([ANY, ANY], (a) => has(a[0], a[1]))),
    ...pair('slice', 'mustSlice', goFunc([ANY], (a) => sliceList(a[0], a.slice(1)), ANY)),
    ...pair('compact', 'mustCompact', goFunc([ANY], (a) => itemsOf(a[0], 'Cannot compact on type').filter((v) => !isEmpty(v)))),
    ...pair('chunk', 'mustChunk', goFunc(['int', ANY], (a) => chunk(Number(toInt64(a[0] ?? null)), a[1]))),
    concat: goFunc([], (a) => concat(a), ANY),
  };
}
