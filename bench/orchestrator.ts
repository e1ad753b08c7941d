/**
 * The orchestrator benchmark: N WebApplication instances (the golden path, fitted to the local
 * 1.20 apiserver: Deployment, Service, Ingress, HPA, PDB, NetworkPolicy) created at once. Run it with
 *
 *     npm run build && node dist/bench/orchestrator.js [--quick] [--instances N] [--workers W]
 *
 * On a fresh local control plane with simulated nodes it measures, in the same run: the raw
 * server-side-apply ceiling for exactly the objects the instances expand into (rendered by the
 * same planner, applied by gantry's kube layer at the same concurrency, into a namespace of their
 * own); then, with the RGD controller running in this process, the time from the first instance
 * created until every child exists and until every instance reports a state (and until all are
 * ACTIVE, their Deployments available on the simulated nodes); and this process's RSS (it hosts
 * the controllers) before and after. Prints a table and writes JSON to bench/results/.
 */
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/core/index.js';
import type { Cluster, KubeObject } from '../src/kube/index.js';
import {
  adaptCelEvaluator,
  adaptToCluster,
  apiVersionOf,
  buildResourceGraph,
  createCelEvaluator,
  createOrchestrator,
  createSchemaResolver,
  loadGoldenPaths,
  planInstanceStep,
  servedVersionsOf,
  type ResourceGraph,
} from '../src/orchestrator/index.js';
import { measureAndReport } from './lib/report.js';
import { runBenchmarkMain, type BenchmarkContext } from './lib/main.js';
import { runPool } from './lib/pool.js';
import { perSecond } from './lib/stats.js';
import type { Row } from './lib/table.js';
import { parseOptions, USAGE, type OrchestratorOptions } from './orchestrator/options.js';
import { startRig } from './orchestrator/rig.js';
import { settledMemory } from './gitops/memory.js';

const RGD_NAME = 'webapplication.gantry.io';
const evaluator = adaptCelEvaluator(createCelEvaluator());

type Ctx = BenchmarkContext<OrchestratorOptions>;

function instanceOf(i: number, namespace: string): KubeObject {
  return { apiVersion: 'platform.gantry.io/v1alpha1', kind: 'WebApplication', metadata: { name: `web-${i}`, namespace }, spec: { image: 'ghcr.io/acme/web:1.0.0', host: `web-${i}.example.com`, replicas: 1, port: 8080, monitoring: { enabled: false } } };
}

/** The WebApplication RGD as this cluster serves it, and its graph. */
async function webApplication(hub: Cluster): Promise<{ rgd: KubeObject; graph: ResourceGraph }> {
  const shipped = loadGoldenPaths().find((r) => r.metadata.name === RGD_NAME);
  if (!shipped) throw new Error(`golden path ${RGD_NAME} not found`);
  const { rgd } = adaptToCluster(shipped, await servedVersionsOf(hub));
  const built = await buildResourceGraph(rgd, createSchemaResolver({ api: hub.api, clock: systemClock }));
  if (!built.ok) throw new Error(`the WebApplication graph does not build: ${built.error.message}`);
  return { rgd, graph: built.value };
}

/** The objects the instances expand into, all at once (what the controller ends up applying). */
function expandAll(graph: ResourceGraph, instances: KubeObject[]): KubeObject[] {
  return instances.flatMap((instance) => {
    const full: KubeObject = { ...instance, spec: { ingressClassName: 'nginx', tlsSecretName: '', resources: { cpuRequest: '100m', memoryRequest: '128Mi', cpuLimit: '500m', memoryLimit: '256Mi' }, autoscaling: { maxReplicas: 10, targetCPUUtilization: 70 }, ...(instance.spec as object) } };
    // Each resource as if its dependencies were there: the ingress reads the service's name.
    const observed = new Map<string, KubeObject[]>();
    let step = planInstanceStep({ graph, instance: full, observed, evaluator });
    for (let round = 0; round < graph.resources.length && step.resources.some((r) => r.phase === 'Waiting'); round++) {
      for (const a of step.apply) observed.set(a.id, [{ ...a.object, status: { availableReplicas: 1 } }]);
      step = planInstanceStep({ graph, instance: full, observed, evaluator });
    }
    return step.apply.map((a) => a.object);
  });
}

async function measureCeiling(hub: Cluster, objects: KubeObject[], concurrency: number): Promise<{ objects: number; ms: number; perSecond: number }> {
  const ms = await runPool(objects.length, concurrency, (i) => hub.api.apply(objects[i] as KubeObject));
  return { objects: objects.length, ms, perSecond: perSecond(objects.length, ms) };
}

