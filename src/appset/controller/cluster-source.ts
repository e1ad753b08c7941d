/**
 * The hub's view of registered clusters for the ApplicationSet controller: cluster Secrets of the
 * Argo CD namespace from the watch cache, and whether a destination (server or name) names one of
 * them or the local cluster.
 */
import type { Informer, KubeObject } from '../../kube/index.js';
import { IN_CLUSTER_NAME, IN_CLUSTER_SERVER, secretField } from '../generators/clusters.js';

/** True when `dest` names a registered cluster (or in-cluster, unless a Secret claims its server). */
export function destinationKnown(secrets: readonly KubeObject[], dest: { server?: string; name?: string }): boolean {
  if (dest.server) return dest.server === IN_CLUSTER_SERVER || secrets.some((s) => secretField(s, 'server') === dest.server);
  if (dest.name) return secrets.some((s) => secretField(s, 'name') === dest.name) || (dest.name === IN_CLUSTER_NAME && !secrets.some((s) => secretField(s, 'server') === IN_CLUSTER_SERVER));
  return false;
}

/** The cluster Secrets an informer holds, as a list. */
export function secretsOf(informer: Informer | undefined): KubeObject[] {
  return informer?.list() ?? [];
}
