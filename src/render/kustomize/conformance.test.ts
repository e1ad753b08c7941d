// Conformance: runs the kustomize vectors in ../shared/conformance/kustomize/cases (derived from
// kustomize's api/krusty tests) and reports the pass count and the failures grouped by feature.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CASES_DIR, listConformanceCases, loadConformanceCase } from './conformance-cases.js';
import { renderKustomization } from './render-kustomization.js';

/** The pass rate this implementation is held to (honest: a little under what it achieves). */
const PASS_FLOOR = 0.98;

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
  const c = loadConformanceCase(name);
  let yaml: string;
  try {
    yaml = renderKustomization(c.files, c.options).yaml;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (c.expected !== undefined) return { name, ok: false, reason: `error: ${message.slice(0, 200)}` };
    const missing = c.expectedErrorLines.find((w) => !message.includes(w));
    return missing === undefined ? { name, ok: true, reason: '' } : { name, ok: false, reason: `error lacks ${JSON.stringify(missing)}: ${message.slice(0, 160)}` };
  }
  if (c.expected === undefined) return { name, ok: false, reason: 'expected an error, build succeeded' };
  return yaml === c.expected ? { name, ok: true, reason: '' } : { name, ok: false, reason: firstDifference(yaml, c.expected) };
}

test('kustomize conformance corpus', (t) => {
  if (!existsSync(CASES_DIR)) {
    t.skip(`conformance corpus not found at ${CASES_DIR} (it lives beside the repository in ../shared)`);
    return;
  }
  const outcomes = listConformanceCases().map(runCase);
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
