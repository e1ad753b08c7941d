/**
 * Sprig's dict functions over map[string]interface {} values, with Go's nil-map behaviour
 * (reads see an empty map, writes fail) and mergo's merge rules for merge and mergeOverwrite:
 * nested maps merge in place (sharing src's maps where dst had none), slices and scalars replace
 * empty dst values, or any dst value when overwriting.
 */
import type { FuncMap } from '../gotemplate/template-set.js';
import type { GoMap, GoValue } from '../gotemplate/value.js';
import { ANY, compareStrings, goFunc, isGoMap, mapGet, mapHas } from '../gotemplate/value.js';
import { stringSlice, strval } from './conversion.js';
import { isEmpty } from './reflection.js';

const M = 'map[string]interface {}';

function asMap(v: GoValue): GoMap {
  return isGoMap(v) ? v : {};
}

function writable(v: GoValue): GoMap {
  if (!isGoMap(v)) throw new Error('assignment to entry in nil map');
  return v;
}

function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareStrings);
}

function dict(args: GoValue[]): GoMap {
  const out: GoMap = {};
  for (let i = 0; i < args.length; i += 2) out[strval(args[i] ?? null)] = i + 1 < args.length ? (args[i + 1] ?? null) : '';
  return out;
}

function digFrom(dict: GoMap, fallback: GoValue, keys: string[]): GoValue {
  const [key = '', ...rest] = keys;
  if (!mapHas(dict, key)) return fallback;
  const step = mapGet(dict, key) ?? null;
  if (rest.length === 0) return step;
  if (!isGoMap(step)) throw new Error(`interface conversion: interface {} is ${step === null ? 'nil' : 'not a map'}, not map[string]interface {}`);
  return digFrom(step, fallback, rest);
}

function dig(args: GoValue[]): GoValue {
  if (args.length < 3) throw new Error('dig needs at least three arguments');
  const dict = args[args.length - 1];
  if (!isGoMap(dict)) throw new Error('interface conversion: interface {} is not map[string]interface {}');
  const keys = args.slice(0, -2).map((k) => {
    if (typeof k !== 'string') throw new Error('interface conversion: interface {} is not string');
    return k;
  });
  return digFrom(dict, args[args.length - 2] ?? null, keys);
}

/** mergo's deepMerge of one map into another (Merge, or MergeWithOverwrite when overwrite). */
export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const key of Object.keys(src)) {
    const s = src[key];
    if (s === null || s === undefined) {
      if (overwrite) dst[key] = null;
      continue;
    }
    const present = mapHas(dst, key);
    const d = mapGet(dst, key);
    if (isGoMap(s) && isGoMap(d)) mergeInto(d, s, overwrite);
    if (present && !isEmpty(d) && (isGoMap(s) || Array.isArray(s))) {
      if (Array.isArray(s) && overwrite) dst[key] = s;
      continue;
    }
    if (overwrite || !present || isEmpty(d)) dst[key] = s;
  }
}

function merge(args: GoValue[], overwrite: boolean): GoValue {
  const dst = isGoMap(args[0]) ? args[0] : {};
  for (const src of args.slice(1)) if (isGoMap(src)) mergeInto(dst, src, overwrite);
  return dst;
}

function keyArgs(a: GoValue[]): Set<string> {
  return new Set(a.slice(1).map((k) => String(k)));
}

/** The dicts family. */
export function dictFuncs(): FuncMap {
  const mergeF = goFunc([M], (a) => merge(a, false), M);
  const mergeOver = goFunc([M], (a) => merge(a, true), M);
  return {
    dict: goFunc([], dict, ANY),
    get: goFunc([M, 'string'], (a) => (mapHas(asMap(a[0]), String(a[1])) ? (mapGet(asMap(a[0]), String(a[1])) ?? null) : '')),
    set: goFunc([M, 'string', ANY], (a) => {
      writable(a[0])[String(a[1])] = a[2] ?? null;
      return a[0] ?? null;
    }),
    unset: goFunc([M, 'string'], (a) => {
      if (isGoMap(a[0])) delete a[0][String(a[1])];
      return a[0] ?? null;
    }),
    hasKey: goFunc([M, 'string'], (a) => mapHas(asMap(a[0]), String(a[1]))),
    pluck: goFunc(['string'], (a) => a.slice(1).filter((d) => mapHas(asMap(d), String(a[0]))).map((d) => mapGet(asMap(d), String(a[0])) ?? null), M),
    keys: goFunc([], (a) => stringSlice(a.flatMap((d) => sortedKeys(asMap(d)))), M),
    pick: goFunc([M], (a) => Object.fromEntries([...keyArgs(a)].filter((k) => mapHas(asMap(a[0]), k)).map((k) => [k, mapGet(asMap(a[0]), k) ?? null])), 'string'),
    omit: goFunc([M], (a) => Object.fromEntries(Object.entries(asMap(a[0])).filter(([k]) => !keyArgs(a).has(k))), 'string'),
    values: goFunc([M], (a) => sortedKeys(asMap(a[0])).map((k) => mapGet(asMap(a[0]), k) ?? null)),
    dig: goFunc([], dig, ANY),
    merge: mergeF,
    mustMerge: mergeF,
    mergeOverwrite: mergeOver,
    mustMergeOverwrite: mergeOver,
  };
}
