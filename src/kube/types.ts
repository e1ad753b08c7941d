/** Object metadata as gantry reads and writes it; unknown fields are kept. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
  [field: string]: unknown;
}

/** A reference from a dependent object to its owner, for garbage collection. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Any Kubernetes object. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** A list response. */
export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion?: string; continue?: string };
  items: T[];
}

/** One API resource as discovery reports it. */
export interface ApiResource {
  group: string;
  version: string;
  /** The plural resource name used in paths ("deployments"). */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
}

/** The apiVersion string of a resource ("apps/v1", "v1"). */
export function apiVersionOf(res: Pick<ApiResource, 'group' | 'version'>): string {
  return res.group ? `${res.group}/${res.version}` : res.version;
}

/** The REST path of a resource collection or object, optionally a subresource. */
export function resourcePath(
  res: Pick<ApiResource, 'group' | 'version' | 'resource' | 'namespaced'>,
  at: { namespace?: string; name?: string; subresource?: string } = {},
): string {
  const base = res.group ? `/apis/${res.group}/${res.version}` : `/api/${res.version}`;
  const ns = res.namespaced && at.namespace ? `/namespaces/${encodeURIComponent(at.namespace)}` : '';
  const name = at.name ? `/${encodeURIComponent(at.name)}` : '';
  const sub = at.name && at.subresource ? `/${at.subresource}` : '';
  return `${base}${ns}/${res.resource}${name}${sub}`;
}
