import { InputError } from '../../core/index.js';
import { detectSourceType, renderDirectory, renderHelmChart, renderKustomization } from '../../render/index.js';
import type { KubeObject } from '../kube-object.js';
import type { RenderContext, SourceFiles, SourceRenderer } from './ports.js';
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

/**
 * The engine's renderer: the source type as Argo CD detects it (explicit options first, then
 * Chart.yaml, then a kustomization file): plain directories, Kustomize and Helm charts from Git,
 * all in process.
 */
export const renderWithDirectory: SourceRenderer = async (source, files, context) => {
  const path = source.path ?? '.';
  const here = await files(path);
  const kind = explicitKind(source) ?? detectSourceType(here);
  if (kind === 'Directory') return { sourceType: kind, objects: renderDirectory(here, source.directory ?? {}).map((m) => m.object as KubeObject) };
  if (kind === 'Kustomize') {
    refuseKustomizeOptions(source);
    const repo = await files('.');
    const root = path === '.' || path === '' ? '.' : path.replace(/^\.\/|\/+$/g, '');
    return { sourceType: kind, objects: renderKustomization(repo, { path: root }).objects as KubeObject[] };
  }
  return renderHelm(source, here, context);
};

interface HelmSourceOptions {
  releaseName?: string;
  values?: string;
  valuesObject?: Parameters<typeof renderHelmChart>[1]['valuesObject'];
  valueFiles?: string[];
  ignoreMissingValueFiles?: boolean;
  parameters?: { name: string; value: string; forceString?: boolean }[];
  skipCrds?: boolean;
}

/** A chart from Git, rendered in process as `helm template` would, with the destination's capabilities. */
async function renderHelm(source: ApplicationSource, chartFiles: Map<string, Buffer>, context: RenderContext): Promise<{ sourceType: string; objects: KubeObject[] }> {
  if (source.chart) throw new InputError(`charts from Helm repositories (spec.source.chart ${source.chart}) are not supported yet: keep the chart in a Git repository`);
  const helm = (source.helm ?? {}) as HelmSourceOptions;
  const capabilities = await context.capabilities();
  const result = renderHelmChart(chartFiles, {
    releaseName: helm.releaseName ?? context.appName,
    namespace: context.namespace || undefined,
    values: helm.values,
    valuesObject: helm.valuesObject,
    valueFiles: helm.valueFiles,
    ignoreMissingValueFiles: helm.ignoreMissingValueFiles,
    parameters: helm.parameters,
    skipCrds: helm.skipCrds,
    kubeVersion: capabilities.kubeVersion,
    apiVersions: capabilities.apiVersions,
  });
  return { sourceType: 'Helm', objects: result.manifests.map((m) => m.object as KubeObject) };
}

export type { SourceFiles };
