/**
 * helmCharts: kustomize's HelmChartInflationGenerator, with gantry's in-process Helm renderer in
 * place of `helm template`. A chart comes from `{chartHome}/{name}` (chartHome from helmGlobals,
 * `charts` by default; `{chartHome}/{name}-{version}/{name}` when both repo and version are set),
 * or else from the Helm repository `repo` (fetched before the build). Values as kustomize passes
 * them: the values file (the chart's own by default), with valuesInline merged into it by
 * valuesMerge, then additionalValuesFiles. The objects come out in `helm template` order (CRDs
 * when includeCRDs, then Helm's install order, then hooks) and go through the kustomization's
 * transformers like any other resource.
 */
import { posix } from 'node:path';
import { InputError, messageOf } from '../../core/index.js';
import type { Values } from '../helm/chart.js';
import { HOOK_ANNOTATION, type HelmManifest } from '../helm/manifests.js';
import { renderHelmChart } from '../helm/render-helm-chart.js';
import type { HelmTemplateCache } from '../helm/template-cache.js';
import { mergeMaps, parseValuesText } from '../helm/value-sources.js';
import { toAbsolute, type Loader } from './file-system.js';
import { isObject, type JsonObject, type JsonValue } from './json-value.js';
import type { Kustomization } from './kustomization.js';
import type { RemoteResources } from './remote-sources.js';
import { Resource } from './resource.js';
import { stringifyMetadataMaps } from './yaml-read.js';

/** What inflating charts needs beside the kustomization and its loader. */
export interface HelmContext {
  remote?: RemoteResources;
  cache?: HelmTemplateCache;
}

/** The release name when a chart entry gives none (what `helm template` calls an unnamed release). */
export const DEFAULT_RELEASE_NAME = 'release-name';
const MERGE_OPTIONS = ['override', 'replace', 'merge'];

interface ChartEntry {
  where: string;
  name: string;
  version: string;
  repo: string;
  releaseName: string;
  namespace: string;
  valuesFile: string;
  valuesInline: Values | undefined;
  valuesMerge: string;
  additionalValuesFiles: string[];
  includeCRDs: boolean;
  skipTests: boolean;
  skipHooks: boolean;
  apiVersions: string[] | undefined;
  kubeVersion: string;
}

function str(c: JsonObject, field: string): string {
  const v = c[field];
  return typeof v === 'string' ? v : '';
}

function readEntry(c: JsonObject, where: string): ChartEntry {
  const entry: ChartEntry = {
    where,
    name: str(c, 'name'),
    version: str(c, 'version'),
    repo: str(c, 'repo'),
    releaseName: str(c, 'releaseName') || DEFAULT_RELEASE_NAME,
    namespace: str(c, 'namespace'),
    valuesFile: str(c, 'valuesFile'),
    valuesInline: isObject(c['valuesInline']) ? (c['valuesInline'] as Values) : undefined,
    valuesMerge: str(c, 'valuesMerge') || 'override',
    additionalValuesFiles: Array.isArray(c['additionalValuesFiles']) ? c['additionalValuesFiles'].map(String) : [],
    includeCRDs: c['includeCRDs'] === true,
    skipTests: c['skipTests'] === true,
    skipHooks: c['skipHooks'] === true,
    apiVersions: Array.isArray(c['apiVersions']) ? c['apiVersions'].map(String) : undefined,
    kubeVersion: str(c, 'kubeVersion'),
  };
  if (entry.name === '') throw new InputError(`${where}.name: chart name cannot be empty`);
  if (!MERGE_OPTIONS.includes(entry.valuesMerge)) throw new InputError(`${where}.valuesMerge: must be one of [${MERGE_OPTIONS.join(' ')}], got '${entry.valuesMerge}'`);
  if (str(c, 'nameTemplate') !== '') throw new InputError(`${where}.nameTemplate: not supported by gantry's Helm renderer; set releaseName instead`);
  return entry;
}

/** The kustomization's chart home: helmGlobals.chartHome (`charts` by default), absolute in its tree. */
export function chartHomeOf(k: Kustomization): string {
  const globals = k.doc['helmGlobals'];
  const home = isObject(globals) && typeof globals['chartHome'] === 'string' && globals['chartHome'] !== '' ? globals['chartHome'] : 'charts';
  return toAbsolute(posix.resolve(k.dir, home));
}

/** Where a chart sits under the chart home: `{home}/{name}`, or `{home}/{name}-{version}/{name}` when repo and version are both set. */
export function chartDirOf(home: string, e: Pick<ChartEntry, 'name' | 'version' | 'repo'>): string {
  const base = e.version !== '' && e.repo !== '' ? `${home}/${e.name}-${e.version}` : home;
  return `${base}/${e.name}`;
}

