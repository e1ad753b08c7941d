import { formatNameKey, parseNameKey, type Clock, type Logger } from '../../core/index.js';
import type { Cluster, Informer, KubeObject, ObjectChange } from '../../kube/index.js';
import { createController, type Controller, type ControllerMetrics, type ReconcileResult, type Runnable } from '../../runtime/index.js';
import { createClusterDirectory } from './cluster-directory.js';
import { createComparisonCache } from './comparison-cache.js';
import { createRenderCache } from './render-cache.js';
import { finalizeApplication } from './finalize.js';
import { installApplicationApi } from './install.js';
import type { ObjectComparer, SourceReader, SourceRenderer } from './ports.js';
import type { ProjectSpec } from './project.js';
import { refreshApplication, type RefreshDeps } from './refresh.js';
import { createCredentialLookup, readerWithCredentials, rendererWithCredentials } from './repo-credential-lookup.js';
import { cacheRevisions } from './revision-cache.js';
import { REFRESH_ANNOTATION, writeStatus } from './write-status.js';
import { TRACKING_ANNOTATION, parseTrackingId } from './tracking.js';
import type { Application, ApplicationSource } from './types.js';

/** Reconciles at once: Argo CD's default number of operation processors (fan-out of one commit to many apps is latency-bound, not CPU-bound, below this). */
const DEFAULT_WORKERS = 10;

/** The Application controller's dependencies. */
export interface ApplicationControllerOptions {
  hub: Cluster;
  reader: SourceReader;
  render: SourceRenderer;
  compare: ObjectComparer;
  /** Where Applications, AppProjects and cluster secrets live (Argo CD's `argocd`). */
  controlNamespace?: string;
  workers?: number;
  clock: Clock;
  log: Logger;
}

/** The Application controller: a runnable, plus a way for push events to refresh the apps of a repository. */
export interface ApplicationController extends Runnable {
  /**
   * Refreshes every Application whose source repoURL satisfies `matches` (a push landed there),
   * after forgetting the revisions resolved for those repositories; `select`, when given, narrows
   * it to the sources it accepts (a webhook's ref, a poll's moved commit).
   */
  refreshWhere(matches: (repoURL: string) => boolean, select?: (source: ApplicationSource, app: Application) => boolean): void;
  /** The Applications of the control namespace as the controller's watch cache holds them now. */
  applications(): Application[];
  /** The work queue's counters (reconciles, errors, in flight), for status pages and benchmarks. */
  metrics(): ControllerMetrics;
}

/** How long one resolution of a branch or tag serves every app that asks (a push invalidates it at once). */
const REVISION_TTL_MS = 1000;
/** How long a comparison answer stands without a new dry run while neither the manifest nor the live object changes. */
const COMPARISON_MAX_AGE_MS = 10 * 60_000;
/** How soon a reconcile whose status write lost a race runs again. */
const LOST_WRITE_RETRY_MS = 200;
/** Renders kept (about two revisions of a thousand apps). */
const RENDERS_KEPT = 2048;

const WATCHED = (a: KubeObject): string => JSON.stringify([a.spec, (a as { operation?: unknown }).operation, a.metadata.annotations, a.metadata.deletionTimestamp, a.metadata.finalizers]);

