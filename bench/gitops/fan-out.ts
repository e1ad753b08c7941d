import { performance } from 'node:perf_hooks';
import type { Cluster, Informer, KubeObject } from '../../src/kube/index.js';
import { startCpuProfile } from '../lib/cpu-profile.js';
import { runPool } from '../lib/pool.js';
import { perSecond } from '../lib/stats.js';
import { countsBetween, type RequestCounter, type RequestCounts } from './apiserver-requests.js';
import { applicationOf, isSettledAt, isSyncedAt } from './applications.js';
import { deleteNamespace, ensureNamespace, timeApply, type ApplyTiming } from './apply-baseline.js';
import type { WorkClone } from './git-client.js';
import { fanOutAppName, fanOutObjects, inNamespace, multiDocument, revisionOf } from './manifests.js';
import { awaitConvergence, type ConvergenceWait } from './observe.js';
import { countCpu, type CpuSpent } from './process-cpu.js';
import type { Rig } from './rig.js';

/** The raw server-side-apply ceiling for the fan-out's objects: creating them, then changing every one. */
export interface CeilingResult {
  objects: number;
  create: ApplyTiming;
  update: ApplyTiming;
  /** CPU spent during the update round, by process. */
  updateCpu: CpuSpent;
}

/** One commit changing every object of K Applications, timed until all are Synced at it. */
export interface FanOutResult {
  apps: number;
  objectsPerApp: number;
  objects: number;
  /** Creating the K Applications until every one is Synced (operation finished) at the first commit. */
  initialSyncMs: number;
  pushMs: number;
  startToAllSyncedMs: number;
  exitToAllSyncedMs: number;
  exitToFirstSyncedMs: number;
  /** Until every live object shows the new revision (the apps report Synced a compare later). */
  exitToObjectsAppliedMs: number;
  /** Until every app's sync operation of the commit has finished too. */
  exitToAllSettledMs: number;
  /** Requests the apiserver served from the push until every sync finished (all clients), by verb and resource. */
  requests: RequestCounts;
  /** CPU spent from the push until every sync finished, by process. */
  cpu: CpuSpent;
  /** Application reconciles from the push until every sync finished. */
  reconciles: number;
}

/** The fan-out's shape. */
export interface FanOutShape {
  apps: number;
  /** The control plane's processes, whose CPU time is counted beside this process's. */
  processes: readonly { name: string; pid: number }[];
  requests: RequestCounter;
  objectsPerApp: number;
  progress: (line: string) => void;
  /** Where to write a CPU profile of this process covering the push until every sync finished. */
  profileDir?: string;
}

const CEILING_NAMESPACE = 'bench-fan-ssa';
const NAMESPACE = 'bench-fan';
const REPO = 'fleet';

function objectsAt(shape: FanOutShape, revision: number): KubeObject[] {
  return Array.from({ length: shape.apps }, (_, i) => fanOutObjects(i, shape.objectsPerApp, revision)).flat();
}

/**
 * Measures the ceiling the fan-out is held to: server-side apply of the same K*10 objects at
 * concurrency 32 through gantry's kube layer, first creating them, then changing every one (what
 * the commit does). Run before the controller starts; the namespace is deleted afterwards so the
 * controller's cache (and the RSS figure) holds only its own objects.
 */
export async function measureCeiling(cluster: Cluster, shape: FanOutShape): Promise<CeilingResult> {
  await ensureNamespace(cluster, CEILING_NAMESPACE);
  const create = await timeApply(cluster, inNamespace(objectsAt(shape, 0), CEILING_NAMESPACE), 32);
  shape.progress(`ceiling: created ${create.objects} objects at ${create.perSecond.toFixed(0)}/s (c=32)`);
  const cpu = countCpu(shape.processes);
  const update = await timeApply(cluster, inNamespace(objectsAt(shape, 1), CEILING_NAMESPACE), 32);
  const updateCpu = cpu.stop();
  shape.progress(`ceiling: changed ${update.objects} objects at ${update.perSecond.toFixed(0)}/s (c=32)`);
  await deleteNamespace(cluster, CEILING_NAMESPACE, 300_000);
  return { objects: create.objects, create, update, updateCpu };
}

function filesAt(shape: FanOutShape, revision: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < shape.apps; i++) files[`apps/${fanOutAppName(i)}/objects.yaml`] = multiDocument(fanOutObjects(i, shape.objectsPerApp, revision));
  return files;
}

function waitFor(rig: Rig, shape: FanOutShape, o: { what: string; reached: (a: KubeObject) => boolean; apps: Informer }): ConvergenceWait {
  const keys = Array.from({ length: shape.apps }, (_, i) => `${rig.controlNamespace}/${fanOutAppName(i)}`);
  return awaitConvergence({ informer: o.apps, keys, reached: o.reached, timeoutMs: timeoutFor(shape), what: o.what });
}

