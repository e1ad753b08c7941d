/**
 * The metadata kro puts on instances and on the objects it creates for them, so that each child
 * names its instance, its resource id and its kind; gantry uses the same keys, so kro's tooling
 * (and `kubectl get -l kro.run/instance-name=...`) works unchanged.
 */
import type { KubeObject } from '../../kube/index.js';
import type { GroupVersionKind } from '../graph/types.js';

export const OWNED_LABEL = 'kro.run/owned';
export const KRO_VERSION_LABEL = 'kro.run/kro-version';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const INSTANCE_ID_LABEL = 'kro.run/instance-id';
export const INSTANCE_NAME_LABEL = 'kro.run/instance-name';
export const INSTANCE_NAMESPACE_LABEL = 'kro.run/instance-namespace';
export const INSTANCE_GROUP_LABEL = 'kro.run/instance-group';
export const INSTANCE_VERSION_LABEL = 'kro.run/instance-version';
export const INSTANCE_KIND_LABEL = 'kro.run/instance-kind';
export const RGD_NAME_LABEL = 'kro.run/resource-graph-definition-name';
export const RGD_ID_LABEL = 'kro.run/resource-graph-definition-id';
export const NODE_ID_LABEL = 'kro.run/node-id';
export const NODE_ANNOTATION = 'kro.run/node';
export const COLLECTION_INDEX_LABEL = 'kro.run/collection-index';
export const COLLECTION_SIZE_LABEL = 'kro.run/collection-size';
/** The finalizer kro puts on instances (and RGDs) so deletion waits for ordered cleanup. */
export const KRO_FINALIZER = 'kro.run/finalizer';
/** The version label value gantry writes (label-safe). */
export const GANTRY_KRO_VERSION = 'gantry-v0.1.0';

/** The 16-hex-digit FNV-1a 64-bit hash of a resource id, as kro's `kro.run/node-id` label. */
export function nodeIdOf(id: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(id, 'utf8')) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** Which instance a child belongs to. */
export interface InstanceIdentity {
  gvk: GroupVersionKind;
  name: string;
  namespace?: string;
  uid?: string;
}

/** The labels every child of `instance` carries (beside its own template labels). */
export function childLabels(instance: InstanceIdentity, id: string): Record<string, string> {
  return {
    [OWNED_LABEL]: 'true',
    [KRO_VERSION_LABEL]: GANTRY_KRO_VERSION,
    [MANAGED_BY_LABEL]: 'kro',
    ...(instance.uid ? { [INSTANCE_ID_LABEL]: instance.uid } : {}),
    [INSTANCE_NAME_LABEL]: instance.name,
    ...(instance.namespace ? { [INSTANCE_NAMESPACE_LABEL]: instance.namespace } : {}),
    [INSTANCE_GROUP_LABEL]: instance.gvk.group,
    [INSTANCE_VERSION_LABEL]: instance.gvk.version,
    [INSTANCE_KIND_LABEL]: instance.gvk.kind,
    [NODE_ID_LABEL]: nodeIdOf(id),
  };
}

/** The labels gantry puts on the instance itself: managed by this RGD. */
export function instanceLabels(rgd: { name: string; uid?: string }): Record<string, string> {
  return {
    [OWNED_LABEL]: 'true',
    [KRO_VERSION_LABEL]: GANTRY_KRO_VERSION,
    [RGD_NAME_LABEL]: rgd.name,
    ...(rgd.uid ? { [RGD_ID_LABEL]: rgd.uid } : {}),
  };
}

/** True when `child` was created for `instance` (by name, namespace and kind; by uid when both know it). */
export function isChildOf(child: KubeObject, instance: InstanceIdentity): boolean {
  const l = child.metadata.labels ?? {};
  if (l[OWNED_LABEL] !== 'true' || l[INSTANCE_NAME_LABEL] !== instance.name) return false;
  if ((l[INSTANCE_NAMESPACE_LABEL] ?? '') !== (instance.namespace ?? '')) return false;
  if (l[INSTANCE_KIND_LABEL] !== instance.gvk.kind || (l[INSTANCE_GROUP_LABEL] ?? '') !== instance.gvk.group) return false;
  const uid = l[INSTANCE_ID_LABEL];
  return !uid || !instance.uid || uid === instance.uid;
}

/** The resource id a child was created for: the `kro.run/node` annotation, else its node-id label matched against `ids`. */
export function resourceIdOf(child: KubeObject, ids: string[]): string | undefined {
  const named = child.metadata.annotations?.[NODE_ANNOTATION];
  if (named && ids.includes(named)) return named;
  const hash = child.metadata.labels?.[NODE_ID_LABEL];
  return hash ? ids.find((id) => nodeIdOf(id) === hash) : named;
}
