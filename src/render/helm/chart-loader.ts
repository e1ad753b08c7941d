/**
 * Loads a chart from a file tree (path -> bytes) as Helm's loader does: Chart.yaml, values.yaml,
 * values.schema.json, templates/, charts/ (directories and .tgz archives), requirements.yaml for
 * apiVersion v1 charts, .helmignore, and every other file as `.Files`.
 */
import path from 'node:path';
import { InputError } from '../../core/index.js';
import type { ChartTemplate, HelmChart, Values } from './chart.js';
import { parseChartMetadata } from './chart.js';
import { readChartArchive } from './chart-archive.js';
import { globToRegex } from './files.js';
import { isYamlMap, parseGoYaml } from './go-yaml-read.js';
import type { YamlValue } from './go-yaml-read.js';

/** Options of loadChart. */
export interface LoadChartOptions {
  /** Check Chart.yaml as `helm template` does (apiVersion, name, version required). */
  readonly validate?: boolean;
  /** Where the chart sits, for error messages ("charts/redis"). */
  readonly location?: string;
}

interface IgnoreRule {
  readonly regex: RegExp;
  readonly negate: boolean;
  readonly dirOnly: boolean;
  readonly byBase: boolean;
}

function parseIgnore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [{ regex: /^templates\/\..+$/s, negate: false, dirOnly: false, byBase: false }];
  for (const raw of text.split('\n')) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    line = line.replace(/^\//, '');
    try {
      rules.push({ regex: globToRegex(line), negate, dirOnly, byBase: !line.includes('/') });
    } catch {
      continue;
    }
  }
  return rules;
}

function ruleMatches(rule: IgnoreRule, p: string, isDir: boolean): boolean {
  if (rule.dirOnly && !isDir) return false;
  return rule.regex.test(rule.byBase ? path.posix.basename(p) : p);
}

function ignoredPath(rules: IgnoreRule[], p: string, isDir: boolean): boolean {
  let ignored = false;
  for (const rule of rules) if (ruleMatches(rule, p, isDir)) ignored = !rule.negate;
  return ignored;
}

function isIgnored(rules: IgnoreRule[], file: string): boolean {
  const parts = file.split('/');
  for (let i = 1; i < parts.length; i++) if (ignoredPath(rules, parts.slice(0, i).join('/'), true)) return true;
  return ignoredPath(rules, file, false);
}

/** Normalises paths and finds the chart root (the tree itself, or its single top directory). */
function chartRoot(files: ReadonlyMap<string, Buffer>): Map<string, Buffer> {
  const norm = new Map<string, Buffer>();
  for (const [k, v] of files) norm.set(k.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, ''), v);
  if (norm.has('Chart.yaml')) return norm;
  const tops = new Set([...norm.keys()].map((k) => k.split('/')[0]));
  const only = [...tops][0];
  if (tops.size === 1 && only !== undefined && norm.has(`${only}/Chart.yaml`)) {
    return new Map([...norm].map(([k, v]) => [k.slice(only.length + 1), v]));
  }
  return norm;
}

function readYaml(data: Buffer, file: string): YamlValue {
  try {
    return parseGoYaml(data.toString('utf8'));
  } catch (error) {
    throw new InputError(`cannot load ${file}: ${(error as Error).message}`, { cause: error });
  }
}

function readValues(data: Buffer | undefined, file: string): Values {
  if (data === undefined) return {};
  const v = readYaml(data, file);
  if (v === null) return {};
  if (!isYamlMap(v)) throw new InputError(`cannot load ${file}: values must be a YAML mapping`);
  return v;
}

function readSchema(data: Buffer | undefined, file: string): YamlValue | undefined {
  if (data === undefined) return undefined;
  try {
    return JSON.parse(data.toString('utf8')) as YamlValue;
  } catch (error) {
    throw new InputError(`cannot load ${file}: invalid JSON: ${(error as Error).message}`);
  }
}

