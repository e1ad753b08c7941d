/**
 * The hub's view of registered clusters for the ApplicationSet controller: cluster Secrets of the
 * Argo CD namespace from the watch cache, and whether a destination (server or name) names one of
 * them or the local cluster.
 */
import type { Informer, KubeObject } from '../../kube/index.js';
import { IN_CLUSTER_NAME, IN_CLUSTER_SERVER, secretField } from '../generators/clusters.js';

type Destination = { server?: string; name?: string };

/**
 * Whether a destination names a registered cluster (or in-cluster, unless a Secret claims its
 * server), decided against one snapshot of the cluster Secrets: each Secret is decoded once, not
 * once per Application asked about.
 */
export function destinationIndex(secrets: readonly KubeObject[]): (dest: Destination) => boolean {
  const servers = new Set(secrets.map((s) => secretField(s, 'server')));
  const names = new Set(secrets.map((s) => secretField(s, 'name')));
  return (dest) => {
    if (dest.server) return dest.server === IN_CLUSTER_SERVER || servers.has(dest.server);
    if (dest.name) return names.has(dest.name) || (dest.name === IN_CLUSTER_NAME && !servers.has(IN_CLUSTER_SERVER));
    return false;
  };
}

/** An Application's destination. */
export function destinationOf(app: KubeObject): Destination {
  return ((app['spec'] as { destination?: object } | undefined)?.destination ?? {}) as Destination;
}

/** The cluster Secrets an informer holds, as a list. */
export function secretsOf(informer: Informer | undefined): KubeObject[] {
  return informer?.list() ?? [];
}
