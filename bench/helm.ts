/**
 * The Helm benchmark. Run: `npm run build && node dist/bench/helm.js` (BENCH_RUNS=1000 renders
 * per mode, BENCH_SPAWNS=20 baseline spawns).
 *
 * Renders a generated chart (a parent and two subcharts, about 30 templates) with gantry's
 * in-process renderer: cold (a new parsed-template cache per render, so every render parses) and
 * warm (one cache shared by every render: the chart loads once, templates parse once and an
 * unchanged output is not parsed again), and warm with new values on every render (a label that
 * changes every object, so only the chart and the templates come from the cache), reporting p50,
 * p99 and mean per render. The baseline,
 * measured in the same run, is the time to spawn a trivial process (`node -e 0`): the floor any
 * exec'd `helm template` would pay per render before doing any work. Prints a table and writes
 * JSON to bench/results/helm-<timestamp>.json and helm-latest.json.
 */
import { fileURLToPath } from 'node:url';
import { createHelmTemplateCache, renderHelmChart } from '../src/render/index.js';
import type { HelmRenderResult, HelmTemplateCache } from '../src/render/index.js';
import { benchChart, countTemplates } from './helm/chart.js';
import { runChild } from './lib/child.js';
import { machineInfo, writeResults } from './lib/results.js';
import { median, round, summarize, type Summary } from './lib/stats.js';
import { formatTable, ratioOf, type Row } from './lib/table.js';

const RESULTS_DIR = fileURLToPath(new URL('../../bench/results/', import.meta.url));
const RUNS = Number(process.env['BENCH_RUNS'] ?? 1000);
const SPAWNS = Number(process.env['BENCH_SPAWNS'] ?? 20);
const JIT_WARMUP = 20;
const TARGET_WARM_MS = 5;

type Files = ReadonlyMap<string, Buffer>;

function render(files: Files, cache: HelmTemplateCache, team = 'shop'): HelmRenderResult {
  const parameters = [{ name: 'global.labels.team', value: team }];
  return renderHelmChart(files, { releaseName: 'shop', namespace: 'shop', cache, parameters, sprig: { now: () => new Date(0) } });
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Times RUNS renders; `teamFor` may change a label on every object, so no output repeats. */
function timeRenders(files: Files, cacheFor: () => HelmTemplateCache, teamFor: (i: number) => string = () => 'shop'): number[] {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cache = cacheFor();
    const team = teamFor(i);
    const start = process.hrtime.bigint();
    render(files, cache, team);
    samples.push(elapsedMs(start));
  }
  return samples;
}

async function spawnBaseline(): Promise<number[]> {
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
  const samples: number[] = [];
  for (let i = 0; i < SPAWNS + 2; i++) {
    const run = await runChild({ command: process.execPath, args: ['-e', '0'], env, timeoutMs: 30_000 });
    if (run.code !== 0) throw new Error(`node -e 0 failed (exit ${run.code ?? 'killed'}): ${run.stderr}`);
    if (i >= 2) samples.push(run.exitedAt - run.startedAt);
  }
  return samples;
}

interface Measured {
  firstMs: number;
  cold: Summary;
  warm: Summary;
  warmNewValues: Summary;
  spawn: Summary;
  spawnMedianMs: number;
  objects: number;
  templates: number;
  sameOutput: boolean;
}

async function measure(): Promise<Measured> {
  const files = benchChart();
  const start = process.hrtime.bigint();
  const first = render(files, createHelmTemplateCache());
  const firstMs = elapsedMs(start);
  for (let i = 0; i < JIT_WARMUP; i++) render(files, createHelmTemplateCache());
  const cold = summarize(timeRenders(files, () => createHelmTemplateCache()));
  const shared = createHelmTemplateCache();
  const warm = summarize(timeRenders(files, () => shared));
  const warmNewValues = summarize(timeRenders(files, () => shared, (i) => `team-${i}`));
  const sameOutput = JSON.stringify(render(files, shared)) === JSON.stringify(first);
  const spawnSamples = await spawnBaseline();
  const templates = countTemplates(files);
  return { firstMs, cold, warm, warmNewValues, spawn: summarize(spawnSamples), spawnMedianMs: median(spawnSamples), objects: first.manifests.length, templates, sameOutput };
}

function rowsOf(m: Measured): Row[] {
  const base = { unit: 'ms', baselineLabel: 'spawn node -e 0, median', baseline: m.spawnMedianMs };
  return [
    { figure: 'first render in the process (JIT cold)', value: m.firstMs, ...base },
    { figure: 'cold render (new cache), p50', value: m.cold.p50, ...base },
    { figure: 'cold render (new cache), p99', value: m.cold.p99, ...base },
    { figure: 'cold render (new cache), mean', value: m.cold.mean, ...base },
    { figure: 'warm render (shared cache), p50', value: m.warm.p50, ...base },
    { figure: 'warm render (shared cache), p99', value: m.warm.p99, ...base },
    { figure: 'warm render (shared cache), mean', value: m.warm.mean, ...base },
    { figure: 'warm, new values each render, p50', value: m.warmNewValues.p50, ...base },
    { figure: 'warm, new values each render, p99', value: m.warmNewValues.p99, ...base },
    { figure: 'warm, new values each render, mean', value: m.warmNewValues.mean, ...base },
    { figure: 'templates rendered per render', unit: 'templates', value: m.templates },
    { figure: 'objects per render', unit: 'objects', value: m.objects },
  ];
}

function roundSummary(s: Summary): Summary {
  return { n: s.n, min: round(s.min, 3), p50: round(s.p50, 3), p99: round(s.p99, 3), max: round(s.max, 3), mean: round(s.mean, 3) };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const m = await measure();
  const rows = rowsOf(m);
  const report = {
    benchmark: 'helm',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    runs: RUNS,
    spawns: SPAWNS,
    machine: machineInfo(),
    table: rows.map((r) => ({ ...r, ratio: ratioOf(r) })),
    results: { firstMs: round(m.firstMs, 3), cold: roundSummary(m.cold), warm: roundSummary(m.warm), warmNewValues: roundSummary(m.warmNewValues), spawn: roundSummary(m.spawn), sameOutput: m.sameOutput },
    targetWarmMs: TARGET_WARM_MS,
    meetsTarget: m.warm.p50 < TARGET_WARM_MS,
  };
  const path = writeResults(RESULTS_DIR, 'helm', startedAt, report);
  process.stdout.write(`\n${formatTable(rows)}\n\n`);
  process.stdout.write(`warm p50 ${m.warm.p50.toFixed(2)} ms against a target of < ${TARGET_WARM_MS} ms: ${report.meetsTarget ? 'met' : 'NOT met'}\n`);
  process.stdout.write(`cached and uncached renders give the same output: ${m.sameOutput}\n`);
  process.stdout.write(`results: ${path}\n`);
}

await main();
