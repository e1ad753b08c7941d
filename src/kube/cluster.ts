import type { Clock, Logger } from '../core/index.js';
import { createKubeApi, type KubeApi } from './api.js';
import { createKubeClient } from './client.js';
import { connectKubeconfig, type KubeconfigSource } from './connection.js';
import { createDiscovery } from './discovery.js';
import { createWatchCache, type WatchCache } from './watch-cache.js';

/** Everything gantry uses to work with one cluster. */
export interface Cluster {
  readonly name: string;
  readonly api: KubeApi;
  readonly cache: WatchCache;
  close(): void;
}

/** Connects to the cluster a kubeconfig names and sets up its object API and watch cache. */
export async function connectCluster(options: {
  kubeconfig: KubeconfigSource;
  name?: string;
  clock: Clock;
  log: Logger;
  maxSockets?: number;
}): Promise<Cluster> {
  const connection = await connectKubeconfig(options.kubeconfig, { maxSockets: options.maxSockets, now: options.clock.now });
  const name = options.name ?? connection.name;
  const client = createKubeClient(connection, { name });
  const api = createKubeApi({ client, discovery: createDiscovery(client), cluster: name });
  const cache = createWatchCache({ api, clock: options.clock, log: options.log });
  return {
    name,
    api,
    cache,
    close() {
      cache.stop();
      connection.close();
    },
  };
}
