/**
 * How matrix and merge combine two parameter sets. fasttemplate sets are string maps (values
 * through Go's %v); goTemplate sets merge deeply as mergo.Merge(WithOverride) does: nested maps
 * merge, anything else is replaced by the overriding side.
 */
import { InputError } from '../../core/index.js';
import type { ParamSet } from '../types.js';
import { goString } from './params.js';

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep merge: `override` wins, maps merge key by key. */
export function mergeOverride(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) {
    if (v === undefined || v === null) continue;
    const current = out[k];
    out[k] = isMap(current) && isMap(v) ? mergeOverride(current, v) : v;
  }
  return out;
}

function toStrings(set: ParamSet): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(set)) out[k] = goString(v);
  return out;
}

/** utils.CombineStringMaps: a union of two string maps; one key with two values is an error. */
export function combineStringMaps(a: ParamSet, b: ParamSet): Record<string, string> {
  const out = toStrings(a);
  for (const [k, v] of Object.entries(toStrings(b))) {
    const current = out[k];
    if (current !== undefined && current !== v) throw new InputError(`found duplicate key ${k} with different value, a: ${current} ,b: ${v}`);
    out[k] = v;
  }
  return out;
}

/** utils.CombineStringMapsAllowDuplicates: `b` wins. */
export function combineStringMapsAllowDuplicates(a: ParamSet, b: ParamSet): Record<string, string> {
  return { ...toStrings(a), ...toStrings(b) };
}
