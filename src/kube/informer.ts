import { messageOf, type Clock, type Logger } from '../core/index.js';
import type { KubeApi } from './api.js';
import { isGone } from './errors.js';
import { apiVersionOf, type ApiResource, type KubeObject } from './types.js';
import { watchResource, type WatchEvent } from './watch.js';

/** A change seen by an informer. */
export interface ObjectChange {
  type: 'added' | 'updated' | 'deleted';
  object: KubeObject;
  old?: KubeObject;
}

/** A list+watch-fed copy of one resource's objects, kept current, with change notifications. */
export interface Informer {
  readonly resource: ApiResource;
  /** Resolves once the first list has filled the store. */
  synced(): Promise<void>;
  get(namespace: string | undefined, name: string): KubeObject | undefined;
  list(namespace?: string): KubeObject[];
  onChange(handler: (change: ObjectChange) => void): () => void;
  stop(): void;
}

/** What one informer watches. */
export interface InformerOptions {
  api: KubeApi;
  resource: ApiResource;
  namespace?: string;
  labelSelector?: string;
  clock: Clock;
  log: Logger;
}

const keyOf = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

/** Starts an informer: lists, then watches from the list's version, relisting when the version expires. */
export function startInformer(options: InformerOptions): Informer {
  const { api, resource, clock } = options;
  const log = options.log.child({ cluster: api.cluster, resource: resource.resource });
  const store = new Map<string, KubeObject>();
  const handlers = new Set<(c: ObjectChange) => void>();
  const abort = new AbortController();
  let markSynced: () => void = () => undefined;
  const syncedPromise = new Promise<void>((resolve) => (markSynced = resolve));
  const emit = (c: ObjectChange): void => handlers.forEach((h) => h(c));
  const apiVersion = apiVersionOf(resource);

  const relist = async (): Promise<string | undefined> => {
    const items = await listAll(api, apiVersion, resource.kind, options);
    const seen = new Set<string>();
    for (const item of items) {
      const key = keyOf(item);
      seen.add(key);
      const old = store.get(key);
      store.set(key, item);
      if (!old) emit({ type: 'added', object: item });
      else if (old.metadata.resourceVersion !== item.metadata.resourceVersion) emit({ type: 'updated', object: item, old });
    }
    for (const [key, old] of store) {
      if (!seen.has(key)) {
        store.delete(key);
        emit({ type: 'deleted', object: old });
      }
    }
    markSynced();
    return items.rv;
  };

  const apply = (e: WatchEvent): string | undefined => {
    e.object.apiVersion ??= apiVersion;
    e.object.kind ??= resource.kind;
    const key = keyOf(e.object);
    const old = store.get(key);
    if (e.type === 'DELETED') {
      store.delete(key);
      emit({ type: 'deleted', object: e.object });
    } else if (e.type === 'ADDED' || e.type === 'MODIFIED') {
      store.set(key, e.object);
      emit(old ? { type: 'updated', object: e.object, old } : { type: 'added', object: e.object });
    }
    return e.object.metadata.resourceVersion;
  };

  const loop = async (): Promise<void> => {
    let rv: string | undefined;
    let failures = 0;
    while (!abort.signal.aborted) {
      try {
        rv ??= await relist();
        await watchResource(api.client, { ...options, resource, resourceVersion: rv, signal: abort.signal }, (e) => {
          rv = apply(e) ?? rv;
        });
        failures = 0;
      } catch (error) {
        if (abort.signal.aborted) break;
        if (isGone(error)) {
          rv = undefined;
          continue;
        }
        failures++;
        log.warn('watch failed, retrying', { error: messageOf(error), failures });
        rv = undefined;
        await clock.sleep(Math.min(30_000, 250 * 2 ** Math.min(failures, 7)), abort.signal).catch(() => undefined);
      }
    }
  };
  void loop();

  return {
    resource,
    synced: () => syncedPromise,
    get: (namespace, name) => store.get(`${namespace ?? ''}/${name}`),
    list: (namespace) => [...store.values()].filter((o) => namespace === undefined || o.metadata.namespace === namespace),
    onChange(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    stop: () => abort.abort(),
  };
}

async function listAll(
  api: KubeApi,
  apiVersion: string,
  kind: string,
  o: { namespace?: string; labelSelector?: string },
): Promise<KubeObject[] & { rv?: string }> {
  const out: KubeObject[] & { rv?: string } = [];
  let token: string | undefined;
  do {
    const page = await api.list(apiVersion, kind, { namespace: o.namespace, labelSelector: o.labelSelector, limit: 500, continueToken: token });
    out.push(...page.items);
    token = page.metadata.continue || undefined;
    out.rv = page.metadata.resourceVersion;
  } while (token);
  return out;
}
