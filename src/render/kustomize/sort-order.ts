/**
 * Output order: kustomize's "legacy" order (namespaces and other prerequisites first, webhooks
 * last, then by kind and id) or the input ("fifo") order.
 */
import type { Resource } from './resource.js';

/** The kinds the legacy order puts first, in order. */
export const LEGACY_ORDER_FIRST: readonly string[] = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role',
  'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange',
  'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];

/** The kinds the legacy order puts last, in order. */
export const LEGACY_ORDER_LAST: readonly string[] = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

/** The GVK key of kustomize's legacy order: `group_version_kind`, a missing part sorting last. */
function gvkString(r: Resource): string {
  const id = r.id();
  return `${id.group || '~G'}_${id.version || '~V'}_${id.kind || '~K'}`;
}

/** The id key: the GVK key, then the namespace, then the name. */
function idString(r: Resource): string {
  return `${gvkString(r)}|${r.namespace() || '~X'}|${r.name()}`;
}

/** Sorts resources in kustomize's legacy order (stable). */
export function sortLegacy(resources: readonly Resource[], first: readonly string[] = LEGACY_ORDER_FIRST, last: readonly string[] = LEGACY_ORDER_LAST): Resource[] {
  const rank = new Map<string, number>();
  first.forEach((kind, i) => rank.set(kind, i - first.length));
  last.forEach((kind, i) => rank.set(kind, i + 1));
  const compare = (a: Resource, b: Resource): number => {
    const ga = gvkString(a);
    const gb = gvkString(b);
    if (ga !== gb) {
      const ra = rank.get(a.kind()) ?? 0;
      const rb = rank.get(b.kind()) ?? 0;
      if (ra !== rb) return ra - rb;
      return ga < gb ? -1 : 1;
    }
    const ia = idString(a);
    const ib = idString(b);
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
  return [...resources].sort(compare);
}
