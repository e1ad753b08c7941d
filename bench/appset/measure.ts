import { performance } from 'node:perf_hooks';
import { createApplicationSetController, installApplicationSetApi, type ApplicationSetController } from '../../src/appset/index.js';
import { systemClock } from '../../src/core/index.js';
import type { Cluster, Informer, KubeObject } from '../../src/kube/index.js';
import type { BenchmarkContext } from '../lib/main.js';
import { runPool } from '../lib/pool.js';
import { perSecond } from '../lib/stats.js';
import { addonAppSet, applicationOf, clusterSecret, CONTROL_NAMESPACE } from './fleet.js';
import { startAppSetRig } from './rig.js';

/** What the ApplicationSet benchmark measured. */
export interface AppSetBenchResults {
  clusters: number;
  appsets: number;
  applications: number;
  ceiling: { objects: number; ms: number; perSecond: number };
  /** The same objects created with POST (what the controller does for a new Application), c=32. */
  createCeiling: { objects: number; ms: number; perSecond: number };
  /** Writing every cluster Secret (c=8), then until every Application exists. */
  writeSecretsMs: number;
  lastSecretToAllMs: number;
  relabel: { applications: number; ms: number; baselineMs: number; reconciles: number; matching: number };
  unrelated: { reconciles: number; matching: number };
}

const CEILING_NAMESPACE = 'bench-appset-ssa';
const CREATE_NAMESPACE = 'bench-appset-post';

async function until(what: string, check: () => boolean, timeoutMs = 600_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now();
}

/** Waits until the controller has had nothing to do for `quietMs`. */
async function settle(controller: ApplicationSetController, quietMs = 1500): Promise<void> {
  let last = controller.metrics().reconciles;
  let quietSince = performance.now();
  while (performance.now() - quietSince < quietMs) {
    await new Promise((r) => setTimeout(r, 100));
    const now = controller.metrics().reconciles;
    if (now !== last || controller.metrics().inFlight > 0) {
      last = now;
      quietSince = performance.now();
    }
  }
}

async function measureCeiling(cluster: Cluster, clusters: number, appsets: number): Promise<AppSetBenchResults['ceiling'] & { relabelMs: number }> {
  await cluster.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: CEILING_NAMESPACE } });
  const objects: KubeObject[] = [];
  for (let c = 0; c < clusters; c++) for (let a = 0; a < appsets; a++) objects.push(applicationOf(c, a, CEILING_NAMESPACE));
  const ms = await runPool(objects.length, 32, (i) => cluster.api.apply(objects[i] as KubeObject));
  const changed = objects.slice(0, appsets).map((o) => ({ ...o, spec: { ...(o['spec'] as object), revisionHistoryLimit: 5 } }));
  const relabelMs = await runPool(changed.length, 32, (i) => cluster.api.apply(changed[i] as KubeObject));
  return { objects: objects.length, ms, perSecond: perSecond(objects.length, ms), relabelMs };
}

async function measureCreateCeiling(cluster: Cluster, clusters: number, appsets: number): Promise<AppSetBenchResults['createCeiling']> {
  await cluster.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: CREATE_NAMESPACE } });
  const objects: KubeObject[] = [];
  for (let c = 0; c < clusters; c++) for (let a = 0; a < appsets; a++) objects.push(applicationOf(c, a, CREATE_NAMESPACE));
  const ms = await runPool(objects.length, 32, (i) => cluster.api.create(objects[i] as KubeObject));
  return { objects: objects.length, ms, perSecond: perSecond(objects.length, ms) };
}

const tierOf = (app: KubeObject): string | undefined => ((app['spec'] as { source?: { helm?: { parameters?: { value: string }[] } } }).source?.helm?.parameters?.[0]?.value);

