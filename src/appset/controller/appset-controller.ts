/**
 * The ApplicationSet controller: ApplicationSets of the Argo CD namespace reconciled through the
 * runtime's one contract. It is woken by ApplicationSet changes, by changes of the Applications it
 * owns, by cluster Secret changes (only the ApplicationSets whose cluster selectors could match
 * the Secret's old or new labels), by pushes to repositories its git generators read, and by the
 * git generators' requeueAfterSeconds polling (external repositories).
 */
import { formatNameKey, parseNameKey, TransientError, type Clock, type Logger } from '../../core/index.js';
import type { GitReader } from '../../git/index.js';
import type { Cluster, Informer, KubeObject, ObjectChange } from '../../kube/index.js';
import { createController, type ControllerMetrics, type ReconcileResult, type Runnable } from '../../runtime/index.js';
import { SECRET_TYPE_LABEL } from '../generators/clusters.js';
import type { RepoFiles } from '../generators/ports.js';
import type { ApplicationSet } from '../types.js';
import { destinationIndex, destinationOf, secretsOf } from './cluster-source.js';
import { installApplicationSetApi } from './crds.js';
import { controllerOwner } from './plan.js';
import { reconcileApplicationSet, type AppSetReconcileDeps } from './reconcile-appset.js';
import { createRepoFiles } from './repo-files.js';
import { isRollingSync } from './rolling-sync.js';
import { appSetsForClusterChange, readsRepo } from './triggers.js';

/** What the controller needs. */
export interface ApplicationSetControllerOptions {
  hub: Cluster;
  /** Reads git generators' repositories (hosted and external); or give `repos` directly. */
  reader?: GitReader;
  repos?: RepoFiles;
  /** Where ApplicationSets, Applications, AppProjects and cluster Secrets live (Argo CD's `argocd`). */
  controlNamespace?: string;
  workers?: number;
  clock: Clock;
  log: Logger;
}

/** The controller: a runnable, plus a way for push events to re-evaluate git generators. */
export interface ApplicationSetController extends Runnable {
  /** Re-evaluates every ApplicationSet with a git generator reading a repository `matches` accepts. */
  refreshWhere(matches: (repoURL: string) => boolean): void;
  metrics(): ControllerMetrics;
}

const API = 'argoproj.io/v1alpha1';
const keyOf = (o: KubeObject): string => formatNameKey(o.metadata.namespace, o.metadata.name ?? '');
const specOf = (o: KubeObject): string => JSON.stringify([o['spec'], o.metadata.labels, o.metadata.annotations, o.metadata.finalizers, o.metadata.ownerReferences, o.metadata.deletionTimestamp, o['operation']]);

interface Informers {
  appsets?: Informer;
  apps?: Informer;
  secrets?: Informer;
  projects?: Informer;
}

const noRepos: RepoFiles = {
  directories: () => Promise.reject(new Error('no git reader is configured for the ApplicationSet controller')),
  files: () => Promise.reject(new Error('no git reader is configured for the ApplicationSet controller')),
};

