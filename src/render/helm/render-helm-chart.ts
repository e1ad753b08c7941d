/**
 * Renders a Helm chart as `helm template` (the way Argo CD runs it) would: user values from value
 * files, inline values and parameters; dependencies enabled, aliased and imported; values
 * coalesced and checked against values.schema.json; every template rendered; the output split
 * into objects in Helm's install order, with CRDs first (unless skipped) and hooks last.
 */
import path from 'node:path';
import { InputError, withContext } from '../../core/index.js';
import { goInt } from '../gotemplate/value.js';
import type { GoMap, GoValue } from '../gotemplate/value.js';
import type { SprigOptions } from '../sprig/context.js';
import { semverCompare } from '../sprig/semver.js';
import { capabilitiesValue, DEFAULT_KUBE_VERSION, parseKubeVersion } from './capabilities.js';
import type { HelmChart, Values } from './chart.js';
import { loadChart } from './chart-loader.js';
import { processDependencies } from './dependencies.js';
import { isYamlMap } from './go-yaml-read.js';
import type { YamlValue } from './go-yaml-read.js';
import type { HelmManifest, ManifestParser } from './manifests.js';
import { parseManifestFile, sortManifests } from './manifests.js';
import { renderChartTemplates } from './render-engine.js';
import type { HelmTemplateCache } from './template-cache.js';
import { contentKey } from './template-cache.js';
import type { ValueSources } from './value-sources.js';
import { mergeUserValues } from './value-sources.js';
import { coalesceValues } from './values-coalesce.js';
import { validateValues } from './values-schema.js';
import { holds, valueOrigin } from './value-origin.js';

/** Options of renderHelmChart: the release, the value sources and the target cluster. */
export interface HelmRenderOptions extends ValueSources {
  readonly releaseName: string;
  /** The release namespace; "default" when absent, as in Helm. */
  readonly namespace?: string;
  /** Leave the chart's crds/ out (Argo CD's skipCrds). */
  readonly skipCrds?: boolean;
  /** The target cluster's version ("v1.29.3"); Helm's default without one. */
  readonly kubeVersion?: string;
  /** The API versions the target cluster serves, from its discovery. */
  readonly apiVersions?: readonly string[];
  /** missingkey=error instead of Helm's default. */
  readonly strict?: boolean;
  /** Release revision (1 for `helm template`). */
  readonly revision?: number;
  /** Sources of Sprig's non-deterministic functions (now, rand*, uuid). */
  readonly sprig?: SprigOptions;
  /** Parsed templates of earlier renders (createHelmTemplateCache); without one every render parses. */
  readonly cache?: HelmTemplateCache;
}

/** The objects a chart renders to, and its NOTES.txt when it has one. */
export interface HelmRenderResult {
  readonly manifests: HelmManifest[];
  readonly notes?: string;
}

function checkKubeVersion(chart: HelmChart, kubeVersion: string): void {
  const constraint = chart.metadata.kubeVersion;
  if (constraint === '') return;
  let ok: boolean;
  try {
    ok = semverCompare(constraint, kubeVersion);
  } catch {
    ok = false;
  }
  if (!ok) throw new InputError(`chart requires kubeVersion: ${constraint} which is incompatible with Kubernetes ${kubeVersion}`);
}

interface SchemaContext {
  readonly files: ReadonlyMap<string, Buffer>;
  readonly sources: ValueSources;
  readonly root: HelmChart;
}

/** " (set in values-prod.yaml)": where the value of a problem's key came from. */
function originNote(problem: string, chartPath: string, ctx: SchemaContext): string {
  const key = problem.slice(0, problem.indexOf(': '));
  const origin = valueOrigin(ctx.files, ctx.sources, { chartPath, key });
  if (origin !== undefined) return ` (set in ${origin})`;
  if (key === '(root)' || key === '') return '';
  const full = [...(chartPath === '' ? [] : chartPath.split('.')), ...key.split('.')];
  if (holds(ctx.root.values, full)) return ' (set in values.yaml)';
  return chartPath === '' ? '' : ` (a default of subchart ${chartPath})`;
}

function schemaErrors(chart: HelmChart, values: Values, ctx: SchemaContext, chartPath = ''): string {
  let out = '';
  if (chart.schema !== undefined) {
    const problems = validateValues(values, chart.schema);
    if (problems.length > 0) out += `${chart.metadata.name}:\n${problems.map((p) => `- ${p}${originNote(p, chartPath, ctx)}`).join('\n')}\n`;
  }
  for (const sub of chart.dependencies) {
    const section = values[sub.metadata.name];
    const subPath = chartPath === '' ? sub.metadata.name : `${chartPath}.${sub.metadata.name}`;
    if (isYamlMap(section)) out += schemaErrors(sub, section, ctx, subPath);
  }
  return out;
}

