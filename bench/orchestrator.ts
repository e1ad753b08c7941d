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
import { fileURLToPath } from 'node:url';
import { systemClock } from '../src/core/index.js';
import type { Cluster, KubeObject } from '../src/kube/index.js';
import {
  adaptCelEvaluator,
  adaptToCluster,
  buildResourceGraph,
  createCelEvaluator,
  createOrchestrator,
  createSchemaResolver,
  loadGoldenPaths,
  planInstanceStep,
  servedVersionsOf,
  type ResourceGraph,
} from '../src/orchestrator/index.js';
import { runBenchmarkMain, type BenchmarkContext } from './lib/main.js';
import { runPool } from './lib/pool.js';
import { machineInfo, printRunFooter, writeResults } from './lib/results.js';
import { perSecond } from './lib/stats.js';
import { formatTable, ratioOf, type Row } from './lib/table.js';
import { parseOptions, USAGE, type OrchestratorOptions } from './orchestrator/options.js';
import { startRig } from './orchestrator/rig.js';
import { settledMemory } from './gitops/memory.js';

const RESULTS_DIR = fileURLToPath(new URL('../../bench/results/', import.meta.url));
const RGD_NAME = 'webapplication.gantry.io';
const evaluator = adaptCelEvaluator(createCelEvaluator());

type Ctx = BenchmarkContext<OrchestratorOptions>;

function instanceOf(i: number, namespace: string): KubeObject {
  return { apiVersion: 'kro.run/v1alpha1', kind: 'WebApplication', metadata: { name: `web-${i}`, namespace }, spec: { image: 'ghcr.io/acme/web:1.0.0', host: `web-${i}.example.com`, replicas: 1, port: 8080, monitoring: { enabled: false } } };
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

async function run(ctx: Ctx): Promise<void> {
  const { options, cleanup, log, progress } = ctx;
  const startedAt = new Date();
  const machineBefore = machineInfo();
  const rig = await startRig({ cleanup, log, progress });
  const hub = await rig.connect('hub');
  const baseline = await rig.connect('baseline');
  const ns = 'bench-apps';
  const baseNs = 'bench-baseline';
  for (const n of [ns, baseNs]) await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n } });

  const orchestrator = createOrchestrator({ hub, buildGraph: buildResourceGraph, evaluator, instanceWorkers: options.workers, clock: systemClock, log });
  const abort = new AbortController();
  const memoryBefore = settledMemory().memory.rss;
  await orchestrator.start(abort.signal);
  cleanup.add('stop the orchestrator', async () => {
    abort.abort();
    await orchestrator.stop?.();
  });
  const { rgd, graph } = await webApplication(hub);
  await hub.api.apply(rgd);
  const kindsPerInstance = graph.resources.length;
  progress(`WebApplication graph: ${graph.topologicalOrder.join(' -> ')}`);
  await waitFor('the WebApplication RGD to be Active', () => orchestrator.running().includes(RGD_NAME), 60_000, progress);

  const instances = Array.from({ length: options.instances }, (_, i) => instanceOf(i, ns));
  const objects = expandAll(graph, instances.map((i) => ({ ...i, metadata: { ...i.metadata, namespace: baseNs } })));
  progress(`baseline: raw server-side apply of the same ${objects.length} objects`);
  const ceiling = await measureCeiling(baseline, objects, options.concurrency);
  progress(`baseline: ${ceiling.perSecond.toFixed(0)} objects/s`);

  const childInformers = await Promise.all(graph.resources.map((r) => hub.cache.informer(r.gvk.group ? `${r.gvk.group}/${r.gvk.version}` : r.gvk.version, r.gvk.kind, { labelSelector: 'kro.run/owned=true' })));
  const instanceInformer = await hub.cache.informer('kro.run/v1alpha1', 'WebApplication', { namespace: ns });
  const childCount = (): number => childInformers.reduce((n, inf) => n + inf.list(ns).length, 0);
  const withState = (state?: string): number => instanceInformer.list(ns).filter((i) => (state ? (i.status as { state?: string } | undefined)?.state === state : (i.status as { state?: string } | undefined)?.state !== undefined)).length;
  const expectedChildren = options.instances * kindsPerInstance;

  progress(`creating ${options.instances} instances`);
  const t0 = performance.now();
  const createMs = await runPool(instances.length, options.concurrency, (i) => hub.api.apply(instances[i] as KubeObject));
  const allChildren = await waitFor(`${expectedChildren} children`, () => childCount() >= expectedChildren, 600_000, progress);
  const allStates = await waitFor('every instance to report a state', () => withState() >= options.instances, 600_000, progress);
  progress(`all children ${((allChildren - t0) / 1000).toFixed(1)} s, all states ${((allStates - t0) / 1000).toFixed(1)} s`);
  const allActive = await waitFor('every instance ACTIVE', () => withState('ACTIVE') >= options.instances, 600_000, progress).catch(() => Number.NaN);
  const memoryAfter = settledMemory().memory.rss;
  const metrics = orchestrator.instanceController(RGD_NAME)?.metrics();

  const childrenMs = allChildren - t0;
  const rows: Row[] = [
    { figure: `${options.instances} instances: all ${expectedChildren} children exist`, unit: 's', value: childrenMs / 1000, baselineLabel: 'raw SSA of the same objects', baseline: ceiling.ms / 1000 },
    { figure: 'children applied per second', unit: 'obj/s', value: perSecond(expectedChildren, childrenMs), baselineLabel: `raw SSA, c=${options.concurrency}`, baseline: ceiling.perSecond },
    { figure: 'every instance reports its state', unit: 's', value: (allStates - t0) / 1000 },
    { figure: 'every instance ACTIVE (Deployments available)', unit: 's', value: (allActive - t0) / 1000 },
    { figure: 'creating the instances (apply)', unit: 's', value: createMs / 1000 },
    { figure: 'instance reconciles', unit: '', value: metrics?.reconciles ?? Number.NaN, digits: 0 },
    { figure: 'controller process RSS after', unit: 'MB', value: memoryAfter / 2 ** 20, baselineLabel: 'before the controllers', baseline: memoryBefore / 2 ** 20 },
  ];
  const machine = { ...machineBefore, loadAverageAfter: machineInfo().loadAverage };
  const report = { benchmark: 'orchestrator', startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), options, machine, table: rows.map((r) => ({ ...r, ratio: ratioOf(r) })), results: { ceiling, childrenMs, statesMs: allStates - t0, activeMs: allActive - t0, createMs, memoryBefore, memoryAfter, metrics } };
  const path = writeResults(RESULTS_DIR, 'orchestrator', startedAt, report);
  process.stdout.write(`\n${formatTable(rows)}\n\n`);
  printRunFooter(machine, path);
}

process.exitCode = await runBenchmarkMain({ parse: parseOptions, usage: USAGE, run });
