/**
 * Indexing parameter sets by merge key, as the merge generator does: the key is Go's json.Marshal
 * of the merge-key subset (keys sorted, compact, <>& escaped), and two sets with one key are an
 * error.
 */
import { InputError } from '../../core/index.js';
import type { ParamSet } from '../types.js';

/** Go's json.Marshal of a JSON-shaped value (map keys sorted, HTML characters escaped). */
export function goJson(value: unknown): string {
  const encode = (v: unknown): string => {
    if (v === undefined || v === null) return 'null';
    if (Array.isArray(v)) return `[${v.map(encode).join(',')}]`;
    if (typeof v === 'object') {
      const keys = Object.keys(v as object).sort();
      return `{${keys.map((k) => `${encode(k)}:${encode((v as Record<string, unknown>)[k])}`).join(',')}}`;
    }
    return JSON.stringify(v);
  };
  return encode(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Parameter sets keyed by their merge-key JSON; throws when two share a key or no key is given. */
export function paramSetsByMergeKey(mergeKeys: readonly string[], paramSets: readonly ParamSet[]): Map<string, ParamSet> {
  if (mergeKeys.length < 1) throw new InputError('no merge keys were specified');
  const keys = [...new Set(mergeKeys)];
  const out = new Map<string, ParamSet>();
  for (const set of paramSets) {
    const subset: Record<string, unknown> = {};
    for (const k of keys) subset[k] = set[k] ?? null;
    const key = goJson(subset);
    if (out.has(key)) {
      throw new InputError(`the parameters from a generator were not unique by the given mergeKeys, Merge requires all param sets to be unique. Duplicate key was ${key}`);
    }
    out.set(key, set);
  }
  return out;
}