function timeoutFor(shape: FanOutShape): number {
  return 120_000 + shape.apps * shape.objectsPerApp * 50;
}

/** Prints how many are still pending every 10 s while a long wait runs. */
function reportWhile<T>(shape: FanOutShape, what: string, waits: ConvergenceWait[], work: Promise<T>): Promise<T> {
  const started = performance.now();
  const timer = setInterval(() => {
    const left = waits.map((w) => w.pending()).join(' / ');
    shape.progress(`${what}: ${((performance.now() - started) / 1000).toFixed(0)} s, pending ${left}`);
  }, 10_000);
  return work.finally(() => clearInterval(timer));
}

/**
 * Hosts one repository with a folder per app, creates K automated Applications of 10 ConfigMaps
 * each and waits until all are Synced; then commits a change to every object of every app in one
 * commit, pushes it, and times until all K apps are Synced at that commit (watching Applications
 * with an informer), and until every live object shows the change.
 */
export async function measureFanOut(rig: Rig, shape: FanOutShape): Promise<FanOutResult> {
  await ensureNamespace(rig.hub, NAMESPACE);
  const work = await rig.createRepo(REPO);
  const apps = await rig.applications();
  const initialSyncMs = await createApps(rig, shape, work, apps);
  shape.progress(`fan-out: ${shape.apps} apps Synced ${(initialSyncMs / 1000).toFixed(1)} s after creation began`);
  await work.write(filesAt(shape, 1));
  const commit = await work.commit('change every app');
  const synced = waitFor(rig, shape, { what: 'apps Synced at the fan-out commit', reached: (a) => isSyncedAt(a, commit), apps });
  const settled = waitFor(rig, shape, { what: 'apps settled at the fan-out commit', reached: (a) => isSettledAt(a, commit), apps });
  const applied = awaitConvergence({
    informer: await rig.hub.cache.informer('v1', 'ConfigMap'),
    keys: objectsAt(shape, 1).map((x) => `${NAMESPACE}/${x.metadata.name ?? ''}`),
    reached: (live) => revisionOf(live) === '1',
    timeoutMs: timeoutFor(shape),
    what: 'fan-out objects applied',
  });
  const before = await shape.requests.read();
  const reconcilesBefore = rig.controller.metrics().reconciles;
  const profile = shape.profileDir ? await startCpuProfile(shape.profileDir, 'gitops-fan-out') : undefined;
  const cpu = countCpu(shape.processes);
  const run = await work.push().catch((error: unknown) => {
    [synced, settled, applied].forEach((w) => w.cancel());
    throw error;
  });
  const [s, a, t] = await reportWhile(shape, 'fan-out', [applied, synced, settled], Promise.all([synced.done, applied.done, settled.done]));
  const spent = cpu.stop();
  if (profile) shape.progress(`fan-out: CPU profile written to ${await profile.stop()}`);
  const reconciles = rig.controller.metrics().reconciles - reconcilesBefore;
  const requests = countsBetween(before, await shape.requests.read());
  return {
    apps: shape.apps,
    objectsPerApp: shape.objectsPerApp,
    objects: shape.apps * shape.objectsPerApp,
    initialSyncMs,
    pushMs: run.exitedAt - run.startedAt,
    startToAllSyncedMs: s.lastAt - run.startedAt,
    exitToAllSyncedMs: s.lastAt - run.exitedAt,
    exitToFirstSyncedMs: s.firstAt - run.exitedAt,
    exitToObjectsAppliedMs: a.lastAt - run.exitedAt,
    exitToAllSettledMs: t.lastAt - run.exitedAt,
    requests,
    cpu: spent,
    reconciles,
  };
}

async function createApps(rig: Rig, shape: FanOutShape, work: WorkClone, apps: Informer): Promise<number> {
  await work.write(filesAt(shape, 0));
  const commit = await work.commit('first revision of every app');
  await work.push();
  const settled = waitFor(rig, shape, { what: 'apps Synced at the first commit', reached: (a) => isSettledAt(a, commit), apps });
  const started = performance.now();
  await runPool(shape.apps, 16, (i) =>
    rig.hub.api.apply(applicationOf({ name: fanOutAppName(i), namespace: rig.controlNamespace, repoURL: rig.repoUrl(REPO), path: `apps/${fanOutAppName(i)}`, destNamespace: NAMESPACE })),
  ).catch((error: unknown) => {
    settled.cancel();
    throw error;
  });
  const done = await reportWhile(shape, 'initial sync', [settled], settled.done);
  return done.lastAt - started;
}

/** Objects per second a fan-out reached, from push exit until every app was Synced. */
export function fanOutRate(result: FanOutResult): number {
  return perSecond(result.objects, result.exitToAllSyncedMs);
}