/** Creates the ApplicationSet controller. */
export function createApplicationSetController(o: ApplicationSetControllerOptions): ApplicationSetController {
  const namespace = o.controlNamespace ?? 'argocd';
  const log = o.log.child({ controller: 'applicationsets' });
  const inf: Informers = {};
  const repos = o.repos ?? (o.reader ? createRepoFiles(o.reader) : noRepos);
  // The resourceVersion of each Application this controller last wrote: its watch echo needs no reconcile.
  const written = new Map<string, string>();
  // clusterExists and destinationExists are bound per reconcile, to one snapshot of the cluster Secrets.
  const deps: Omit<AppSetReconcileDeps, 'clusterExists' | 'destinationExists'> = {
    hub: o.hub,
    sources: { clusters: { listClusterSecrets: async () => secretsOf(inf.secrets) }, repos },
    applications: (ns) => inf.apps?.list(ns) ?? [],
    projectExists: (name) => inf.projects?.get(namespace, name) !== undefined,
    wrote: (ns, name, version) => written.set(formatNameKey(ns, name), version),
    clock: o.clock,
    log,
  };
  const reconcile = async (key: string): Promise<ReconcileResult> => {
    const { name } = parseNameKey(key);
    const appset = await o.hub.api.get<ApplicationSet>({ apiVersion: API, kind: 'ApplicationSet', namespace, name });
    if (!appset || appset.metadata.deletionTimestamp) return {};
    const known = destinationIndex(secretsOf(inf.secrets));
    const result = await reconcileApplicationSet(appset, { ...deps, clusterExists: known, destinationExists: (app) => known(destinationOf(app)), log: log.child({ appset: name }) });
    if (result.retry) throw new TransientError(`applicationset ${name}: ${result.retry}`);
    return result.requeueAfterMs === undefined ? {} : { requeueAfterMs: result.requeueAfterMs };
  };
  const controller = createController({ name: 'applicationsets', workers: o.workers ?? 4, clock: o.clock, log, reconcile });
  const appsets = (): ApplicationSet[] => (inf.appsets?.list(namespace) ?? []) as ApplicationSet[];

  const onSecret = (c: ObjectChange): void => {
    const change = { ...(c.type !== 'added' ? { oldLabels: (c.old ?? c.object).metadata.labels ?? {} } : {}), ...(c.type !== 'deleted' ? { newLabels: c.object.metadata.labels ?? {} } : {}) };
    for (const key of appSetsForClusterChange(appsets().map((a) => ({ key: keyOf(a), spec: a.spec })), change)) controller.enqueue(key);
  };
  const isEcho = (c: ObjectChange): boolean => {
    const key = keyOf(c.object);
    const version = written.get(key);
    if (version === undefined) return false;
    written.delete(key);
    return c.type !== 'deleted' && version === c.object.metadata.resourceVersion;
  };
  const onApp = (c: ObjectChange): void => {
    if (isEcho(c)) return;
    const owner = controllerOwner(c.object);
    if (!owner || owner.kind !== 'ApplicationSet') return;
    const appset = inf.appsets?.get(namespace, owner.name) as ApplicationSet | undefined;
    if (!appset) return;
    const statusOnly = c.type === 'updated' && c.old !== undefined && specOf(c.old) === specOf(c.object);
    if (!statusOnly || isRollingSync(appset)) controller.enqueue(keyOf(appset));
  };
  const onAppSet = (c: ObjectChange): void => {
    if (c.type === 'deleted') return;
    const changed = c.type === 'added' || !c.old || c.old.metadata.generation !== c.object.metadata.generation || JSON.stringify(c.old.metadata.annotations) !== JSON.stringify(c.object.metadata.annotations);
    if (changed) controller.enqueue(keyOf(c.object));
  };

  return {
    name: 'applicationsets',
    async start(signal) {
      await installApplicationSetApi(o.hub, o.clock);
      inf.secrets = await o.hub.cache.informer('v1', 'Secret', { namespace, labelSelector: `${SECRET_TYPE_LABEL}=cluster` });
      inf.projects = await o.hub.cache.informer(API, 'AppProject', { namespace });
      inf.apps = await o.hub.cache.informer(API, 'Application', { namespace });
      inf.appsets = await o.hub.cache.informer(API, 'ApplicationSet', { namespace });
      inf.secrets.onChange(onSecret);
      inf.apps.onChange(onApp);
      inf.appsets.onChange(onAppSet);
      inf.projects.onChange(() => appsets().forEach((a) => controller.enqueue(keyOf(a))));
      appsets().forEach((a) => controller.enqueue(keyOf(a)));
      await controller.start(signal);
    },
    async stop() {
      await controller.stop();
    },
    refreshWhere(matches) {
      for (const a of appsets()) if (readsRepo(a.spec, matches)) controller.enqueue(keyOf(a));
    },
    metrics: () => controller.metrics(),
  };
}