async function waitFor(what: string, check: () => boolean, timeoutMs: number, progress: (l: string) => void): Promise<number> {
  const start = performance.now();
  let lastReport = start;
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    if (performance.now() - lastReport > 10_000) {
      progress(`still waiting for ${what}`);
      lastReport = performance.now();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now();
}

interface Measured {
  ceiling: { objects: number; ms: number; perSecond: number };
  expectedChildren: number;
  createMs: number;
  childrenMs: number;
  statesMs: number;
  activeMs: number;
  memoryBefore: number;
  memoryAfter: number;
  reconciles: number;
}

/** Starts the orchestrator in this process and installs the WebApplication RGD; resolves once its controller runs. */
async function startOrchestrator(ctx: Ctx, hub: Cluster): Promise<{ graph: ResourceGraph; reconciles: () => number }> {
  const orchestrator = createOrchestrator({ hub, buildGraph: buildResourceGraph, evaluator, instanceWorkers: ctx.options.workers, clock: systemClock, log: ctx.log });
  const abort = new AbortController();
  await orchestrator.start(abort.signal);
  ctx.cleanup.add('stop the orchestrator', async () => {
    abort.abort();
    await orchestrator.stop?.();
  });
  const { rgd, graph } = await webApplication(hub);
  await hub.api.apply(rgd);
  ctx.progress(`WebApplication graph: ${graph.topologicalOrder.join(' -> ')}`);
  await waitFor('the WebApplication RGD to be Active', () => orchestrator.running().includes(RGD_NAME), 60_000, ctx.progress);
  return { graph, reconciles: () => orchestrator.instanceController(RGD_NAME)?.metrics().reconciles ?? Number.NaN };
}

/** Creates the instances and times children, states and ACTIVE from the first create. */
async function measureInstances(ctx: Ctx, hub: Cluster, graph: ResourceGraph, instances: KubeObject[]): Promise<Pick<Measured, 'createMs' | 'childrenMs' | 'statesMs' | 'activeMs' | 'expectedChildren'>> {
  const ns = instances[0]?.metadata.namespace;
  const childInformers = await Promise.all(graph.resources.map((r) => hub.cache.informer(apiVersionOf(r.gvk), r.gvk.kind, { labelSelector: 'kro.run/owned=true' })));
  const instanceInformer = await hub.cache.informer('platform.gantry.io/v1alpha1', 'WebApplication', { namespace: ns });
  const childCount = (): number => childInformers.reduce((n, inf) => n + inf.list(ns).length, 0);
  const stateOf = (i: KubeObject): string | undefined => (i.status as { state?: string } | undefined)?.state;
  const withState = (state?: string): number => instanceInformer.list(ns).filter((i) => (state ? stateOf(i) === state : stateOf(i) !== undefined)).length;
  const expectedChildren = instances.length * graph.resources.length;
  ctx.progress(`creating ${instances.length} instances`);
  const t0 = performance.now();
  const createMs = await runPool(instances.length, ctx.options.concurrency, (i) => hub.api.apply(instances[i] as KubeObject));
  const children = await waitFor(`${expectedChildren} children`, () => childCount() >= expectedChildren, 600_000, ctx.progress);
  const states = await waitFor('every instance to report a state', () => withState() >= instances.length, 600_000, ctx.progress);
  ctx.progress(`all children ${((children - t0) / 1000).toFixed(1)} s, all states ${((states - t0) / 1000).toFixed(1)} s`);
  const active = await waitFor('every instance ACTIVE', () => withState('ACTIVE') >= instances.length, 600_000, ctx.progress).catch(() => Number.NaN);
  return { createMs, childrenMs: children - t0, statesMs: states - t0, activeMs: active - t0, expectedChildren };
}

async function measureAll(ctx: Ctx): Promise<Measured> {
  const rig = await startRig(ctx);
  const hub = await rig.connect('hub');
  const baseline = await rig.connect('baseline');
  for (const n of ['bench-apps', 'bench-baseline']) await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n } });
  const memoryBefore = settledMemory().memory.rss;
  const { graph, reconciles } = await startOrchestrator(ctx, hub);
  const instances = Array.from({ length: ctx.options.instances }, (_, i) => instanceOf(i, 'bench-apps'));
  const objects = expandAll(graph, instances.map((i) => ({ ...i, metadata: { ...i.metadata, namespace: 'bench-baseline' } })));
  ctx.progress(`baseline: raw server-side apply of the same ${objects.length} objects`);
  const ceiling = await measureCeiling(baseline, objects, ctx.options.concurrency);
  ctx.progress(`baseline: ${ceiling.perSecond.toFixed(0)} objects/s`);
  const timings = await measureInstances(ctx, hub, graph, instances);
  return { ceiling, ...timings, memoryBefore, memoryAfter: settledMemory().memory.rss, reconciles: reconciles() };
}

function rowsOf(m: Measured, o: OrchestratorOptions): Row[] {
  return [
    { figure: `${o.instances} instances: all ${m.expectedChildren} children exist`, unit: 's', value: m.childrenMs / 1000, baselineLabel: 'raw SSA of the same objects', baseline: m.ceiling.ms / 1000 },
    { figure: 'children applied per second', unit: 'obj/s', value: perSecond(m.expectedChildren, m.childrenMs), baselineLabel: `raw SSA, c=${o.concurrency}`, baseline: m.ceiling.perSecond },
    { figure: 'every instance reports its state', unit: 's', value: m.statesMs / 1000 },
    { figure: 'every instance ACTIVE (Deployments available)', unit: 's', value: m.activeMs / 1000 },
    { figure: 'creating the instances (apply)', unit: 's', value: m.createMs / 1000 },
    { figure: 'instance reconciles', unit: '', value: m.reconciles, digits: 0 },
    { figure: 'controller process RSS after', unit: 'MB', value: m.memoryAfter / 2 ** 20, baselineLabel: 'before the controllers', baseline: m.memoryBefore / 2 ** 20 },
  ];
}

async function run(ctx: Ctx): Promise<void> {
  await measureAndReport({ name: 'orchestrator', options: ctx.options, measure: () => measureAll(ctx), rows: (m) => rowsOf(m, ctx.options) });
}

process.exitCode = await runBenchmarkMain({ parse: parseOptions, usage: USAGE, run });
