import { InputError } from '../../core/index.js';
import { detectSourceType, renderDirectory, renderKustomization } from '../../render/index.js';
import type { KubeObject } from '../kube-object.js';
import type { SourceRenderer } from './ports.js';
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
 * Chart.yaml, then a kustomization file), plain directories and Kustomize in process. Helm sources
 * get a condition saying the Helm renderer is not plugged in yet.
 */
export const renderWithDirectory: SourceRenderer = async (source, files) => {
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
  throw new InputError(`${kind} sources are not supported yet: gantry renders directories and Kustomize so far; the Helm renderer comes in its own issue`);
};
