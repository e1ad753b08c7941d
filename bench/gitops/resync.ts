import { performance } from 'node:perf_hooks';
import type { Informer } from '../../src/kube/index.js';
import { countsBetween, isWrite, sumWhere, type RequestCounter, type RequestCounts } from './apiserver-requests.js';
import { settledMemory } from './memory.js';
import { countWrites, type WriteCount } from './observe.js';
import type { Rig } from './rig.js';

/** A full resync of every Application while nothing changed. */
export interface ResyncResult {
  apps: number;
  reconciles: number;
  ms: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Writes the informers on Applications and the managed kinds saw (resourceVersion changes). */
  writes: WriteCount;
  /** Requests the apiserver served during the resync, by verb and resource (all clients). */
  requests: RequestCounts;
  /** Writes the apiserver served to Applications and the managed kinds (any client). */
  apiserverWrites: number;
  /** Every write the apiserver served, from any client (the controller-manager and simulated nodes too). */
  apiserverWritesAllResources: number;
  dryRunApplies: number;
  /** Live objects in the controller's watch cache (Applications and managed kinds). */
  liveObjects: number;
  /** After a full garbage collection (when `gcCollected`), with every app Synced. */
  memory: NodeJS.MemoryUsage;
  gcCollected: boolean;
  /** Peak RSS of this process so far (getrusage maxRSS), in bytes. */
  maxRss: number;
}

/** What the resync figure needs. */
export interface ResyncOptions {
  rig: Rig;
  requests: RequestCounter;
  /** The kinds the apps manage, as apiVersion/kind pairs. */
  managedKinds: { apiVersion: string; kind: string }[];
  progress: (line: string) => void;
}

const QUIET_MS = 2000;
const WAIT_LIMIT_MS = 600_000;
const LATE_WRITES_MS = 1000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function memoryFigures(): { memory: NodeJS.MemoryUsage; gcCollected: boolean; maxRss: number } {
  const { memory, collected } = settledMemory();
  return { memory, gcCollected: collected, maxRss: process.resourceUsage().maxRSS * 1024 };
}

/** Waits (bounded) until the controller has had nothing in flight and finished no reconcile for `QUIET_MS`. */
async function waitQuiet(rig: Rig): Promise<void> {
  const deadline = performance.now() + WAIT_LIMIT_MS;
  let last = rig.controller.metrics().reconciles;
  let quietSince = performance.now();
  while (performance.now() < deadline) {
    await sleep(100);
    const m = rig.controller.metrics();
    if (m.inFlight > 0 || m.reconciles !== last) {
      last = m.reconciles;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= QUIET_MS) return;
  }
  throw new Error(`the Application controller was still busy after ${WAIT_LIMIT_MS} ms`);
}

/** Waits (bounded) until `count` more reconciles have finished and none is in flight; resolves with when. */
async function waitReconciled(rig: Rig, from: number, count: number): Promise<number> {
  const deadline = performance.now() + WAIT_LIMIT_MS;
  while (performance.now() < deadline) {
    const m = rig.controller.metrics();
    if (m.reconciles - from >= count && m.inFlight === 0) return performance.now();
    await sleep(5);
  }
  throw new Error(`the resync did not finish within ${WAIT_LIMIT_MS} ms`);
}

/**
 * With every app Synced, waits until the controller is idle, then refreshes every Application at
 * once (as a push to every repository would) and measures until each has been reconciled: the time,
 * this process's CPU, and every write, seen both by informers (resourceVersion changes on
 * Applications and managed objects) and by the apiserver's own request counters.
 */
export async function measureResync(o: ResyncOptions): Promise<ResyncResult> {
  const { rig } = o;
  await waitQuiet(rig);
  const appInformer = await rig.applications();
  const informers: Informer[] = [appInformer];
  for (const k of o.managedKinds) informers.push(await rig.hub.cache.informer(k.apiVersion, k.kind));
  const apps = appInformer.list().length;
  const managed = new RegExp(`^\\S+ (applications|${informers.slice(1).map((i) => i.resource.resource).join('|')})(/status)?$`);
  const before = await o.requests.read();
  const counting = countWrites(informers);
  const reconcilesBefore = rig.controller.metrics().reconciles;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  rig.controller.refreshWhere(() => true);
  const finished = await waitReconciled(rig, reconcilesBefore, apps);
  const cpu = process.cpuUsage(cpuBefore);
  const reconciles = rig.controller.metrics().reconciles - reconcilesBefore;
  await sleep(LATE_WRITES_MS);
  const writes = counting.stop();
  const requests = countsBetween(before, await o.requests.read());
  o.progress(`resync: ${apps} apps in ${(finished - started).toFixed(0)} ms, ${writes.total} writes seen`);
  return {
    apps,
    reconciles,
    ms: finished - started,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    writes,
    requests,
    apiserverWrites: sumWhere(requests, (k) => isWrite(k) && managed.test(k)),
    apiserverWritesAllResources: sumWhere(requests, isWrite),
    dryRunApplies: sumWhere(requests, (k) => k.endsWith(' dry-run')),
    liveObjects: informers.reduce((n, i) => n + i.list().length, 0),
    ...memoryFigures(),
  };
}
