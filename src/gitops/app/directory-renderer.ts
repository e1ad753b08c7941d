import { InputError } from '../../core/index.js';
import type { HelmRepositoryClient } from '../../helmrepo/index.js';
import {
  createHelmTemplateCache,
  createKustomizeCache,
  detectSourceType,
  prefetchRemoteSources,
  renderDirectory,
  renderHelmChart,
  renderKustomization,
  type HelmTemplateCache,
  type KustomizeCache,
} from '../../render/index.js';
import type { KubeObject } from '../kube-object.js';
import { createKustomizeRemoteFetcher } from './kustomize-remote-fetcher.js';
import type { RenderContext, SourceFiles, SourceReader, SourceRenderer } from './ports.js';
import type { ApplicationSource } from './types.js';

type SourceKind = 'Directory' | 'Kustomize' | 'Helm';

function explicitKind(source: ApplicationSource): SourceKind | undefined {
  if (source.chart || source.helm) return 'Helm';
  if (source.kustomize) return 'Kustomize';
  if (source.directory) return 'Directory';
  return undefined;
}

/** Kustomize options of the Application itself (namePrefix, images, ...) are not applied yet: say so rather than ignore them. */
function refuseKustomizeOptions(source: ApplicationSource): void {
  const keys = Object.keys(source.kustomize ?? {}).filter((k) => k !== 'version');
  if (keys.length > 0) throw new InputError(`spec.source.kustomize.${keys[0]} is not supported yet: put it in the kustomization.yaml instead`);
}

/** What the engine's renderer keeps across renders, and where charts from Helm repositories come from. */
export interface SourceRendererOptions {
  helmRepos?: HelmRepositoryClient;
  helmCache?: HelmTemplateCache;
  kustomizeCache?: KustomizeCache;
  /** Reads the git repositories a kustomization names as remote targets (without it they are an error). */
  git?: SourceReader;
}

/** Without a reader, a kustomization's remote targets fail with this. */
const noRemoteGit: SourceReader = {
  resolveRevision: (repoURL) => Promise.reject(new InputError(`remote target ${repoURL}: this renderer was given no git reader for Kustomize remote targets`)),
  readFiles: (repoURL) => Promise.reject(new InputError(`remote target ${repoURL}: this renderer was given no git reader`)),
};

/**
 * The engine's renderer: the source type as Argo CD detects it (explicit options first, then
 * Chart.yaml, then a kustomization file): plain directories, Kustomize and Helm charts (from Git
 * or, with `chart`, from a Helm repository), all in process, with caches kept across renders.
 */
export function createSourceRenderer(options: SourceRendererOptions = {}): SourceRenderer {
  const helmCache = options.helmCache ?? createHelmTemplateCache();
  const kustomizeCache = options.kustomizeCache ?? createKustomizeCache();
  // Remote targets and chart pulls of kustomizations, fetched as the app's own source is.
  const fetcher = createKustomizeRemoteFetcher({ reader: options.git ?? noRemoteGit, ...(options.helmRepos ? { helmRepos: options.helmRepos } : {}) });
  return async (source, files, context) => {
    if (source.chart) {
      const chart = await fetchChart(source, options.helmRepos, context.helmCredentials);
      return { ...(await renderHelm(source, chart.files, { context, cache: helmCache })), revision: chart.version };
    }
    const path = source.path ?? '.';
    const here = await files(path);
    const kind = explicitKind(source) ?? detectSourceType(here);
    if (kind === 'Directory') return { sourceType: kind, objects: renderDirectory(here, source.directory ?? {}).map((m) => m.object as KubeObject) };
    if (kind === 'Kustomize') {
      refuseKustomizeOptions(source);
      const repo = await files('.');
      const root = path === '.' || path === '' ? '.' : path.replace(/^\.\/|\/+$/g, '');
      const remote = await prefetchRemoteSources(repo, { path: root, fetcher, cache: kustomizeCache });
      return { sourceType: kind, objects: renderKustomization(repo, { path: root, cache: kustomizeCache, helmCache, remote }).objects as KubeObject[] };
    }
    return renderHelm(source, here, { context, cache: helmCache });
  };
}

/** A renderer with its own caches and no Helm repository client. */
export const renderWithDirectory: SourceRenderer = createSourceRenderer();

async function fetchChart(source: ApplicationSource, repos: HelmRepositoryClient | undefined, credentials: RenderContext['helmCredentials']): Promise<{ files: Map<string, Buffer>; version: string }> {
  if (!repos) throw new InputError(`spec.source.chart ${source.chart ?? ''}: Helm repositories are not configured in this gantry`);
  const fetched = await repos.fetchChart({ repoURL: source.repoURL, chart: source.chart ?? '', version: source.targetRevision || '*', ...(credentials ? { credentials } : {}) });
  return { files: fetched.files, version: fetched.version };
}

interface HelmSourceOptions {
  releaseName?: string;
  values?: string;
  valuesObject?: Parameters<typeof renderHelmChart>[1]['valuesObject'];
  valueFiles?: string[];
  ignoreMissingValueFiles?: boolean;
  parameters?: { name: string; value: string; forceString?: boolean }[];
  skipCrds?: boolean;
}

/** A chart rendered in process as `helm template` would, with the destination's capabilities. */
async function renderHelm(
  source: ApplicationSource,
  chartFiles: Map<string, Buffer>,
  o: { context: RenderContext; cache: HelmTemplateCache },
): Promise<{ sourceType: string; objects: KubeObject[] }> {
  const helm = (source.helm ?? {}) as HelmSourceOptions;
  const capabilities = await o.context.capabilities();
  // `$ref/...` value files of a multi-source app are looked up under the name they are written with.
  const files = o.context.lentFiles ? new Map([...chartFiles, ...o.context.lentFiles]) : chartFiles;
  const result = renderHelmChart(files, {
    releaseName: helm.releaseName ?? o.context.appName,
    namespace: o.context.namespace || undefined,
    values: helm.values,
    valuesObject: helm.valuesObject,
    valueFiles: helm.valueFiles,
    ignoreMissingValueFiles: helm.ignoreMissingValueFiles,
    parameters: helm.parameters,
    skipCrds: helm.skipCrds,
    kubeVersion: capabilities.kubeVersion,
    apiVersions: capabilities.apiVersions,
    cache: o.cache,
  });
  return { sourceType: 'Helm', objects: result.manifests.map((m) => m.object as KubeObject) };
}

export type { SourceFiles };
