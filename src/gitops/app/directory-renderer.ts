import { InputError } from '../../core/index.js';
import { detectSourceType, renderDirectory } from '../../render/index.js';
import type { KubeObject } from '../kube-object.js';
import type { SourceRenderer } from './ports.js';

/**
 * The renderer the engine ships: plain directories of YAML and JSON. Helm and Kustomize sources are
 * detected as Argo CD detects them and refused with a condition saying so until their renderers land.
 */
export const renderWithDirectory: SourceRenderer = (files, source) => {
  const type = detectSourceType(files);
  if (type !== 'Directory' && !source.directory) {
    throw new InputError(`${type} sources are not supported yet (gantry renders plain directories of manifests so far); the ${type} renderer comes in its own issue`);
  }
  const objects = renderDirectory(files, source.directory ?? {}).map((m) => m.object as KubeObject);
  return { sourceType: 'Directory', objects };
};