function groupSubcharts(files: Map<string, Buffer>, where: string): HelmChart[] {
  const groups = new Map<string, Map<string, Buffer>>();
  const charts: HelmChart[] = [];
  for (const [name, data] of files) {
    const rest = name.slice('charts/'.length);
    const [dir = '', ...inner] = rest.split('/');
    if (inner.length === 0) {
      if (/\.tgz$/.test(dir)) charts.push(loadFrom(readChartArchive(data, `${where}${name}`), `${where}${name}`));
      continue;
    }
    const group = groups.get(dir) ?? new Map<string, Buffer>();
    group.set(inner.join('/'), data);
    groups.set(dir, group);
  }
  for (const [dir, group] of groups) charts.push(loadFrom(group, `${where}charts/${dir}`));
  return charts;
}

function checkMetadata(chart: HelmChart, where: string): void {
  const m = chart.metadata;
  const at = where === '' ? 'Chart.yaml' : `${where}/Chart.yaml`;
  if (m.apiVersion === '') throw new InputError(`${at}: chart.metadata.apiVersion is required`);
  if (m.name === '') throw new InputError(`${at}: chart.metadata.name is required`);
  if (m.version === '') throw new InputError(`${at}: chart.metadata.version is required`);
  if (m.type !== '' && m.type !== 'application' && m.type !== 'library') throw new InputError(`${at}: chart.metadata.type must be application or library`);
}

function readV1Requirements(kept: Map<string, Buffer>, v1: boolean, prefix: string): YamlValue[] {
  const data = kept.get('requirements.yaml');
  if (!v1 || data === undefined) return [];
  const doc = readYaml(data, `${prefix}requirements.yaml`);
  return isYamlMap(doc) && Array.isArray(doc['dependencies']) ? doc['dependencies'] : [];
}

interface Partitioned {
  readonly templates: ChartTemplate[];
  readonly other: Map<string, Buffer>;
  readonly subchartFiles: Map<string, Buffer>;
}

/** Sorts a chart's files into templates, subchart files and `.Files` (Helm's loader switch). */
function partition(kept: Map<string, Buffer>, v1: boolean): Partitioned {
  const special = new Set(['Chart.yaml', 'values.yaml', 'values.schema.json', 'Chart.lock', ...(v1 ? ['requirements.yaml', 'requirements.lock'] : [])]);
  const out: Partitioned = { templates: [], other: new Map(), subchartFiles: new Map() };
  for (const [name, data] of [...kept].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (special.has(name)) continue;
    if (name.startsWith('templates/')) out.templates.push({ name, data: data.toString('utf8') });
    else if (name.startsWith('charts/') && !name.endsWith('.prov')) out.subchartFiles.set(name, data);
    else out.other.set(name, data);
  }
  return out;
}

function loadFrom(files: Map<string, Buffer>, where: string, options: LoadChartOptions = {}): HelmChart {
  const prefix = where === '' ? '' : `${where}/`;
  const ignore = parseIgnore(files.get('.helmignore')?.toString('utf8') ?? '');
  const kept = new Map([...files].filter(([name]) => !isIgnored(ignore, name)));
  const chartYaml = kept.get('Chart.yaml');
  if (chartYaml === undefined) throw new InputError(`${prefix}Chart.yaml file is missing`);
  const doc = readYaml(chartYaml, `${prefix}Chart.yaml`);
  const v1 = isYamlMap(doc) && (doc['apiVersion'] === 'v1' || doc['apiVersion'] === undefined);
  const parts = partition(kept, v1);
  const chart: HelmChart = {
    metadata: parseChartMetadata(doc, readV1Requirements(kept, v1, prefix)),
    values: readValues(kept.get('values.yaml'), `${prefix}values.yaml`),
    schema: readSchema(kept.get('values.schema.json'), `${prefix}values.schema.json`),
    templates: parts.templates,
    files: parts.other,
    dependencies: groupSubcharts(parts.subchartFiles, prefix),
  };
  if (options.validate === true) checkMetadata(chart, where);
  return chart;
}

/** Loads a chart (with its subcharts) from a file tree; throws an InputError naming the bad file. */
export function loadChart(files: ReadonlyMap<string, Buffer>, options: LoadChartOptions = {}): HelmChart {
  return loadFrom(chartRoot(files), options.location ?? '', options);
}
