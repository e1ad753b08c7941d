import { perSecond } from '../lib/stats.js';
import { sumWhere } from './apiserver-requests.js';
import type { Row } from '../lib/table.js';
import { fanOutRate, type CeilingResult, type FanOutResult } from './fan-out.js';
import type { PushToAppliedResult } from './push-to-applied.js';
import type { ResyncResult } from './resync.js';
import type { CpuSpent } from './process-cpu.js';

/** Everything one run of the GitOps benchmark measured. */
export interface GitopsResults {
  push: PushToAppliedResult;
  ceiling: CeilingResult;
  fanOut: FanOutResult;
  resync: ResyncResult;
  /** This process's memory before the controller started (the RSS baseline). */
  memoryBeforeController: NodeJS.MemoryUsage;
}

const MB = 2 ** 20;

/** CPU of this process and every control-plane process, in ms. */
function totalCpu(cpu: CpuSpent): number {
  return Object.values(cpu.byProcess).reduce((sum, ms) => sum + ms, cpu.self);
}

/** Microseconds per object from milliseconds spent (NaN when unknown). */
function perObject(ms: number | undefined, objects: number): number {
  return ms === undefined ? Number.NaN : (ms * 1000) / objects;
}

/** The table rows: each figure beside the baseline measured in the same run; targets are in the figure's name. */
export function gitopsRows(r: GitopsResults): Row[] {
  return [...pushRows(r.push), ...fanOutRows(r), ...resyncRows(r)];
}

function pushRows(p: PushToAppliedResult): Row[] {
  const ssa = (v: number, q: string): Pick<Row, 'baselineLabel' | 'baseline'> => ({ baselineLabel: `SSA of the ${p.objects} objects c=8 ${q}`, baseline: v });
  const push = (v: number, q: string): Pick<Row, 'baselineLabel' | 'baseline'> => ({ baselineLabel: `git push ${q}`, baseline: v });
  const n = `${p.objects} obj, ${p.pushes} pushes`;
  return [
    { figure: `push exit -> all applied p50 (${n}; target < 300 ms)`, unit: 'ms', value: p.exitToApplied.p50, ...ssa(p.baselineApply.p50, 'p50') },
    { figure: 'push exit -> all applied p99 (target < 1 s)', unit: 'ms', value: p.exitToApplied.p99, ...ssa(p.baselineApply.p99, 'p99') },
    { figure: 'push start -> all applied p50', unit: 'ms', value: p.startToApplied.p50, ...push(p.push.p50, 'p50') },
    { figure: 'push start -> all applied p99', unit: 'ms', value: p.startToApplied.p99, ...push(p.push.p99, 'p99') },
    { figure: 'push exit -> first object applied p50', unit: 'ms', value: p.exitToFirstApplied.p50 },
    { figure: 'push exit -> app Synced, sync finished p50', unit: 'ms', value: p.exitToSettled.p50, ...ssa(p.baselineApply.p50, 'p50') },
  ];
}

function fanOutRows(r: GitopsResults): Row[] {
  const f = r.fanOut;
  const c = r.ceiling;
  const k = `${f.apps} apps x ${f.objectsPerApp}`;
  return [
    { figure: `initial sync of ${k} obj (create -> all Synced)`, unit: 'obj/s', value: perSecond(f.objects, f.initialSyncMs), baselineLabel: 'SSA create c=32', baseline: c.create.perSecond },
    { figure: `fan-out: 1 commit -> ${f.apps} apps Synced (target ratio >= 0.5)`, unit: 'obj/s', value: fanOutRate(f), baselineLabel: 'SSA update c=32', baseline: c.update.perSecond },
    { figure: 'fan-out: push exit -> all apps Synced', unit: 's', value: f.exitToAllSyncedMs / 1000, baselineLabel: 'SSA update c=32', baseline: c.update.ms / 1000 },
    { figure: 'fan-out: push exit -> all objects applied', unit: 's', value: f.exitToObjectsAppliedMs / 1000, baselineLabel: 'SSA update c=32', baseline: c.update.ms / 1000 },
    { figure: 'fan-out: push exit -> first app Synced', unit: 's', value: f.exitToFirstSyncedMs / 1000 },
    { figure: 'fan-out: push exit -> all syncs finished', unit: 's', value: f.exitToAllSettledMs / 1000 },
    { figure: 'fan-out: controller process CPU per object', unit: 'us', value: perObject(f.cpu.self, f.objects), baselineLabel: 'SSA client c=32', baseline: perObject(c.updateCpu.self, c.objects) },
    { figure: 'fan-out: apiserver CPU per object', unit: 'us', value: perObject(f.cpu.byProcess['hub apiserver'], f.objects), baselineLabel: 'SSA c=32', baseline: perObject(c.updateCpu.byProcess['hub apiserver'], c.objects) },
    { figure: 'fan-out: CPU per object, all processes (what a CPU-bound machine pays)', unit: 'us', value: perObject(totalCpu(f.cpu), f.objects), baselineLabel: 'SSA, all processes', baseline: perObject(totalCpu(c.updateCpu), c.objects) },
    { figure: 'fan-out: Application reconciles per app', unit: '', value: f.reconciles / f.apps, digits: 1 },
    { figure: 'fan-out: etcd CPU per object', unit: 'us', value: perObject(f.cpu.byProcess.etcd, f.objects), baselineLabel: 'SSA c=32', baseline: perObject(c.updateCpu.byProcess.etcd, c.objects) },
  ];
}

function resyncRows(r: GitopsResults): Row[] {
  const s = r.resync;
  const cpuMs = s.cpuUserMs + s.cpuSystemMs;
  return [
    { figure: `resync of ${s.apps} unchanged apps: time`, unit: 's', value: s.ms / 1000 },
    { figure: 'resync: writes seen by informers (target 0)', unit: '', value: s.writes.total, digits: 0 },
    { figure: 'resync: of which status.reconciledAt only', unit: '', value: s.writes.heartbeatOnly, digits: 0 },
    { figure: 'resync: writes served by the apiserver (apps + managed kinds)', unit: '', value: s.apiserverWrites, digits: 0 },
    { figure: 'resync: dry-run applies served by the apiserver', unit: '', value: s.dryRunApplies, digits: 0 },
    { figure: 'resync: requests served by the apiserver (all clients)', unit: '', value: sumWhere(s.requests, () => true), digits: 0 },
    { figure: 'resync: controller process CPU', unit: 's', value: cpuMs / 1000 },
    { figure: 'resync: CPU per app', unit: 'ms', value: cpuMs / Math.max(1, s.apps) },
    { figure: `RSS with ${s.liveObjects} live objects, after GC (target < 600 MB)`, unit: 'MB', value: s.memory.rss / MB, baselineLabel: 'before controller start', baseline: r.memoryBeforeController.rss / MB },
    { figure: 'peak RSS of the run', unit: 'MB', value: s.maxRss / MB },
    { figure: 'V8 heap used, after GC', unit: 'MB', value: s.memory.heapUsed / MB, baselineLabel: 'before controller start', baseline: r.memoryBeforeController.heapUsed / MB },
  ];
}
