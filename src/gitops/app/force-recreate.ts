import { ConflictError, InputError, NotFoundError, messageOf, type Clock } from '../../core/index.js';
import { targetOf, type Cluster } from '../../kube/index.js';
import type { KubeObject } from '../kube-object.js';
import type { ApplyMode } from './sync-options.js';
import { createResource, objectLabel, objectPath, writeResource } from './write-resource.js';

/** How long one sync step waits for a forced deletion to finish before leaving the task pending for the next step. */
const GONE_WAIT_MS = 15_000;
const GONE_POLL_MS = 200;

/** What writing one resource for a sync did: the apiserver's object and Argo CD's word for it, or no result while a forced deletion is still under way. */
export interface SyncWrite {
  result?: KubeObject;
  message: string;
}

/** What a sync write needs: the resource's mode, its live object, and a clock to wait for a forced deletion. */
export interface SyncWriteOptions {
  mode: ApplyMode;
  live?: KubeObject;
  clock: Clock;
}

/**
 * Whether an apply refusal is one `kubectl apply --force` answers by deleting and recreating:
 * the apiserver found the change invalid (an immutable field, 422) or conflicting (409).
 */
export function isRefusedChange(error: unknown): boolean {
  return error instanceof InputError || error instanceof ConflictError;
}

/**
 * The fields of a live object that a create must not carry (server-set identity, versions,
 * ownership bookkeeping, status): what is left is what restoring the object recreates.
 */
export function restorableCopy(live: KubeObject): KubeObject {
  const copy = structuredClone(live) as KubeObject & { status?: unknown };
  delete copy.status;
  const meta = { ...(copy.metadata ?? {}) } as Record<string, unknown>;
  for (const f of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'managedFields', 'selfLink']) delete meta[f];
  return { ...copy, metadata: meta as KubeObject['metadata'] };
}

/**
 * Writes one resource as a sync step does, honouring `Force=true`: with Replace the live object
 * is deleted and the manifest created (`kubectl replace --force`); with apply, a change the
 * apiserver refuses as invalid or conflicting deletes and recreates the object (`kubectl apply
 * --force`). A forced deletion whose object is still going leaves no result: the task stays
 * pending and the next step creates it.
 */
export async function writeForSync(cluster: Cluster, obj: KubeObject, o: SyncWriteOptions): Promise<SyncWrite> {
  const { mode, live } = o;
  if (mode.force && live) {
    if (live.metadata?.deletionTimestamp) return createWhenGone(cluster, obj, o);
    if (mode.replace) return recreate(cluster, obj, o);
  }
  try {
    const result = await writeResource(cluster, obj, { mode, live });
    return { result, message: !live ? 'created' : mode.replace ? 'replaced' : 'configured' };
  } catch (error) {
    if (!mode.force || !live || !isRefusedChange(error)) throw error;
    return recreate(cluster, obj, o);
  }
}

/**
 * Deletes the live object and creates the manifest, but only after the apiserver accepted the
 * manifest as a new object in a dry run (so an invalid manifest never costs the live object), and
 * with the live object's uid as a precondition (so nothing else of that name is deleted).
 */
async function recreate(cluster: Cluster, obj: KubeObject, o: SyncWriteOptions): Promise<SyncWrite> {
  const live = o.live as KubeObject;
  await checkCreatable(cluster, obj, o.mode);
  const path = await objectPath(cluster, live, true);
  const preconditions = { uid: live.metadata?.uid };
  try {
    await cluster.api.client.request({ method: 'DELETE', path, body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', preconditions }, what: `delete ${objectLabel(live)} to recreate it` });
  } catch (error) {
    // Gone already, or replaced by another object of the same name since it was read: the next step looks again.
    if (error instanceof NotFoundError) return createWhenGone(cluster, obj, o);
    if (error instanceof ConflictError) return { message: `${objectLabel(live)} changed while being recreated` };
    throw error;
  }
  return createWhenGone(cluster, obj, o);
}

/** Waits (a bounded time) for the old object to be gone, then creates the manifest; restores the old object if the create fails. */
async function createWhenGone(cluster: Cluster, obj: KubeObject, o: SyncWriteOptions): Promise<SyncWrite> {
  const live = o.live as KubeObject;
  if (!(await waitGone(cluster, live, o.clock))) return { message: `waiting for ${objectLabel(live)} to be deleted before recreating it` };
  try {
    return { result: await createObject(cluster, obj, o.mode), message: 'recreated' };
  } catch (error) {
    const restored = await createObject(cluster, restorableCopy(live), { ...o.mode, validate: false }).then(
      () => 'the previous object was restored',
      (e: unknown) => `restoring the previous object failed too: ${messageOf(e)}`,
    );
    throw new InputError(`Force=true: ${objectLabel(obj)} was deleted to be recreated, but creating it failed (${restored}): ${messageOf(error)}`, { cause: error });
  }
}

async function waitGone(cluster: Cluster, live: KubeObject, clock: Clock): Promise<boolean> {
  const target = targetOf(live as never);
  for (let waited = 0; ; waited += GONE_POLL_MS) {
    const current = await cluster.api.get(target);
    if (!current || current.metadata?.uid !== live.metadata?.uid) return !current;
    if (waited >= GONE_WAIT_MS) return false;
    await clock.sleep(GONE_POLL_MS);
  }
}

/** A forced recreation refuses to delete when the manifest would not be accepted as a new object: only "already exists" passes the dry run. */
async function checkCreatable(cluster: Cluster, obj: KubeObject, mode: ApplyMode): Promise<void> {
  try {
    await createResource(cluster, obj, { validate: mode.validate, dryRun: true });
  } catch (error) {
    if (error instanceof ConflictError) return;
    throw new InputError(`Force=true: ${objectLabel(obj)} was left in place, since its manifest is refused as a new object too: ${messageOf(error)}`, { cause: error });
  }
}

/** Creates the object as the sync would have written it: a POST for Replace, else a server-side apply (so gantry owns its fields). */
async function createObject(cluster: Cluster, obj: KubeObject, mode: ApplyMode): Promise<KubeObject> {
  if (mode.replace) return createResource(cluster, obj, { validate: mode.validate });
  return writeResource(cluster, obj, { mode: { replace: false, validate: mode.validate } });
}
