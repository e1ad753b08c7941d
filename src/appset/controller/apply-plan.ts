/**
 * Carries out an AppPlan against the hub: creates, updates (a JSON patch holding the
 * resourceVersion read, so a concurrent change is a conflict and a retry) and deletes, a few at a
 * time. A deleted Application whose destination cluster is gone loses its resources finalizer
 * first, as in Argo CD, since nothing could ever finalize it.
 */
import { messageOf } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { RESOURCES_FINALIZER } from '../../render/index.js';
import type { AppPlan, AppUpdate } from './plan.js';

const CONCURRENCY = 8;

/** One failed write, with Argo CD's condition reason. */
export interface WriteFailure {
  readonly reason: 'CreateApplicationError' | 'UpdateApplicationError' | 'DeleteApplicationError';
  readonly name: string;
  readonly message: string;
  readonly retryable: boolean;
  /** A 409: the watch cache was behind (the object exists, or changed meanwhile); read again and retry. */
  readonly stale: boolean;
}

async function runLimited<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

const target = (namespace: string, name: string): { apiVersion: string; kind: string; namespace: string; name: string } => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace, name });

function patchOf(u: AppUpdate): unknown[] {
  const ops: unknown[] = [
    { op: 'add', path: '/metadata/resourceVersion', value: u.resourceVersion },
    { op: 'add', path: '/spec', value: u.spec },
    { op: 'add', path: '/metadata/labels', value: u.labels },
    { op: 'add', path: '/metadata/annotations', value: u.annotations },
    { op: 'add', path: '/metadata/finalizers', value: u.finalizers },
    { op: 'add', path: '/metadata/ownerReferences', value: u.ownerReferences },
  ];
  if (u.operation) ops.push({ op: 'add', path: '/operation', value: u.operation });
  return ops;
}

/** What applyPlan needs besides the plan. */
export interface ApplyPlanOptions {
  readonly namespace: string;
  destinationExists(app: KubeObject): boolean;
  /** Told the resourceVersion of every Application written, so the echo of the write can be told apart. */
  wrote?(name: string, resourceVersion: string): void;
}

/** Applies a plan; returns the writes that failed (the rest went through). */
export async function applyPlan(hub: Cluster, plan: AppPlan, o: ApplyPlanOptions): Promise<WriteFailure[]> {
  const { namespace, destinationExists } = o;
  const failures: WriteFailure[] = [];
  const done = (written: KubeObject): void => o.wrote?.(written.metadata.name ?? '', written.metadata.resourceVersion ?? '');
  const record = (reason: WriteFailure['reason'], name: string) => (error: unknown): void => {
    failures.push({ reason, name, message: messageOf(error), retryable: (error as { retryable?: boolean }).retryable === true, stale: (error as Error).name === 'ConflictError' });
  };
  await runLimited(plan.create, (app) => hub.api.create(app).then(done, record('CreateApplicationError', app.metadata.name)));
  await runLimited(plan.update, (u) => hub.api.patch(target(namespace, u.name), patchOf(u), { type: 'json' }).then(done, record('UpdateApplicationError', u.name)));
  await runLimited(plan.delete, async (app) => {
    const name = app.metadata.name ?? '';
    try {
      const finalizers = app.metadata.finalizers ?? [];
      if (finalizers.includes(RESOURCES_FINALIZER) && !destinationExists(app)) {
        await hub.api.patch(target(namespace, name), { metadata: { finalizers: finalizers.filter((f) => f !== RESOURCES_FINALIZER), resourceVersion: app.metadata.resourceVersion } }, { type: 'merge' });
      }
      await hub.api.delete(target(namespace, name));
    } catch (error) {
      record('DeleteApplicationError', name)(error);
    }
  });
  return failures;
}
