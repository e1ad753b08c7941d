import type { Cluster, KubeObject } from '../../src/kube/index.js';
import { runPool } from '../lib/pool.js';
import { median, perSecond } from '../lib/stats.js';
import { assertConfigMapCount, benchConfigMap, createRoundNamespace } from './objects.js';
import type { RawApplier } from './raw-apply.js';

/** Which client applied: gantry's kube layer, or bare node:https. */
export type ApplyLayer = 'gantry' | 'raw';

/** One timed round: `objects` ConfigMaps created by server-side apply in a fresh namespace. */
export interface ApplyRound {
  layer: ApplyLayer;
  concurrency: number;
  objects: number;
  ms: number;
  perSecond: number;
  /** CPU time this process (the client) spent per object, user + system, in microseconds. */
  clientCpuUsPerObject: number;
  namespace: string;
}

/** What the apply measurement needs. */
export interface ApplyCeilingOptions {
  cluster: Cluster;
  raw: RawApplier;
  objects: number;
  concurrencies: number[];
  /** Rounds per layer and concurrency; figures are their median. */
  repeats: number;
  /** Objects per layer applied before timing starts (connections, discovery, JIT). */
  warmup: number;
  progress: (line: string) => void;
}

type ApplyOne = (obj: KubeObject) => Promise<unknown>;

/**
 * Times server-side apply of fresh ConfigMaps through gantry's `cluster.api.apply` and through the
 * raw baseline at each concurrency. The two layers alternate which goes first at each concurrency,
 * so the slow growth of etcd over the run does not favour one of them.
 */
export async function measureApplyCeiling(options: ApplyCeilingOptions): Promise<ApplyRound[]> {
  const layers: Record<ApplyLayer, ApplyOne> = {
    gantry: (obj) => options.cluster.api.apply(obj),
    raw: (obj) => options.raw.apply(obj, 'configmaps'),
  };
  for (const layer of ['gantry', 'raw'] as const) {
    await timeRound(options, { layer, apply: layers[layer], concurrency: 8, objects: options.warmup });
  }
  const rounds: ApplyRound[] = [];
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    for (const [i, concurrency] of options.concurrencies.entries()) {
      const order: ApplyLayer[] = (i + repeat) % 2 === 0 ? ['gantry', 'raw'] : ['raw', 'gantry'];
      for (const layer of order) {
        const round = await timeRound(options, { layer, apply: layers[layer], concurrency, objects: options.objects });
        const cpu = `${round.clientCpuUsPerObject.toFixed(0)} us client CPU/object`;
        options.progress(`apply ${layer} c=${concurrency} (${repeat + 1}/${options.repeats}): ${round.perSecond.toFixed(0)} objects/s, ${cpu}`);
        rounds.push(round);
      }
    }
  }
  return rounds;
}

/** The median rate of a layer's rounds at one concurrency (NaN when there were none). */
export function medianRate(rounds: readonly ApplyRound[], layer: ApplyLayer, concurrency: number): number {
  return median(rounds.filter((r) => r.layer === layer && r.concurrency === concurrency).map((r) => r.perSecond));
}

async function timeRound(
  options: ApplyCeilingOptions,
  round: { layer: ApplyLayer; apply: ApplyOne; concurrency: number; objects: number },
): Promise<ApplyRound> {
  const namespace = await createRoundNamespace(options.cluster, `bench-${round.layer}-c${round.concurrency}`);
  const cpuBefore = process.cpuUsage();
  const ms = await runPool(round.objects, round.concurrency, (i) => round.apply(benchConfigMap(namespace, i)));
  const cpu = process.cpuUsage(cpuBefore);
  await assertConfigMapCount(options.cluster, namespace, round.objects);
  const { layer, concurrency, objects } = round;
  const clientCpuUsPerObject = (cpu.user + cpu.system) / objects;
  return { layer, concurrency, objects, ms, perSecond: perSecond(objects, ms), clientCpuUsPerObject, namespace };
}
