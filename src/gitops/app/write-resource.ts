import { InputError, messageOf } from '../../core/index.js';
import { FIELD_MANAGER, resourcePath, targetOf, type Cluster } from '../../kube/index.js';
import type { KubeObject } from '../kube-object.js';
import { undeclaredFieldPath, withoutField, type ApplyMode } from './sync-options.js';

/** Undeclared fields dropped at most this many times per write (each refusal names one). */
const MAX_DROPPED_FIELDS = 32;

/** What writing one resource needs: its sync options' mode, the live object (for Replace), and whether this is a dry run. */
export interface WriteOptions {
  mode: ApplyMode;
  live?: KubeObject;
  dryRun?: boolean;
}

/**
 * Writes one desired object as its sync options say. By default server-side apply (field manager
 * `gantry`, force): what `ServerSideApply=true` asks for, and what gantry always does otherwise,
 * since it has no client-side apply. `Replace=true` replaces the object (PUT at the live
 * resourceVersion) or creates it when missing, as `kubectl replace`/`kubectl create`.
 * `Validate=false` sends `fieldValidation=Ignore` (honoured from Kubernetes 1.25); an older
 * apiserver refuses undeclared fields in an apply, so they are dropped one by one, as the newer
 * server would. Dry runs (comparison) always apply: they predict, they never replace.
 */
export async function writeResource(cluster: Cluster, obj: KubeObject, o: WriteOptions): Promise<KubeObject> {
  if (o.mode.replace && !o.dryRun) return replaceOrCreate(cluster, obj, o);
  if (o.mode.validate) return (await cluster.api.apply(obj as never, { dryRun: o.dryRun })) as KubeObject;
  let current = obj;
  for (let dropped = 0; ; dropped++) {
    try {
      return await applyIgnoringUnknown(cluster, current, o.dryRun === true);
    } catch (error) {
      const next = dropped < MAX_DROPPED_FIELDS ? withoutUndeclared(current, error) : undefined;
      if (!next) throw error;
      current = next;
    }
  }
}

function withoutUndeclared(obj: KubeObject, error: unknown): KubeObject | undefined {
  const path = undeclaredFieldPath(messageOf(error));
  return path ? withoutField(obj, path) : undefined;
}

/** The apiserver path of an object's collection, or of the object itself `withName`, from the cluster's discovery. */
export async function objectPath(cluster: Cluster, obj: KubeObject, withName: boolean): Promise<string> {
  const t = targetOf(obj as never);
  const res = await cluster.api.discovery.resolve(t.apiVersion, t.kind);
  if (res.namespaced && !t.namespace) throw new InputError(`${t.kind} ${t.name} is namespaced but has no namespace`);
  return resourcePath(res, { namespace: t.namespace, ...(withName ? { name: t.name } : {}) });
}

/** `Kind namespace/name` (or `Kind name` when cluster-scoped), as gantry names an object in messages. */
export function objectLabel(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  return `${obj.kind ?? ''} ${ns ? `${ns}/` : ''}${obj.metadata?.name ?? ''}`;
}

function label(verb: string, obj: KubeObject): string {
  return `${verb} ${objectLabel(obj)}`;
}

async function applyIgnoringUnknown(cluster: Cluster, obj: KubeObject, dryRun: boolean): Promise<KubeObject> {
  const path = await objectPath(cluster, obj, true);
  const query = { fieldManager: FIELD_MANAGER, force: true, fieldValidation: 'Ignore', dryRun: dryRun ? 'All' : undefined };
  return cluster.api.client.request<KubeObject>({ method: 'PATCH', path, query, body: obj, contentType: 'application/apply-patch+yaml', what: label('apply', obj) });
}

/** Creates the object (POST) as gantry's field manager; a dry run only asks whether the apiserver would accept it as new. */
export async function createResource(cluster: Cluster, obj: KubeObject, o: { validate: boolean; dryRun?: boolean }): Promise<KubeObject> {
  const path = await objectPath(cluster, obj, false);
  const query = { fieldManager: FIELD_MANAGER, fieldValidation: o.validate ? 'Strict' : 'Ignore', dryRun: o.dryRun ? 'All' : undefined };
  return cluster.api.client.request<KubeObject>({ method: 'POST', path, query, body: obj, what: label(o.dryRun ? 'dry-run create' : 'create', obj) });
}

/** `Replace=true`: PUT over the live object at its resourceVersion, or POST when there is none. */
async function replaceOrCreate(cluster: Cluster, obj: KubeObject, o: WriteOptions): Promise<KubeObject> {
  if (!o.live) return createResource(cluster, obj, { validate: o.mode.validate });
  const query = { fieldManager: FIELD_MANAGER, fieldValidation: o.mode.validate ? 'Strict' : 'Ignore' };
  const path = await objectPath(cluster, obj, true);
  const body = { ...obj, metadata: { ...(obj.metadata ?? {}), resourceVersion: o.live.metadata?.resourceVersion } };
  return cluster.api.client.request<KubeObject>({ method: 'PUT', path, query, body, what: label('replace', obj) });
}