/** The chart's files, keyed by path inside the chart: from chartHome, or pulled from its repo. */
function chartFiles(e: ChartEntry, home: string, loader: Loader, ctx: HelmContext): { files: ReadonlyMap<string, Buffer>; dir: string } {
  const dir = chartDirOf(home, e);
  if (loader.fs.isDir(dir)) return { files: loader.fs.filesUnder(dir), dir };
  if (e.repo === '') throw new InputError(`${e.where}: no repo specified for pull, no chart found at '${dir}'`);
  const pulled = ctx.remote?.chart?.({ repo: e.repo, name: e.name, version: e.version });
  if (pulled === undefined) throw new InputError(`${e.where}: chart ${e.name}${e.version === '' ? '' : ` ${e.version}`} from ${e.repo} was not fetched before the build (no chart found at '${dir}' either)`);
  return { files: pulled, dir };
}

function parseFile(loader: Loader, path: string, where: string): Values {
  return parseValuesText(loader.loadAs(path, where).toString('utf8'), loader.resolve(path));
}

/** The chart's own values.yaml (top level of the chart's tree, which may sit under one folder). */
function defaultValues(files: ReadonlyMap<string, Buffer>): Values {
  const key = [...files.keys()].find((f) => /^(?:[^/]+\/)?values\.yaml$/.test(f) && !f.startsWith('charts/'));
  const data = key === undefined ? undefined : files.get(key);
  return data === undefined ? {} : parseValuesText(data.toString('utf8'), 'values.yaml');
}

/** The user values, as the -f files kustomize hands helm: the values file (merged with valuesInline), then the additional files. */
function userValues(e: ChartEntry, files: ReadonlyMap<string, Buffer>, loader: Loader): Values {
  const fromFile = (): Values => (e.valuesFile === '' ? defaultValues(files) : parseFile(loader, e.valuesFile, `${e.where}.valuesFile`));
  let values: Values = {};
  if (e.valuesInline === undefined || Object.keys(e.valuesInline).length === 0) values = e.valuesFile === '' ? {} : fromFile();
  else if (e.valuesMerge === 'replace') values = structuredClone(e.valuesInline);
  else if (e.valuesMerge === 'override') values = mergeMaps(fromFile(), structuredClone(e.valuesInline));
  else values = mergeMaps(structuredClone(e.valuesInline), fromFile());
  e.additionalValuesFiles.forEach((f, i) => {
    values = mergeMaps(values, parseFile(loader, f, `${e.where}.additionalValuesFiles[${i}]`));
  });
  return values;
}

function isTestHook(m: HelmManifest): boolean {
  const meta = m.object['metadata'];
  const annotations = isObject(meta) ? meta['annotations'] : undefined;
  const hook = isObject(annotations) ? annotations[HOOK_ANNOTATION] : undefined;
  return typeof hook === 'string' && hook.split(',').some((h) => h.trim().startsWith('test'));
}

function inflate(e: ChartEntry, home: string, loader: Loader, ctx: HelmContext): Resource[] {
  const { files, dir } = chartFiles(e, home, loader, ctx);
  let manifests: HelmManifest[];
  try {
    manifests = renderHelmChart(files, {
      releaseName: e.releaseName,
      ...(e.namespace === '' ? {} : { namespace: e.namespace }),
      valuesObject: userValues(e, files, loader),
      skipCrds: !e.includeCRDs,
      ...(e.kubeVersion === '' ? {} : { kubeVersion: e.kubeVersion }),
      ...(e.apiVersions === undefined ? {} : { apiVersions: e.apiVersions }),
      ...(ctx.cache === undefined ? {} : { cache: ctx.cache }),
    }).manifests;
  } catch (error) {
    throw new InputError(`${e.where}: chart '${dir}': ${messageOf(error)}`, { cause: error });
  }
  return manifests
    .filter((m) => !(e.skipHooks && m.hook) && !(e.skipTests && isTestHook(m)))
    .map((m) => new Resource(stringifyMetadataMaps(m.object as unknown as JsonObject)));
}

/** Inflates every `helmCharts` entry of a kustomization, in order. */
export function inflateHelmCharts(k: Kustomization, loader: Loader, ctx: HelmContext): Resource[] {
  const legacy = k.doc['helmChartInflationGenerator'];
  if (Array.isArray(legacy) && legacy.length > 0) {
    throw new InputError(`${k.file}: helmChartInflationGenerator: the deprecated form is not supported; write the charts under helmCharts (name, repo, version, releaseName, valuesFile, ...)`);
  }
  const charts = k.doc['helmCharts'];
  if (!Array.isArray(charts) || charts.length === 0) return [];
  const home = chartHomeOf(k);
  return charts.flatMap((c: JsonValue, i) => {
    const where = `${k.file}: helmCharts[${i}]`;
    if (!isObject(c)) throw new InputError(`${where}: expected an object`);
    return inflate(readEntry(c, where), home, loader, ctx);
  });
}
