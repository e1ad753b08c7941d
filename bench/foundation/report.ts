import { median } from '../lib/stats.js';
import type { Row } from '../lib/table.js';
import { medianRate, type ApplyLayer, type ApplyRound } from './apply-ceiling.js';
import type { HubStartupResult } from './hub-startup.js';
import type { KubectlResult } from './kubectl-apply.js';
import type { PushLatencyResult } from './push-latency.js';

/** Everything one run of the foundation benchmark measured. */
export interface FoundationResults {
  hubStartup: HubStartupResult;
  apply: ApplyRound[];
  kubectl: KubectlResult;
  push: PushLatencyResult;
}

/** The table rows: each figure beside the baseline measured in the same run. */
export function foundationRows(results: FoundationResults): Row[] {
  return [...startupRows(results.hubStartup), ...applyRows(results.apply), ...kubectlRows(results), ...pushRows(results.push)];
}

function startupRows(startup: HubStartupResult): Row[] {
  const n = startup.samplesMs.length;
  return [
    { figure: `hub start-up, min of ${n}`, unit: 's', value: startup.minMs / 1000 },
    { figure: `hub start-up, median of ${n}`, unit: 's', value: startup.medianMs / 1000 },
  ];
}

function rateOf(rounds: ApplyRound[], layer: ApplyLayer, concurrency: number): number {
  return medianRate(rounds, layer, concurrency);
}

function best(rounds: ApplyRound[], layer: ApplyLayer): { concurrency: number; perSecond: number } | undefined {
  const concurrencies = [...new Set(rounds.map((r) => r.concurrency))];
  const rates = concurrencies.map((concurrency) => ({ concurrency, perSecond: medianRate(rounds, layer, concurrency) }));
  return rates.sort((a, b) => b.perSecond - a.perSecond)[0];
}

function applyRows(rounds: ApplyRound[]): Row[] {
  const concurrencies = [...new Set(rounds.map((r) => r.concurrency))];
  const repeats = rounds.filter((r) => r.layer === 'gantry' && r.concurrency === concurrencies[0]).length;
  const of = repeats > 1 ? `, median of ${repeats}` : '';
  const rows: Row[] = concurrencies.map((c) => ({
    figure: `gantry SSA c=${c}${of}`,
    unit: 'obj/s',
    value: rateOf(rounds, 'gantry', c),
    baselineLabel: `raw https c=${c}`,
    baseline: rateOf(rounds, 'raw', c),
  }));
  return [...rows, ...ceilingRows(rounds), clientCpuRow(rounds, Math.max(...concurrencies))];
}

function ceilingRows(rounds: ApplyRound[]): Row[] {
  const g = best(rounds, 'gantry');
  const r = best(rounds, 'raw');
  if (!g || !r) return [];
  const figure = `gantry SSA ceiling (c=${g.concurrency})`;
  return [{ figure, unit: 'obj/s', value: g.perSecond, baselineLabel: `raw c=${r.concurrency}`, baseline: r.perSecond }];
}

/** Client CPU per apply shows the kube layer's own cost even when the apiserver is the bottleneck. */
function clientCpuRow(rounds: ApplyRound[], concurrency: number): Row {
  const cpu = (layer: ApplyLayer): number =>
    median(rounds.filter((x) => x.layer === layer && x.concurrency === concurrency).map((x) => x.clientCpuUsPerObject));
  const figure = `client CPU per apply, gantry c=${concurrency}`;
  return { figure, unit: 'us', value: cpu('gantry'), baselineLabel: `raw c=${concurrency}`, baseline: cpu('raw') };
}

function kubectlRows(results: FoundationResults): Row[] {
  const k = results.kubectl;
  return [
    {
      figure: `kubectl apply --server-side (${k.objects} obj)`,
      unit: 'obj/s',
      value: k.perSecond,
      baselineLabel: 'raw https c=1',
      baseline: rateOf(results.apply, 'raw', 1),
    },
    {
      figure: 'gantry SSA c=1 vs kubectl',
      unit: 'obj/s',
      value: rateOf(results.apply, 'gantry', 1),
      baselineLabel: 'kubectl',
      baseline: k.perSecond,
    },
    { figure: 'kubectl apply of 1 object (cold discovery cache)', unit: 'ms', value: k.singleObjectMs },
  ];
}

function pushRows(push: PushLatencyResult): Row[] {
  const base = { unit: 'ms', baselineLabel: 'git push p50', baseline: push.push.p50 };
  return [
    { figure: `push start -> event p50 (${push.pushes} pushes)`, ...base, value: push.startToEvent.p50 },
    { figure: 'push start -> event p99', ...base, value: push.startToEvent.p99 },
    { figure: 'push start -> event max', ...base, value: push.startToEvent.max },
    { figure: 'push exit -> event p50', ...base, value: push.exitToEvent.p50 },
    { figure: 'push exit -> event p99', ...base, value: push.exitToEvent.p99 },
    { figure: 'push exit -> event max', ...base, value: push.exitToEvent.max },
  ];
}
