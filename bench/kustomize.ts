/**
 * The kustomize benchmark: renders a base of about 200 resources and three overlays (generated
 * into a temporary folder) with gantry's in-process renderer and with `kubectl kustomize` in the
 * same run, cold (the first render) and warm (the median of repeated renders; each render reads
 * the tree from disk, as kubectl does). Ours is timed without and with a parse cache
 * (createKustomizeCache) kept across renders, as a long-running controller keeps one. Also checks
 * that every variant prints the same YAML as kubectl. Prints a table and writes JSON to
 * bench/results/.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKustomizeCache, renderKustomization, type KustomizeCache } from '../src/render/index.js';
import { benchTree, OVERLAYS, writeTree } from './kustomize/tree.js';
import { machineInfo, writeResults } from './lib/results.js';
import { median } from './lib/stats.js';
import { formatTable, ratioOf, type Row } from './lib/table.js';

const RESULTS_DIR = fileURLToPath(new URL('../../bench/results/', import.meta.url));
const APPS = 40;
const WARM_RUNS = Number(process.env['BENCH_RUNS'] ?? 10);

function readTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(root, full), readFileSync(full));
    }
  };
  walk(root);
  return files;
}

type Render = (root: string) => string[];

function renderOurs(root: string, cache?: KustomizeCache): string[] {
  const files = readTree(root);
  return OVERLAYS.map((env) => renderKustomization(files, { path: `overlays/${env}`, reorder: 'legacy', ...(cache ? { cache } : {}) }).yaml);
}

function renderKubectl(root: string): string[] {
  return OVERLAYS.map((env) => execFileSync('kubectl', ['kustomize', join(root, 'overlays', env)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

interface Measured {
  coldMs: number;
  warmMs: number;
  outputs: string[];
}

/**
 * Times each contender's first render (cold), then the warm renders in rounds that run every
 * contender once, so a change in machine load during the run hits all of them alike.
 */
function measureAll(root: string, contenders: Readonly<Record<string, Render>>): Record<string, Measured> {
  const names = Object.keys(contenders);
  const cold = new Map(names.map((name) => [name, timed(() => (contenders[name] as Render)(root))]));
  const warm = new Map(names.map((name): [string, number[]] => [name, []]));
  for (let round = 0; round < WARM_RUNS; round++) {
    for (const name of names) warm.get(name)?.push(timed(() => (contenders[name] as Render)(root)).ms);
  }
  const out: Record<string, Measured> = {};
  for (const name of names) {
    const first = cold.get(name);
    out[name] = { coldMs: first?.ms ?? Number.NaN, warmMs: median(warm.get(name) ?? []), outputs: first?.value ?? [] };
  }
  return out;
}

interface Figures {
  ours: Measured;
  cached: Measured;
  kubectl: Measured;
  objects: number;
}

function rowsOf({ ours, cached, kubectl, objects }: Figures): Row[] {
  const label = 'kubectl kustomize';
  return [
    { figure: 'cold render, 3 overlays (time)', unit: 'ms', value: ours.coldMs, baselineLabel: label, baseline: kubectl.coldMs },
    { figure: 'first render, empty cache (time)', unit: 'ms', value: cached.coldMs, baselineLabel: label, baseline: kubectl.warmMs },
    { figure: 'warm render, no cache (time)', unit: 'ms', value: ours.warmMs, baselineLabel: label, baseline: kubectl.warmMs },
    { figure: 'warm render, with cache (time)', unit: 'ms', value: cached.warmMs, baselineLabel: label, baseline: kubectl.warmMs },
    { figure: 'warm speed-up, no cache', unit: 'x', value: kubectl.warmMs / ours.warmMs },
    { figure: 'warm speed-up, with cache', unit: 'x', value: kubectl.warmMs / cached.warmMs },
    { figure: 'objects per overlay', unit: 'objects', value: objects },
  ];
}

function main(): void {
  const root = mkdtempSync(join(tmpdir(), 'gantry-kustomize-bench-'));
  try {
    const startedAt = new Date();
    writeTree(root, benchTree(APPS));
    const cache = createKustomizeCache();
    // The uncached renderer goes first so that its first render is the process's cold one.
    const m = measureAll(root, { ours: (r) => renderOurs(r), cached: (r) => renderOurs(r, cache), kubectl: renderKubectl });
    const { ours, cached, kubectl } = m as Record<'ours' | 'cached' | 'kubectl', Measured>;
    const agree = OVERLAYS.map((env, i) => ({
      overlay: env,
      identical: ours.outputs[i] === kubectl.outputs[i],
      identicalWithCache: cached.outputs[i] === kubectl.outputs[i],
    }));
    const objects = (ours.outputs[0] ?? '').split('\n---\n').length;
    const rows = rowsOf({ ours, cached, kubectl, objects });
    const report = {
      benchmark: 'kustomize', startedAt: startedAt.toISOString(), apps: APPS, warmRuns: WARM_RUNS, machine: machineInfo(),
      table: rows.map((r) => ({ ...r, ratio: ratioOf(r) })), agreement: agree, cache: cache.stats(),
    };
    const path = writeResults(RESULTS_DIR, 'kustomize', startedAt, report);
    process.stdout.write(`\n${formatTable(rows)}\n\n`);
    process.stdout.write(`output identical to kubectl kustomize: ${agree.map((a) => `${a.overlay}=${a.identical}/${a.identicalWithCache}`).join(', ')} (no cache/cache)\n`);
    process.stdout.write(`results: ${path}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
