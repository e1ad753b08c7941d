/**
 * A resource flowing through a build: the object plus what kustomize tracks beside it (earlier
 * ids for name references, applied prefixes and suffixes, generator options).
 */
import { ensureObject, getString, isObject, type JsonObject } from './json-value.js';
import type { Origin } from './origin.js';

/** Group, version and kind; empty strings mean "any" when used as a selector. */
export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

/** A resource's identity: GVK, name and namespace. */
export interface ResId extends Gvk {
  name: string;
  namespace: string;
}

/** How a generated resource combines with an existing one of the same id. */
export type Behavior = 'create' | 'merge' | 'replace';

const CLUSTER_SCOPED = new Set([
  'APIService', 'CSIDriver', 'CSINode', 'CertificateSigningRequest', 'ClusterIssuer', 'ClusterRole', 'ClusterRoleBinding',
  'ComponentStatus', 'CustomResourceDefinition', 'FlowSchema', 'IngressClass', 'MutatingWebhookConfiguration', 'Namespace',
  'Node', 'PersistentVolume', 'PodSecurityPolicy', 'PriorityClass', 'PriorityLevelConfiguration', 'RuntimeClass',
  'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'StorageClass', 'SubjectAccessReview', 'TokenReview',
  'ValidatingWebhookConfiguration', 'VolumeAttachment', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
]);

/** True for kinds Kubernetes defines without a namespace. */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** Splits an apiVersion into group and version. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Formats an id as kustomize prints it in messages: `Kind.version.group/name.namespace`. */
export function formatResId(id: ResId): string {
  const gvk = `${id.kind || '[noKind]'}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}`;
  return `${gvk}/${id.name}.${id.namespace || '[noNs]'}`;
}

/** The namespace used for equality: empty means `default` for namespaced kinds. */
export function effectiveNamespace(id: ResId): string {
  if (isClusterScoped(id.kind)) return '';
  return id.namespace === '' ? 'default' : id.namespace;
}

/** True when two ids name the same object. */
export function sameResId(a: ResId, b: ResId): boolean {
  return a.kind === b.kind && a.group === b.group && a.version === b.version && a.name === b.name && effectiveNamespace(a) === effectiveNamespace(b);
}

/** True when the gvk matches the selector, whose empty fields match anything. */
export function gvkSelected(gvk: Gvk, selector: Partial<Gvk>): boolean {
  if (selector.group && selector.group !== gvk.group) return false;
  if (selector.version && selector.version !== gvk.version) return false;
  return !selector.kind || selector.kind === gvk.kind;
}

/** One object in a build and kustomize's bookkeeping about it. */
export class Resource {
  /** Ids the resource had before renames, oldest first. */
  prevIds: ResId[] = [];
  prefixes: string[] = [];
  suffixes: string[] = [];
  needsHash = false;
  behavior: Behavior = 'create';
  /** Names of the vars whose objref names this resource. */
  refVarNames: string[] = [];
  /** The file the resource was read from. */
  origin: string | undefined;
  /** Where the resource came from, when the build tracks build metadata. */
  buildOrigin: Origin | undefined;
  /** The transformers that ran over the resource, when the build tracks build metadata. */
  transformations: Origin[] = [];

  constructor(public obj: JsonObject) {}

  /** The current id. */
  id(): ResId {
    const { group, version } = parseApiVersion(getString(this.obj, ['apiVersion']));
    return { group, version, kind: this.kind(), name: this.name(), namespace: this.namespace() };
  }

  /** The id the resource had when it entered the build. */
  originalId(): ResId {
    return this.prevIds[0] ?? this.id();
  }

  kind(): string {
    return getString(this.obj, ['kind']);
  }

  name(): string {
    return getString(this.obj, ['metadata', 'name']);
  }

  namespace(): string {
    return getString(this.obj, ['metadata', 'namespace']);
  }

  /** Records the current id as a previous one (before a rename). */
  storePreviousId(): void {
    this.prevIds.push(this.id());
  }

  setName(name: string): void {
    ensureObject(this.obj, ['metadata'])['name'] = name;
  }

  setNamespace(namespace: string): void {
    ensureObject(this.obj, ['metadata'])['namespace'] = namespace;
  }

  /** A string map under metadata (labels or annotations); empty when absent. */
  stringMap(field: 'labels' | 'annotations'): Record<string, string> {
    const found = isObject(this.obj['metadata']) ? this.obj['metadata'][field] : undefined;
    const out: Record<string, string> = {};
    if (isObject(found)) for (const [k, v] of Object.entries(found)) out[k] = typeof v === 'string' ? v : String(v);
    return out;
  }

  /** A deep copy that keeps the bookkeeping. */
  clone(): Resource {
    const copy = new Resource(structuredClone(this.obj));
    copy.copyBookkeepingFrom(this);
    return copy;
  }

  /** Takes over another resource's bookkeeping (ids, prefixes, suffixes, options). */
  copyBookkeepingFrom(other: Resource): void {
    this.prevIds = other.prevIds.map((id) => ({ ...id }));
    this.prefixes = [...other.prefixes];
    this.suffixes = [...other.suffixes];
    this.needsHash = other.needsHash;
    this.behavior = other.behavior;
    this.refVarNames = [...other.refVarNames];
    this.origin = other.origin;
    this.buildOrigin = other.buildOrigin;
    this.transformations = [...other.transformations];
  }
}