/** Creates the Application controller (Argo CD's application controller, in gantry's runtime). */
export function createApplicationController(o: ApplicationControllerOptions): ApplicationController {
  const controlNamespace = o.controlNamespace ?? 'argocd';
  const log = o.log.child({ controller: 'applications' });
  const clusters = createClusterDirectory({ hub: o.hub, controlNamespace, clock: o.clock, log });
  let apps: Informer | undefined;
  let projects: Informer | undefined;
  const watchedKinds = new Set<string>();
  // Credentials from the control namespace's repository secrets are looked up per URL, below the revision cache.
  const credentials = createCredentialLookup(o.hub, controlNamespace);
  const reader = cacheRevisions(readerWithCredentials(o.reader, credentials), { clock: o.clock, ttlMs: REVISION_TTL_MS });
  const deps: RefreshDeps = {
    clusters,
    reader,
    render: rendererWithCredentials(o.render, credentials),
    compare: o.compare,
    comparisons: createComparisonCache({ clock: o.clock, maxAgeMs: COMPARISON_MAX_AGE_MS }),
    renders: createRenderCache(RENDERS_KEPT),
    controlNamespace,
    project: (name) => {
      const p = projects?.get(controlNamespace, name) as { spec?: ProjectSpec } | undefined;
      return p ? { name, spec: p.spec ?? {} } : undefined;
    },
    clock: o.clock,
    log,
  };
  const controller: Controller = createController({ name: 'applications', workers: o.workers ?? DEFAULT_WORKERS, clock: o.clock, log, reconcile: (key) => reconcile(key) });

  const comparisons = deps.comparisons;
  // The event of gantry's own apply: the reconcile that applied it already counted its result.
  const isOwnApply = (cluster: string, change: ObjectChange): boolean => change.type !== 'deleted' && comparisons?.isOwnApply(cluster, change.object) === true;
  // Events for apps whose reconcile is under way wait for it to end: the watch event of an apply
  // can arrive before the apply's own answer has been recorded, and must not look like drift.
  const held = new Map<string, { cluster: string; change: ObjectChange }[]>();
  const enqueueTracked = (cluster: string, change: ObjectChange): void => {
    if (isOwnApply(cluster, change)) return;
    const id = parseTrackingId(change.object.metadata.annotations?.[TRACKING_ANNOTATION] ?? change.old?.metadata.annotations?.[TRACKING_ANNOTATION]);
    if (!id) return;
    const sep = id.appName.indexOf('_');
    const key = sep < 0 ? formatNameKey(controlNamespace, id.appName) : formatNameKey(id.appName.slice(0, sep), id.appName.slice(sep + 1));
    const waiting = held.get(key);
    if (waiting) waiting.push({ cluster, change });
    else controller.enqueue(key);
  };
  const releaseHeld = (key: string): void => {
    const waiting = held.get(key) ?? [];
    held.delete(key);
    if (waiting.some((w) => !isOwnApply(w.cluster, w.change))) controller.enqueue(key);
  };

  const watchKinds = async (cluster: Cluster, kinds: { apiVersion: string; kind: string }[]): Promise<void> => {
    for (const k of kinds) {
      const key = `${cluster.name}|${k.apiVersion}|${k.kind}`;
      if (watchedKinds.has(key)) continue;
      const informer = await cluster.cache.informer(k.apiVersion, k.kind).catch(() => undefined);
      if (!informer) continue;
      watchedKinds.add(key);
      informer.onChange((change) => enqueueTracked(cluster.name, change));
    }
  };

  // The resourceVersion each app had when a reconcile last read or wrote it: a cached copy at that
  // version is exactly what a fresh read would return, so the read can be skipped.
  const lastSeen = new Map<string, string>();
  const readApp = async (key: string, namespace: string | undefined, name: string): Promise<Application | undefined> => {
    const cached = apps?.get(namespace, name);
    if (cached && lastSeen.get(key) === cached.metadata.resourceVersion) return cached as unknown as Application;
    return (await o.hub.api.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace, name })) as unknown as Application | undefined;
  };

  const reconcile = async (key: string): Promise<ReconcileResult> => {
    held.set(key, []);
    try {
      return await reconcileApp(key);
    } finally {
      releaseHeld(key);
    }
  };

  const reconcileApp = async (key: string): Promise<ReconcileResult> => {
    const { namespace, name } = parseNameKey(key);
    // Fresh, not merely cached: a sync step must start from the status the last step wrote.
    const app = await readApp(key, namespace, name);
    lastSeen.delete(key);
    if (!app) return {};
    if (app.metadata.deletionTimestamp) return finalizeApplication(app, { ...deps, hub: o.hub });
    const refresh = app.metadata.annotations?.[REFRESH_ANNOTATION];
    if (refresh !== undefined) reader.invalidate((url) => [app.spec.source, ...(app.spec.sources ?? [])].some((s) => s?.repoURL === url));
    const runDeps = refresh === 'hard' ? { ...deps, renders: undefined, comparisons: undefined } : deps;
    const outcome = await refreshApplication(app, runDeps);
    const version = await writeStatus(o.hub, app, outcome, { clock: o.clock, refreshed: refresh !== undefined });
    if (version) lastSeen.set(key, version);
    if (outcome.cluster) await watchKinds(outcome.cluster, outcome.kinds);
    // A status write that lost a race (the app changed since it was read) is redone from the newer app soon,
    // whether or not the change that won is one the app's watch handler reacts to.
    return { requeueAfterMs: version ? outcome.requeueAfterMs : Math.min(outcome.requeueAfterMs, LOST_WRITE_RETRY_MS) };
  };

  return {
    name: 'applications',
    async start(signal) {
      await installApplicationApi(o.hub, controlNamespace, o.clock);
      // As Argo CD by default: Applications and AppProjects of the control namespace only.
      projects = await o.hub.cache.informer('argoproj.io/v1alpha1', 'AppProject', { namespace: controlNamespace });
      apps = await o.hub.cache.informer('argoproj.io/v1alpha1', 'Application', { namespace: controlNamespace });
      apps.onChange((c) => {
        if (c.type !== 'updated' || !c.old || WATCHED(c.old) !== WATCHED(c.object)) controller.enqueue(formatNameKey(c.object.metadata.namespace, c.object.metadata.name ?? ''));
      });
      projects.onChange(() => apps?.list().forEach((a) => controller.enqueue(formatNameKey(a.metadata.namespace, a.metadata.name ?? ''))));
      for (const a of apps.list()) controller.enqueue(formatNameKey(a.metadata.namespace, a.metadata.name ?? ''));
      await controller.start(signal);
    },
    async stop() {
      await controller.stop();
      clusters.close();
    },
    refreshWhere(matches, select) {
      reader.invalidate(matches);
      for (const a of (apps?.list() ?? []) as unknown as Application[]) {
        const sources = [a.spec.source, ...(a.spec.sources ?? [])].filter((s) => s !== undefined);
        if (sources.some((s) => matches(s.repoURL) && (select?.(s, a) ?? true))) controller.enqueue(formatNameKey(a.metadata.namespace, a.metadata.name));
      }
    },
    applications: () => (apps?.list() ?? []) as unknown as Application[],
    metrics: () => controller.metrics(),
  };
}
