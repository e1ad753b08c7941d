import { groupOf } from '../core/index.js';

/** Object metadata as the pure GitOps parts read it; unknown fields are kept. */
export interface KubeObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  generation?: number;
  deletionTimestamp?: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  finalizers?: string[];
  [field: string]: unknown;
}

/**
 * Any Kubernetes object as rendered or read live. Every field is optional because manifests and
 * upstream test vectors are often partial; the kube module's object type is assignable to it.
 */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: KubeObjectMeta;
  [field: string]: unknown;
}

/** The API group of an object ("" for the core group). */
export function objectGroup(obj: KubeObject): string {
  return groupOf(obj.apiVersion ?? '');
}

/** The object's kind, or "" when absent. */
export function objectKind(obj: KubeObject): string {
  return obj.kind ?? '';
}

/** The object's metadata.name, or "" when absent. */
export function objectName(obj: KubeObject): string {
  return obj.metadata?.name ?? '';
}

/** The object's metadata.namespace, or "" when absent. */
export function objectNamespace(obj: KubeObject): string {
  return obj.metadata?.namespace ?? '';
}

/** The object's annotations, never undefined. */
export function annotationsOf(obj: KubeObject): Record<string, string> {
  const annotations = obj.metadata?.annotations;
  return annotations && typeof annotations === 'object' ? annotations : {};
}
