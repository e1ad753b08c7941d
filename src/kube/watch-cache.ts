import type { Clock, Logger } from '../core/index.js';
import type { KubeApi } from './api.js';
import { startInformer, type Informer } from './informer.js';

/** Which objects of a kind an informer covers. */
export interface InformerScope {
  namespace?: string;
  labelSelector?: string;
}

/**
 * The watch-fed cache of live objects of one cluster: one shared informer per kind and scope,
 * started on first use, so every controller reads the same copy and the apiserver sees one watch.
 */
export interface WatchCache {
  readonly api: KubeApi;
  /** The informer for a kind, started on first call and synced when the promise resolves. */
  informer(apiVersion: string, kind: string, scope?: InformerScope): Promise<Informer>;
  stop(): void;
}

/** Creates the watch cache of one cluster. */
export function createWatchCache(options: { api: KubeApi; clock: Clock; log: Logger }): WatchCache {
  const informers = new Map<string, Promise<Informer>>();
  const started: Informer[] = [];
  return {
    api: options.api,
    informer(apiVersion, kind, scope = {}) {
      const key = `${apiVersion}|${kind}|${scope.namespace ?? ''}|${scope.labelSelector ?? ''}`;
      let entry = informers.get(key);
      if (!entry) {
        entry = (async () => {
          const resource = await options.api.discovery.resolve(apiVersion, kind);
          const informer = startInformer({ ...options, ...scope, resource });
          started.push(informer);
          await informer.synced();
          // A stopped informer leaves the cache, so the next caller gets a live one.
          return { ...informer, stop: () => (informer.stop(), informers.delete(key)) };
        })();
        entry.catch(() => informers.delete(key));
        informers.set(key, entry);
      }
      return entry;
    },
    stop() {
      started.forEach((i) => i.stop());
      informers.clear();
    },
  };
}