async function measureRelabel(o: { hub: Cluster; controller: ApplicationSetController; apps: Informer; appsets: number }): Promise<{ ms: number; reconciles: number }> {
  await settle(o.controller);
  const before = o.controller.metrics().reconciles;
  const started = performance.now();
  await o.hub.api.apply(clusterSecret(0, { tier: 'gold' }));
  const prefix = 'spoke-000-';
  const done = await until('the relabelled cluster\'s Applications rewritten', () => o.apps.list(CONTROL_NAMESPACE).filter((a) => (a.metadata.name ?? '').startsWith(prefix) && tierOf(a) === 'gold').length === o.appsets);
  await settle(o.controller);
  return { ms: done - started, reconciles: o.controller.metrics().reconciles - before };
}

async function measureUnrelated(o: { hub: Cluster; controller: ApplicationSetController }): Promise<number> {
  const hubSecret = { ...clusterSecret(999, { 'cluster-type': 'hub' }) };
  await o.hub.api.apply(hubSecret);
  await settle(o.controller);
  const before = o.controller.metrics().reconciles;
  await o.hub.api.apply(clusterSecret(999, { 'cluster-type': 'hub', tier: 'gold' }));
  await settle(o.controller);
  return o.controller.metrics().reconciles - before;
}

/** Runs every figure of the ApplicationSet benchmark on a fresh control plane. */
export async function measureAppSets(ctx: BenchmarkContext<{ clusters: number; appsets: number }>): Promise<AppSetBenchResults> {
  const { clusters, appsets } = ctx.options;
  const rig = await startAppSetRig(ctx);
  const baseline = await rig.connect('baseline');
  await installApplicationSetApi(baseline, systemClock);
  const ceiling = await measureCeiling(baseline, clusters, appsets);
  ctx.progress(`ceiling: ${ceiling.objects} Applications by server-side apply in ${ceiling.ms.toFixed(0)} ms (${ceiling.perSecond.toFixed(0)}/s)`);
  const createCeiling = await measureCreateCeiling(baseline, clusters, appsets);
  ctx.progress(`create ceiling: ${createCeiling.objects} Applications by POST in ${createCeiling.ms.toFixed(0)} ms (${createCeiling.perSecond.toFixed(0)}/s)`);
  const hub = await rig.connect('hub');
  await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: CONTROL_NAMESPACE } });
  await hub.api.apply({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'default', namespace: CONTROL_NAMESPACE }, spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] } });
  const controller = createApplicationSetController({ hub, controlNamespace: CONTROL_NAMESPACE, clock: systemClock, log: ctx.log });
  const abort = new AbortController();
  await controller.start(abort.signal);
  ctx.cleanup.add('stop the ApplicationSet controller', async () => (abort.abort(), await controller.stop?.()));
  const apps = await hub.cache.informer('argoproj.io/v1alpha1', 'Application', { namespace: CONTROL_NAMESPACE });
  await runPool(appsets, 8, (i) => hub.api.apply(addonAppSet(i)));
  await settle(controller);
  const writeStart = performance.now();
  await runPool(clusters, 8, (i) => hub.api.apply(clusterSecret(i)));
  const lastWritten = performance.now();
  const allExist = await until(`${clusters * appsets} Applications`, () => apps.list(CONTROL_NAMESPACE).length >= clusters * appsets);
  ctx.progress(`all ${apps.list(CONTROL_NAMESPACE).length} Applications exist ${(allExist - lastWritten).toFixed(0)} ms after the last cluster Secret`);
  const relabel = await measureRelabel({ hub, controller, apps, appsets });
  ctx.progress(`relabel: ${appsets} Applications rewritten in ${relabel.ms.toFixed(0)} ms, ${relabel.reconciles} reconciles`);
  const unrelated = await measureUnrelated({ hub, controller });
  return {
    clusters,
    appsets,
    applications: clusters * appsets,
    ceiling: { objects: ceiling.objects, ms: ceiling.ms, perSecond: ceiling.perSecond },
    createCeiling,
    writeSecretsMs: lastWritten - writeStart,
    lastSecretToAllMs: allExist - lastWritten,
    relabel: { applications: appsets, ms: relabel.ms, baselineMs: ceiling.relabelMs, reconciles: relabel.reconciles, matching: appsets },
    unrelated: { reconciles: unrelated, matching: 0 },
  };
}
