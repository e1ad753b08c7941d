/**
 * Helm's values coalescing (chartutil coalesce.go): chart defaults under user values, a null user
 * value deleting the key, subchart sections coalesced with each subchart's defaults, and globals
 * copied from a parent into every subchart. `merge` mode keeps nulls (used for import-values).
 */
import type { HelmChart, Values } from './chart.js';
import { isYamlMap } from './go-yaml-read.js';
import type { YamlValue } from './go-yaml-read.js';

/** The key whose table flows from a chart into all of its subcharts. */
export const GLOBAL_KEY = 'global';

type Table = { [key: string]: YamlValue };

/** A deep copy of a values tree. */
export function copyValues<T extends YamlValue>(v: T): T {
  return structuredClone(v);
}

/** A deep copy without null entries (chart defaults never leave a null key behind). */
function withoutNulls(v: YamlValue): YamlValue {
  if (!isYamlMap(v)) return copyValues(v);
  const out: Table = {};
  for (const [k, e] of Object.entries(v)) if (e !== null) out[k] = withoutNulls(e);
  return out;
}

function copyFromDefaults(v: YamlValue, merge: boolean): YamlValue {
  return merge ? copyValues(v) : withoutNulls(v);
}

/** Merges src into dst, dst winning (Helm's coalesceTablesFullKey); mutates and returns dst. */
export function coalesceTables(dst: Table, src: Table | undefined, merge: boolean): Table {
  if (src === undefined) return dst;
  for (const [key, val] of Object.entries(src)) {
    const has = Object.prototype.hasOwnProperty.call(dst, key);
    const dv = dst[key];
    if (has && !merge && dv === null) delete dst[key];
    else if (!has) {
      if (merge || val !== null) dst[key] = copyFromDefaults(val, merge);
    } else if (isYamlMap(val) && isYamlMap(dv)) coalesceTables(dv, val, merge);
  }
  return dst;
}

function isSubchart(chart: HelmChart, key: string): boolean {
  return chart.dependencies.some((d) => d.metadata.name === key);
}

/** Folds a chart's own defaults into `v` (Helm's coalesceValues). */
function coalesceOwnValues(chart: HelmChart, v: Table, merge: boolean): void {
  for (const [key, val] of Object.entries(chart.values)) {
    if (!Object.prototype.hasOwnProperty.call(v, key)) {
      if (merge || val !== null) v[key] = copyFromDefaults(val, merge);
      continue;
    }
    const value = v[key];
    if (value === null && !merge) delete v[key];
    else if (isYamlMap(value) && isYamlMap(val)) coalesceTables(value, copyValues(val), merge || isSubchart(chart, key));
  }
}

/** Copies a parent's globals into a subchart's values, the parent winning (coalesceGlobals). */
function coalesceGlobals(dest: Table, src: Table): void {
  const dg = dest[GLOBAL_KEY] ?? {};
  const sg = src[GLOBAL_KEY] ?? {};
  if (!isYamlMap(dg) || !isYamlMap(sg)) return;
  for (const [key, val] of Object.entries(sg)) {
    if (isYamlMap(val)) {
      const copy = copyValues(val);
      const existing = dg[key];
      if (existing === undefined) dg[key] = copy;
      else if (isYamlMap(existing)) dg[key] = coalesceTables(copy, existing, true);
    } else if (!isYamlMap(dg[key])) {
      dg[key] = val;
    }
  }
  dest[GLOBAL_KEY] = dg;
}

function coalesceDeps(chart: HelmChart, dest: Table, merge: boolean): Table {
  for (const sub of chart.dependencies) {
    const name = sub.metadata.name;
    const current = dest[name];
    if (current === undefined || (current === null && !merge)) dest[name] = {};
    else if (!isYamlMap(current)) throw new Error(`type mismatch on ${name}: ${JSON.stringify(current)}`);
    const section = dest[name] as Table;
    coalesceGlobals(section, dest);
    dest[name] = coalesceChart(sub, section, merge);
  }
  return dest;
}

function coalesceChart(chart: HelmChart, dest: Table, merge: boolean): Table {
  coalesceOwnValues(chart, dest, merge);
  return coalesceDeps(chart, dest, merge);
}

/** Helm's CoalesceValues: the chart's defaults (and its subcharts') under a copy of `user`. */
export function coalesceValues(chart: HelmChart, user: Values): Values {
  return coalesceChart(chart, copyValues(user), false);
}

/** Helm's MergeValues: as coalesceValues, but nulls are kept. */
export function mergeValues(chart: HelmChart, user: Values): Values {
  return coalesceChart(chart, copyValues(user), true);
}
