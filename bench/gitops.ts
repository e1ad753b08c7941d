/**
 * The GitOps benchmark: how fast the Application controller turns a push into applied objects,
 * each figure beside a baseline measured in the same run. Run it with
 *
 *     npm run build && node dist/bench/gitops.js [--quick] [--apps K] [--pushes N]
 *
 * On a fresh local control plane (with simulated nodes) and gantry's own git server, it measures:
 * push -> all objects applied for a 20-object app (p50, p99) beside server-side apply of the same
 * objects; one commit changing K Applications of 10 objects each until all are Synced, as objects/s
 * beside the raw server-side-apply ceiling for the same objects; and a full resync of those apps
 * with nothing changed: its time, this process's CPU, every write it caused (zero is the target),
 * and the RSS of this process, which hosts the controller. Prints a table and writes JSON to
 * bench/results/. Everything runs on loopback and is removed at the end, failure or not.
 */
import type { Logger } from '../src/core/index.js';
import type { Cleanup } from './lib/cleanup.js';
import { measureAndReport } from './lib/report.js';
import { runBenchmarkMain } from './lib/main.js';
import { createRequestCounter } from './gitops/apiserver-requests.js';
import { measureCeiling, measureFanOut } from './gitops/fan-out.js';
import { parseOptions, USAGE, type GitopsOptions } from './gitops/options.js';
import { measurePushToApplied } from './gitops/push-to-applied.js';
import { gitopsRows, type GitopsResults } from './gitops/report.js';
import { settledMemory } from './gitops/memory.js';
import { measureResync } from './gitops/resync.js';
import { startRig } from './gitops/rig.js';

interface Context {
  options: GitopsOptions;
  cleanup: Cleanup;
  log: Logger;
  progress: (line: string) => void;
}

async function measureAll(ctx: Context): Promise<GitopsResults> {
  const { options, cleanup, log, progress } = ctx;
  const rig = await startRig({ cleanup, log, path: process.env.PATH ?? '/usr/bin:/bin', workers: options.workers, progress });
  const baseline = await rig.connect('baseline');
  const requests = createRequestCounter(rig.controlPlane.kubeconfigPath);
  cleanup.add('close the metrics reader', () => requests.close());
  const processes = rig.controlPlane.processes.map((p) => ({ name: p.name, pid: p.pid }));
  const shape = { apps: options.apps, objectsPerApp: options.objectsPerApp, requests, processes, progress, profileDir: options.profileDir };
  const ceiling = await measureCeiling(baseline, shape);
  const memoryBeforeController = settledMemory().memory;
  await rig.startController();
  const push = await measurePushToApplied({ rig, baseline, objects: options.pushObjects, pushes: options.pushes, progress });
  const fanOut = await measureFanOut(rig, shape);
  progress(`fan-out: all ${fanOut.apps} apps Synced ${(fanOut.exitToAllSyncedMs / 1000).toFixed(1)} s after the push`);
  const managedKinds = ['ConfigMap', 'Service'].map((kind) => ({ apiVersion: 'v1', kind })).concat({ apiVersion: 'apps/v1', kind: 'Deployment' });
  const resync = await measureResync({ rig, requests, managedKinds, progress });
  return { push, ceiling, fanOut, resync, memoryBeforeController };
}

async function run(ctx: Context): Promise<void> {
  await measureAndReport({ name: 'gitops', options: ctx.options, measure: () => measureAll(ctx), rows: gitopsRows });
}

process.exitCode = await runBenchmarkMain({ parse: parseOptions, usage: USAGE, run: run });
