import { InputError, NotFoundError } from '../core/index.js';
import type { KubeClient } from './client.js';
import type { Discovery } from './discovery.js';
import { resourcePath, type ApiResource, type KubeList, type KubeObject } from './types.js';

/** The field manager gantry applies with, so ownership of fields is stable across restarts. */
export const FIELD_MANAGER = 'gantry';

/** Names one object for get, patch and delete. */
export interface ObjectTarget {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Options for server-side apply. */
export interface ApplyOptions {
  /** Take over fields owned by other managers (default true, as a GitOps controller must). */
  force?: boolean;
  dryRun?: boolean;
  fieldManager?: string;
  subresource?: 'status';
}

/** Options for listing. */
export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continueToken?: string;
}

/** Patch flavours the apiserver accepts. */
export type PatchType = 'merge' | 'json' | 'strategic';

const PATCH_CONTENT: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

/** Object-level operations on one cluster: server-side apply, get, list, create, patch, delete. */
export interface KubeApi {
  readonly cluster: string;
  readonly client: KubeClient;
  readonly discovery: Discovery;
  apply<T extends KubeObject>(obj: T, options?: ApplyOptions): Promise<T>;
  get<T extends KubeObject>(target: ObjectTarget): Promise<T | undefined>;
  list<T extends KubeObject>(apiVersion: string, kind: string, options?: ListOptions): Promise<KubeList<T>>;
  create<T extends KubeObject>(obj: T): Promise<T>;
  patch<T extends KubeObject>(target: ObjectTarget, patch: unknown, options: { type: PatchType; subresource?: 'status' }): Promise<T>;
  /** Deletes an object; resolves false when it was already gone. */
  delete(target: ObjectTarget, options?: { propagationPolicy?: 'Foreground' | 'Background' | 'Orphan' }): Promise<boolean>;
}

/** Creates the object API of one cluster. */
export function createKubeApi(options: { client: KubeClient; discovery: Discovery; cluster?: string }): KubeApi {
  const { client, discovery } = options;
  const cluster = options.cluster ?? client.connection.name;
  const locate = async (t: ObjectTarget, sub?: string): Promise<{ res: ApiResource; path: string }> => {
    const res = await discovery.resolve(t.apiVersion, t.kind);
    if (res.namespaced && !t.namespace) {
      throw new InputError(`${t.kind} ${t.name} is namespaced but has no namespace`);
    }
    return { res, path: resourcePath(res, { namespace: t.namespace, name: t.name, subresource: sub }) };
  };
  const label = (verb: string, t: ObjectTarget): string => `${verb} ${t.kind} ${t.namespace ? `${t.namespace}/` : ''}${t.name}`;
  return {
    cluster,
    client,
    discovery,
    async apply<T extends KubeObject>(obj: T, o: ApplyOptions = {}): Promise<T> {
      const t = targetOf(obj);
      const { path } = await locate(t, o.subresource);
      const query = { fieldManager: o.fieldManager ?? FIELD_MANAGER, force: o.force ?? true, dryRun: o.dryRun ? 'All' : undefined };
      return client.request<T>({ method: 'PATCH', path, query, body: obj, contentType: 'application/apply-patch+yaml', what: label('apply', t) });
    },
    async get<T extends KubeObject>(t: ObjectTarget): Promise<T | undefined> {
      const { path } = await locate(t);
      try {
        return await client.request<T>({ method: 'GET', path, what: label('get', t) });
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
    async list<T extends KubeObject>(apiVersion: string, kind: string, o: ListOptions = {}): Promise<KubeList<T>> {
      const res = await discovery.resolve(apiVersion, kind);
      const path = resourcePath(res, { namespace: o.namespace });
      const query = { labelSelector: o.labelSelector, fieldSelector: o.fieldSelector, limit: o.limit, continue: o.continueToken };
      const list = await client.request<KubeList<T>>({ method: 'GET', path, query, what: `list ${kind}` });
      for (const item of list.items) {
        item.apiVersion ??= apiVersion;
        item.kind ??= kind;
      }
      return list;
    },
    async create<T extends KubeObject>(obj: T): Promise<T> {
      const t = targetOf(obj);
      const res = await discovery.resolve(t.apiVersion, t.kind);
      const path = resourcePath(res, { namespace: t.namespace });
      return client.request<T>({ method: 'POST', path, body: obj, what: label('create', t) });
    },
    async patch<T extends KubeObject>(t: ObjectTarget, body: unknown, o: { type: PatchType; subresource?: 'status' }): Promise<T> {
      const { path } = await locate(t, o.subresource);
      return client.request<T>({ method: 'PATCH', path, body, contentType: PATCH_CONTENT[o.type], what: label('patch', t) });
    },
    async delete(t: ObjectTarget, o = {}): Promise<boolean> {
      const { path } = await locate(t);
      try {
        await client.request({ method: 'DELETE', path, body: { kind: 'DeleteOptions', apiVersion: 'v1', ...o }, what: label('delete', t) });
        return true;
      } catch (error) {
        if (error instanceof NotFoundError) return false;
        throw error;
      }
    },
  };
}

/** The target of an object's own apiVersion, kind, namespace and name. */
export function targetOf(obj: KubeObject): ObjectTarget {
  const name = obj.metadata?.name;
  if (!obj.apiVersion || !obj.kind || !name) {
    throw new InputError(`object needs apiVersion, kind and metadata.name (got ${obj.apiVersion ?? '?'} ${obj.kind ?? '?'} ${name ?? '?'})`);
  }
  return { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name };
}
