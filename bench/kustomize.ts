/**
 * The kustomize benchmark: renders a base of about 200 resources and three overlays (generated
 * into a temporary folder) with gantry's in-process renderer and with `kubectl kustomize` in the
 * same run, cold (the first render) and warm (the median of repeated renders; each render reads
 * the tree from disk, as kubectl does). Also checks that both print the same YAML. Prints a table
 * and writes JSON to bench/results/.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderKustomization } from '../src/render/index.js';
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

function renderOurs(root: string): string[] {
  const files = readTree(root);
  return OVERLAYS.map((env) => renderKustomization(files, { path: `overlays/${env}`, reorder: 'legacy' }).yaml);
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

function measure(fn: () => string[]): Measured {
  const cold = timed(fn);
  const warm = Array.from({ length: WARM_RUNS }, () => timed(fn).ms);
  return { coldMs: cold.ms, warmMs: median(warm), outputs: cold.value };
}

function rowsOf(ours: Measured, kubectl: Measured, objects: number): Row[] {
  const label = 'kubectl kustomize';
  return [
    { figure: 'cold render, 3 overlays (time)', unit: 'ms', value: ours.coldMs, baselineLabel: label, baseline: kubectl.coldMs },
    { figure: 'warm render, 3 overlays (time)', unit: 'ms', value: ours.warmMs, baselineLabel: label, baseline: kubectl.warmMs },
    { figure: 'warm speed-up over kubectl', unit: 'x', value: kubectl.warmMs / ours.warmMs },
    { figure: 'objects per overlay', unit: 'objects', value: objects },
  ];
}

function main(): void {
  const root = mkdtempSync(join(tmpdir(), 'gantry-kustomize-bench-'));
  try {
    const startedAt = new Date();
    writeTree(root, benchTree(APPS));
    const ours = measure(() => renderOurs(root));
    const kubectl = measure(() => renderKubectl(root));
    const agree = OVERLAYS.map((env, i) => ({ overlay: env, identical: ours.outputs[i] === kubectl.outputs[i] }));
    const objects = (ours.outputs[0] ?? '').split('\n---\n').length;
    const rows = rowsOf(ours, kubectl, objects);
    const report = { benchmark: 'kustomize', startedAt: startedAt.toISOString(), apps: APPS, warmRuns: WARM_RUNS, machine: machineInfo(), table: rows.map((r) => ({ ...r, ratio: ratioOf(r) })), agreement: agree };
    const path = writeResults(RESULTS_DIR, 'kustomize', startedAt, report);
    process.stdout.write(`\n${formatTable(rows)}\n\n`);
    process.stdout.write(`output identical to kubectl kustomize: ${agree.map((a) => `${a.overlay}=${a.identical}`).join(', ')}\n`);
    process.stdout.write(`results: ${path}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
