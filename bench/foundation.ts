/**
 * The foundation benchmark: how fast the parts everything else stands on are, each figure beside a
 * baseline measured in the same run. Hub start-up time; server-side apply throughput through
 * gantry's kube layer against raw node:https and against kubectl; and the latency from a `git push`
 * to gantry's in-process push event against the push itself. Prints a table and writes JSON to
 * bench/results/. Everything runs on loopback and is removed at the end, failure or not.
 */
import { systemClock, type Logger } from '../src/core/index.js';
import { connectCluster } from '../src/kube/index.js';
import { findBinaries, type ControlPlane } from '../src/local/index.js';
import { measureApplyCeiling } from './foundation/apply-ceiling.js';
import { measureHubStartup } from './foundation/hub-startup.js';
import { measureKubectl } from './foundation/kubectl-apply.js';
import { parseOptions, USAGE, type FoundationOptions } from './foundation/options.js';
import { measurePushLatency } from './foundation/push-latency.js';
import { createRawApplier } from './foundation/raw-apply.js';
import { foundationRows, type FoundationResults } from './foundation/report.js';
import type { Cleanup } from './lib/cleanup.js';
import { measureAndReport } from './lib/report.js';
import { runBenchmarkMain } from './lib/main.js';

interface Context {
  options: FoundationOptions;
  cleanup: Cleanup;
  log: Logger;
  env: Record<string, string>;
  progress: (line: string) => void;
}

function stringEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
}

async function measureAll(ctx: Context): Promise<FoundationResults> {
  const binaries = findBinaries({ env: process.env });
  if (!binaries.ok) throw new Error(binaries.error);
  const { options, cleanup, log, progress } = ctx;
  const startup = await measureHubStartup({ runs: options.startups, binaries: binaries.value, cleanup, log, progress });
  const cp: ControlPlane = startup.controlPlane;
  const cluster = await connectCluster({ kubeconfig: { path: cp.kubeconfigPath }, name: 'hub', clock: systemClock, log });
  cleanup.add('close the cluster connection', () => cluster.close());
  const raw = createRawApplier(cp.kubeconfigPath);
  cleanup.add('close the raw https agent', () => raw.close());
  const { objects, concurrencies, repeats, warmup } = options;
  const apply = await measureApplyCeiling({ cluster, raw, objects, concurrencies, repeats, warmup, progress });
  const kubectl = await measureKubectl({ cluster, kubeconfigPath: cp.kubeconfigPath, objects: options.objects, cleanup, env: ctx.env });
  progress(`kubectl: ${kubectl.perSecond.toFixed(0)} objects/s`);
  const push = await measurePushLatency({ pushes: options.pushes, cleanup, log, path: ctx.env.PATH ?? '/usr/bin:/bin', progress });
  return { hubStartup: startup.result, apply, kubectl, push };
}

async function run(ctx: Context): Promise<void> {
  await measureAndReport({ name: 'foundation', options: ctx.options, measure: () => measureAll(ctx), rows: foundationRows });
}

process.exitCode = await runBenchmarkMain({ parse: parseOptions, usage: USAGE, run: (ctx) => run({ ...ctx, env: stringEnv() }) });
