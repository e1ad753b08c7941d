/**
 * Output order: kustomize's "legacy" order (namespaces and other prerequisites first, webhooks
 * last, then by kind and id) or the input ("fifo") order.
 */
import { formatResId, type Resource } from './resource.js';

/** The kinds the legacy order puts first, in order. */
export const LEGACY_ORDER_FIRST: readonly string[] = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role',
  'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange',
  'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];

/** The kinds the legacy order puts last, in order. */
export const LEGACY_ORDER_LAST: readonly string[] = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function gvkString(r: Resource): string {
  const id = r.id();
  return `${id.kind || '[noKind]'}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}`;
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
    const ia = formatResId(a.id());
    const ib = formatResId(b.id());
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
  return [...resources].sort(compare);
}
