import { targetOf, type Cluster, type KubeObject } from '../../kube/index.js';
import type { ReconcileResult } from '../../runtime/index.js';
import { trackedLiveObjects } from './compare.js';
import type { RefreshDeps } from './refresh.js';
import { deletionConfirmationWait, isDeletionApproved, requiresDeletionConfirmation } from './prune-decision.js';
import { isOptionOff, resourceSyncOptions } from './sync-options.js';
import { trackingAppName } from './tracking.js';
import type { Application } from './types.js';
import { statusTime } from './status-time.js';

const FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/**
 * Deletes an Application: with Argo CD's resources finalizer, first every live resource it still
 * tracks (cascade), then the finalizer; without it, nothing but the Application goes. `Delete=false`
 * keeps a resource; `Delete=confirm` holds the whole cascade, deleting nothing, until the
 * Application's approval annotation is at or after its deletion, as Argo CD does.
 */
export async function finalizeApplication(app: Application, deps: RefreshDeps & { hub: Cluster }): Promise<ReconcileResult> {
  const finalizers = app.metadata.finalizers ?? [];
  const ours = finalizers.find((f) => f === FINALIZER || f.startsWith(`${FINALIZER}/`));
  if (!ours) return {};
  const cluster = await deps.clusters.resolve(app.spec.destination ?? {});
  const doomed = await trackedToDelete(app, cluster, deps);
  const unconfirmed = doomed.filter((live) => requiresDeletionConfirmation(live, app.spec.syncPolicy?.syncOptions));
  if (unconfirmed.length > 0 && !isDeletionApproved(app.metadata.annotations, app.metadata.deletionTimestamp)) {
    await showDeletionError(deps, app, deletionConfirmationWait(unconfirmed, app.metadata.name));
    return { requeueAfterMs: 10_000 };
  }
  const propagationPolicy = ours.endsWith('/background') ? 'Background' : 'Foreground';
  for (const live of doomed) {
    if (!live.metadata?.deletionTimestamp) await cluster.api.delete(targetOf(live), { propagationPolicy });
  }
  if (doomed.length > 0) return { requeueAfterMs: 1000 };
  const rest = finalizers.filter((f) => f !== ours);
  const target = { apiVersion: app.apiVersion, kind: app.kind, namespace: app.metadata.namespace, name: app.metadata.name };
  await deps.hub.api.patch(target, { metadata: { finalizers: rest } }, { type: 'merge' }).catch((e: unknown) => {
    if ((e as Error).name !== 'NotFoundError') throw e; // already gone: nothing left to finalize
  });
  return {};
}

/** The live resources the app still tracks and its deletion takes along (`Delete=false` ones, on the resource or app-wide, stay). */
async function trackedToDelete(app: Application, cluster: Cluster, deps: RefreshDeps): Promise<KubeObject[]> {
  const tracked = await trackedLiveObjects(cluster, app.status?.resources ?? [], trackingAppName(app.metadata, deps.controlNamespace));
  return tracked.filter(({ live }) => !isOptionOff(app.spec.syncPolicy?.syncOptions, resourceSyncOptions(live), 'Delete')).map(({ live }) => live as KubeObject);
}

/** Shows why the deletion waits as a DeletionError condition (written only when it changed). */
async function showDeletionError(deps: Pick<RefreshDeps, 'clock'> & { hub: Cluster }, app: Application, message: string): Promise<void> {
  const others = (app.status?.conditions ?? []).filter((c) => c.type !== 'DeletionError');
  if ((app.status?.conditions ?? []).some((c) => c.type === 'DeletionError' && c.message === message)) return;
  const conditions = [...others, { type: 'DeletionError', message, lastTransitionTime: statusTime(deps.clock) }];
  const target = { apiVersion: app.apiVersion, kind: app.kind, namespace: app.metadata.namespace, name: app.metadata.name };
  await deps.hub.api.patch(target, { status: { conditions } }, { type: 'merge' }).catch(() => undefined);
}
