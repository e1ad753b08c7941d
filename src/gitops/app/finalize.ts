import type { Cluster, KubeObject } from '../../kube/index.js';
import type { ReconcileResult } from '../../runtime/index.js';
import { liveObject } from './compare.js';
import type { RefreshDeps } from './refresh.js';
import { isOptionOff, resourceSyncOptions } from './sync-options.js';
import { isTrackedBy, trackingAppName } from './tracking.js';
import type { Application } from './types.js';

const FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/**
 * Deletes an Application: with Argo CD's resources finalizer, first every live resource it still
 * tracks (cascade), then the finalizer; without it, nothing but the Application goes.
 */
export async function finalizeApplication(app: Application, deps: RefreshDeps & { hub: Cluster }): Promise<ReconcileResult> {
  const finalizers = app.metadata.finalizers ?? [];
  const ours = finalizers.find((f) => f === FINALIZER || f.startsWith(`${FINALIZER}/`));
  if (!ours) return {};
  const cluster = await deps.clusters.resolve(app.spec.destination ?? {});
  const appName = trackingAppName(app.metadata, deps.controlNamespace);
  const propagationPolicy = ours.endsWith('/background') ? 'Background' : 'Foreground';
  let remaining = 0;
  for (const r of app.status?.resources ?? []) {
    const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
    const live = await liveObject(cluster, { apiVersion, kind: r.kind, namespace: r.namespace, name: r.name });
    if (!live || !isTrackedBy(live as KubeObject & { apiVersion: string }, appName)) continue;
    // `Delete=false` (the resource's sync-options annotation, else the app's syncOptions) keeps a resource when its app is deleted.
    if (isOptionOff(app.spec.syncPolicy?.syncOptions, resourceSyncOptions(live), 'Delete')) continue;
    remaining++;
    if (!live.metadata?.deletionTimestamp) await cluster.api.delete({ apiVersion, kind: r.kind, namespace: r.namespace || undefined, name: r.name }, { propagationPolicy });
  }
  if (remaining > 0) return { requeueAfterMs: 1000 };
  const rest = finalizers.filter((f) => f !== ours);
  const target = { apiVersion: app.apiVersion, kind: app.kind, namespace: app.metadata.namespace, name: app.metadata.name };
  await deps.hub.api.patch(target, { metadata: { finalizers: rest } }, { type: 'merge' }).catch((e: unknown) => {
    if ((e as Error).name !== 'NotFoundError') throw e; // already gone: nothing left to finalize
  });
  return {};
}
