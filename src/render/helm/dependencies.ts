/**
 * Helm's dependency processing (chartutil dependencies.go): aliases, enabling and disabling
 * subcharts by tags and conditions against the coalesced values, and import-values (child
 * `exports` or child/parent pairs) merged under the parent's own values.
 */
import { semverCompare } from '../sprig/semver.js';
import type { ChartDependency, HelmChart, Values } from './chart.js';
import { isYamlMap } from './go-yaml-read.js';
import type { YamlValue } from './go-yaml-read.js';
import { coalesceTables, coalesceValues, copyValues, mergeValues } from './values-coalesce.js';

function isCompatible(constraint: string, version: string): boolean {
  if (constraint.trim() === '') return true;
  try {
    return semverCompare(constraint, version);
  } catch {
    return false;
  }
}

function renamed(chart: HelmChart, name: string): HelmChart {
  return { ...chart, metadata: { ...chart.metadata, name } };
}

function matches(chart: HelmChart, req: ChartDependency): boolean {
  return chart.metadata.name === req.name && isCompatible(req.version, chart.metadata.version);
}

/** Helm's getAliasDependency plus the subcharts no requirement names. */
function resolveAliases(chart: HelmChart): { charts: HelmChart[]; reqs: ChartDependency[] } {
  const charts = chart.dependencies.filter((c) => !chart.metadata.dependencies.some((r) => matches(c, r)));
  const reqs = chart.metadata.dependencies.map((req) => {
    const found = chart.dependencies.find((c) => matches(c, req));
    if (found !== undefined) charts.push(req.alias === '' ? found : renamed(found, req.alias));
    return { ...req, name: req.alias === '' ? req.name : req.alias, enabled: true };
  });
  return { charts, reqs };
}

/** Reads a dotted path of tables; undefined when a step is missing or not a table. */
export function pathValue(values: YamlValue, dotted: string): YamlValue | undefined {
  let cur: YamlValue | undefined = values;
  for (const part of dotted.split('.')) {
    if (!isYamlMap(cur) || !Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function tagState(req: ChartDependency, tags: YamlValue | undefined): boolean {
  if (!isYamlMap(tags)) return req.enabled;
  const states = req.tags.map((t) => tags[t]).filter((v): v is boolean => typeof v === 'boolean');
  const hasTrue = states.includes(true);
  const hasFalse = states.includes(false);
  return !(!hasTrue && hasFalse);
}

function conditionState(req: ChartDependency, cvals: Values, prefix: string, current: boolean): boolean {
  for (const c of req.condition.trim().split(',')) {
    if (c === '') continue;
    const v = pathValue(cvals, prefix + c);
    if (typeof v === 'boolean') return v;
  }
  return current;
}

function processEnabled(chart: HelmChart, values: Values, prefix: string): HelmChart {
  if (chart.metadata.dependencies.length === 0 && chart.dependencies.length === 0) return chart;
  const { charts, reqs } = resolveAliases(chart);
  const withAliases: HelmChart = { ...chart, dependencies: charts, metadata: { ...chart.metadata, dependencies: reqs } };
  const cvals = coalesceValues(withAliases, values);
  const decided = reqs.map((r) => ({ ...r, enabled: conditionState(r, cvals, prefix, tagState(r, cvals['tags'])) }));
  const disabled = new Set(decided.filter((r) => !r.enabled).map((r) => r.name));
  const kept = charts.filter((c) => !disabled.has(c.metadata.name)).map((c) => processEnabled(c, cvals, `${prefix}${c.metadata.name}.`));
  return { ...chart, dependencies: kept, metadata: { ...chart.metadata, dependencies: decided.filter((r) => r.enabled) } };
}

function pathToMap(dotted: string, data: Values): Values {
  if (dotted === '.') return data;
  return dotted
    .split('.')
    .reverse()
    .reduce<Values>((inner, key) => ({ [key]: inner }), data);
}

function importsOf(req: ChartDependency, cvals: Values): Values {
  let b: Values = {};
  for (const iv of req.importValues) {
    const [child, parent] = isYamlMap(iv) ? [String(iv['child'] ?? ''), String(iv['parent'] ?? '')] : [`exports.${String(iv)}`, '.'];
    const table = pathValue(cvals, `${req.name}.${child}`);
    if (!isYamlMap(table)) continue;
    b = coalesceTables(b, pathToMap(parent, copyValues(table)), true);
  }
  return b;
}

function processImports(chart: HelmChart): HelmChart {
  const deps = chart.dependencies.map(processImports);
  const next: HelmChart = { ...chart, dependencies: deps };
  if (chart.metadata.dependencies.length === 0) return next;
  const cvals = mergeValues(next, {});
  let imported: Values = {};
  for (const req of chart.metadata.dependencies) imported = coalesceTables(imported, importsOf(req, cvals), true);
  return { ...next, values: coalesceTables(copyValues(cvals), imported, true) };
}

/**
 * Helm's ProcessDependenciesWithMerge: applies aliases, drops subcharts disabled by tags or
 * conditions under `values` (the user's values), and folds import-values into parents' defaults.
 */
export function processDependencies(chart: HelmChart, values: Values): HelmChart {
  return processImports(processEnabled(chart, values, ''));
}
