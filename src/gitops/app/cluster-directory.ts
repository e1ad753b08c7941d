import { InputError, NotFoundError, type Clock, type Logger } from '../../core/index.js';
import { connectCluster, type Cluster, type Informer, type KubeObject } from '../../kube/index.js';
import { kubeconfigFor } from '../../fleet/index.js';
import { CLUSTER_SECRET_LABEL, isInCluster, isInClusterServer, parseClusterSecret } from './cluster-secret.js';
import type { ApplicationDestination } from './types.js';

/** Finds the cluster an Application's destination names: the hub, or one registered by a cluster secret. */
export interface ClusterDirectory {
  resolve(dest: ApplicationDestination): Promise<Cluster>;
  close(): void;
}

/**
 * Creates a directory over the hub's cluster secrets in the control namespace; connections are
 * cached per secret version. A cluster secret whose server is `https://kubernetes.default.svc`
 * resolves to the hub connection, by whichever name it registers the hub.
 */
export function createClusterDirectory(options: { hub: Cluster; controlNamespace: string; clock: Clock; log: Logger }): ClusterDirectory {
  const { hub } = options;
  const connections = new Map<string, { version: string; cluster: Promise<Cluster> }>();
  let secrets: Promise<Informer> | undefined;
  const informer = (): Promise<Informer> =>
    (secrets ??= hub.cache.informer('v1', 'Secret', { namespace: options.controlNamespace, labelSelector: `${CLUSTER_SECRET_LABEL}=cluster` }));

  const connect = (secret: KubeObject): Promise<Cluster> => {
    const parsed = parseClusterSecret(secret as never);
    if (!parsed.ok) throw new InputError(parsed.error);
    // The hub registered by its in-cluster address (as the GitOps Bridge registers it) is the hub connection: that address only resolves inside a pod.
    if (isInClusterServer(parsed.value.server)) return Promise.resolve(hub);
    const key = secret.metadata.name ?? '';
    const version = secret.metadata.resourceVersion ?? '';
    const cached = connections.get(key);
    if (cached && cached.version === version) return cached.cluster;
    void cached?.cluster.then((c) => c.close(), () => undefined);
    const cluster = connectCluster({ kubeconfig: { yaml: kubeconfigFor(parsed.value) }, name: parsed.value.name, clock: options.clock, log: options.log });
    connections.set(key, { version, cluster });
    cluster.catch(() => connections.delete(key));
    return cluster;
  };

  return {
    async resolve(dest) {
      if (isInCluster(dest)) return hub;
      const all = (await informer()).list();
      const match = all.find((s) => {
        const parsed = parseClusterSecret(s as never);
        return parsed.ok && (dest.server ? parsed.value.server === dest.server.replace(/\/+$/, '') : parsed.value.name === dest.name);
      });
      if (!match) {
        const what = dest.server ? `server ${dest.server}` : `name ${dest.name ?? '(none)'}`;
        throw new NotFoundError(`destination cluster with ${what} is not registered: add an Argo CD cluster secret in namespace ${options.controlNamespace}`, { retryable: true });
      }
      return connect(match);
    },
    close() {
      for (const c of connections.values()) void c.cluster.then((x) => x.close(), () => undefined);
      connections.clear();
    },
  };
}