function crdManifests(chart: HelmChart, chartPath: string): HelmManifest[] {
  const own = [...chart.files.keys()]
    .filter((f) => f.startsWith('crds/') && /\.(ya?ml|json)$/.test(f))
    .sort()
    .flatMap((f) => parseManifestFile(path.posix.join(chartPath, f), chart.files.get(f)?.toString('utf8') ?? '').map((object) => ({ path: path.posix.join(chartPath, f), object, hook: false })));
  return [...own, ...chart.dependencies.flatMap((d) => crdManifests(d, `${chartPath}/charts/${d.metadata.name}`))];
}

function topValues(values: Values, options: HelmRenderOptions, kubeVersion: string): GoMap {
  return {
    Values: values as GoValue,
    Release: {
      Name: options.releaseName,
      Namespace: options.namespace ?? 'default',
      IsUpgrade: false,
      IsInstall: true,
      Revision: goInt(options.revision ?? 1),
      Service: 'Helm',
    },
    Capabilities: capabilitiesValue({ kubeVersion, ...(options.apiVersions === undefined ? {} : { apiVersions: options.apiVersions }) }),
  };
}

function renderLoaded(files: ReadonlyMap<string, Buffer>, chart: HelmChart, options: HelmRenderOptions): HelmRenderResult {
  if (chart.metadata.type === 'library') throw new InputError('library charts are not installable');
  const kubeVersion = parseKubeVersion(options.kubeVersion ?? DEFAULT_KUBE_VERSION).version;
  checkKubeVersion(chart, kubeVersion);
  const user = mergeUserValues(files, options);
  const processed = processDependencies(chart, user);
  const values = coalesceValues(processed, user);
  const problems = schemaErrors(processed, values, { files, sources: options, root: processed });
  if (problems !== '') throw new InputError(`values don't meet the specifications of the schema(s) in the following chart(s):\n${problems}`);
  const funcs = options.sprig === undefined ? {} : { sprig: options.sprig };
  const engine = { strict: options.strict ?? false, funcs, ...(options.cache === undefined ? {} : { cache: options.cache }) };
  const rendered = renderChartTemplates(processed, topValues(values, options, kubeVersion), engine);
  const notes = rendered.get(`${processed.metadata.name}/templates/NOTES.txt`);
  const crds = options.skipCrds === true ? [] : crdManifests(processed, processed.metadata.name);
  const manifests = [...crds, ...sortManifests(rendered, cachedParser(options.cache))];
  return notes === undefined ? { manifests } : { manifests, notes };
}

/** Loads the chart, or takes it from the cache when the same file tree was loaded before. */
function loadCached(files: ReadonlyMap<string, Buffer>, cache: HelmTemplateCache | undefined): HelmChart {
  if (cache === undefined) return loadChart(files, { validate: true });
  const key = contentKey([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const cached = cache.charts.get(key);
  if (cached !== undefined) return cached;
  const chart = loadChart(files, { validate: true });
  cache.charts.set(key, chart);
  return chart;
}

/** parseManifestFile through the cache: a file rendered to the same text before is not parsed again. */
function cachedParser(cache: HelmTemplateCache | undefined): ManifestParser {
  if (cache === undefined) return parseManifestFile;
  return (file, text) => {
    const key = contentKey([[file, text]]);
    const hit = cache.manifests.get(key);
    if (hit !== undefined) return structuredClone(hit) as Array<{ [key: string]: YamlValue }>;
    const parsed = parseManifestFile(file, text);
    cache.manifests.set(key, structuredClone(parsed));
    return parsed;
  };
}

/**
 * Renders a chart given as a file tree (paths inside the chart, or under one top directory).
 * Fails with an InputError (template errors are TemplateErrors) naming the chart and the problem.
 */
export function renderHelmChart(files: ReadonlyMap<string, Buffer>, options: HelmRenderOptions): HelmRenderResult {
  let chart: HelmChart | undefined;
  try {
    chart = loadCached(files, options.cache);
    return renderLoaded(files, chart, options);
  } catch (error) {
    throw withContext(`render Helm chart ${chart?.metadata.name ?? ''}`.trimEnd(), error);
  }
}
