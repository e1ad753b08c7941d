import { groupOf } from '../../core/index.js';
import { isHook } from '../sync/hooks.js';
import type { KubeObject } from '../kube-object.js';
import { defaultListMapKeys } from './list-map-defaults.js';
import { TRACKING_ANNOTATION, formatTrackingId } from './tracking.js';

/** A rendered object with the scope the destination cluster (or a CRD in the same render) gives its kind. */
export interface ScopedObject {
  object: KubeObject;
  namespaced: boolean;
}

/** The desired state of one Application: resources it manages, and hooks that run during syncs. */
export interface DesiredState {
  resources: KubeObject[];
  hooks: KubeObject[];
}

function withNamespace(o: ScopedObject, destNamespace: string): KubeObject {
  const meta = { ...(o.object.metadata ?? {}) };
  if (o.namespaced && !meta.namespace && destNamespace) meta.namespace = destNamespace;
  if (!o.namespaced) delete meta.namespace;
  return { ...o.object, metadata: meta };
}

function withTracking(obj: KubeObject, appName: string): KubeObject {
  const meta = obj.metadata ?? {};
  const id = formatTrackingId({ appName, group: groupOf(obj.apiVersion ?? ''), kind: obj.kind ?? '', namespace: meta.namespace ?? '', name: meta.name ?? '' });
  return { ...obj, metadata: { ...meta, annotations: { ...(meta.annotations ?? {}), [TRACKING_ANNOTATION]: id } } };
}

/**
 * Turns rendered objects into the desired state: namespaced objects without a namespace get the
 * destination's, resources get the tracking annotation as Argo CD writes it, and hooks are kept apart.
 */
export function prepareDesired(objects: ScopedObject[], options: { appName: string; destNamespace: string }): DesiredState {
  const resources: KubeObject[] = [];
  const hooks: KubeObject[] = [];
  for (const o of objects) {
    const obj = defaultListMapKeys(withNamespace(o, options.destNamespace));
    if (isHook(obj)) hooks.push(obj);
    else resources.push(withTracking(obj, options.appName));
  }
  return { resources, hooks };
}

/** The scope a CRD in the same render declares for its kind, so its objects can be placed before it exists. */
export function scopesFromCrds(objects: KubeObject[]): Map<string, boolean> {
  const scopes = new Map<string, boolean>();
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition') continue;
    const spec = (o as { spec?: { group?: string; names?: { kind?: string }; scope?: string } }).spec;
    if (spec?.group && spec.names?.kind) scopes.set(`${spec.group}/${spec.names.kind}`, spec.scope !== 'Cluster');
  }
  return scopes;
}

/** The container images of the desired resources, for `status.summary.images`. */
export function imagesOf(objects: KubeObject[]): string[] {
  const images = new Set<string>();
  const visit = (value: unknown, key: string): void => {
    if (Array.isArray(value)) value.forEach((v) => visit(v, key));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if ((k === 'containers' || k === 'initContainers') && Array.isArray(v)) {
          for (const c of v as { image?: string }[]) if (c.image) images.add(c.image);
        } else visit(v, k);
      }
    }
  };
  objects.forEach((o) => visit(o, ''));
  return [...images].sort();
}
