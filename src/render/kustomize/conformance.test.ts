// Conformance: runs the kustomize vectors in ../shared/conformance/kustomize/cases (derived from
// kustomize's api/krusty tests) and reports the pass count and the failures grouped by feature.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { renderKustomization, type ReorderOption } from './render-kustomization.js';

/** The pass rate this implementation is held to (honest: a little under what it achieves). */
const PASS_FLOOR = 0.93;

const here = fileURLToPath(new URL('.', import.meta.url));
// Compiled tests run from dist/src/render/kustomize/: the repository root is four levels up.
const repoRoot = join(here, '..', '..', '..', '..');
const casesDir = join(repoRoot, '..', 'shared', 'conformance', 'kustomize', 'cases');

function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full).split('\\').join('/'), readFileSync(full));
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

interface Outcome {
  name: string;
  ok: boolean;
  reason: string;
}

function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const e = expected.split('\n');
  const i = a.findIndex((line, n) => line !== e[n]);
  const at = i < 0 ? Math.min(a.length, e.length) : i;
  return `line ${at + 1}: got ${JSON.stringify(a[at] ?? '<end>')}, want ${JSON.stringify(e[at] ?? '<end>')}`;
}

function runCase(name: string): Outcome {
  const dir = join(casesDir, name);
  const options = existsSync(join(dir, 'options.yaml')) ? ((parse(readFileSync(join(dir, 'options.yaml'), 'utf8')) ?? {}) as Record<string, string>) : {};
  const path = readFileSync(join(dir, 'build.txt'), 'utf8').trim();
  const expectError = existsSync(join(dir, 'expected-error.txt'));
  let yaml: string;
  try {
    yaml = renderKustomization(readTree(join(dir, 'input')), {
      path,
      loadRestrictions: options['loadRestrictions'] === 'none' ? 'none' : 'rootOnly',
      reorder: (options['reorder'] ?? 'none') as ReorderOption,
    }).yaml;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!expectError) return { name, ok: false, reason: `error: ${message.slice(0, 200)}` };
    const wanted = readFileSync(join(dir, 'expected-error.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const missing = wanted.find((w) => !message.includes(w));
    return missing === undefined ? { name, ok: true, reason: '' } : { name, ok: false, reason: `error lacks ${JSON.stringify(missing)}: ${message.slice(0, 160)}` };
  }
  if (expectError) return { name, ok: false, reason: 'expected an error, build succeeded' };
  const expected = readFileSync(join(dir, 'expected.yaml'), 'utf8');
  return yaml === expected ? { name, ok: true, reason: '' } : { name, ok: false, reason: firstDifference(yaml, expected) };
}

test('kustomize conformance corpus', (t) => {
  if (!existsSync(casesDir)) {
    t.skip(`conformance corpus not found at ${casesDir} (it lives beside the repository in ../shared)`);
    return;
  }
  const outcomes = readdirSync(casesDir).sort().map(runCase);
  const passed = outcomes.filter((o) => o.ok).length;
  const byFeature = new Map<string, Outcome[]>();
  for (const o of outcomes.filter((x) => !x.ok)) {
    const feature = o.name.split('__')[0] ?? o.name;
    byFeature.set(feature, [...(byFeature.get(feature) ?? []), o]);
  }
  console.log(`kustomize conformance: ${passed}/${outcomes.length} passed`);
  for (const [feature, list] of [...byFeature].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${feature}: ${list.length} failing`);
    for (const o of list) console.log(`    ${o.name}: ${o.reason}`);
  }
  assert.ok(passed / outcomes.length >= PASS_FLOOR, `pass rate ${passed}/${outcomes.length} is under the floor ${PASS_FLOOR}`);
});
