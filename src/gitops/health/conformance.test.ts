import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { KubeObject } from '../kube-object.js';
import { assessHealth } from './assess-health.js';
import { assessWorkflow } from './argo-workflows-health.js';
import { customHealthCheck } from './health-checks.js';
import type { Health } from './health-status.js';

// Runs gantry's health assessment over Argo CD's own health test vectors (see the corpus README).
// Compiled, this file runs from dist/src/gitops/health/, so the repository root is four levels up.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = join(repoRoot, '..', 'shared', 'conformance', 'health');

interface HealthCase {
  id: string;
  checker: string;
  expected: { status: string | null; message?: string };
  messageAsserted: boolean;
  resource: KubeObject;
}

/** Upstream tests that call one Go check function directly, on objects without apiVersion/kind. */
const DIRECT_CHECKS: Readonly<Record<string, (obj: KubeObject) => Health>> = {
  'builtin:getArgoWorkflowHealth': assessWorkflow,
};

/**
 * Upstream runs Lua checks directly (util/lua health tests), and built-in checks through
 * GetResourceHealth; each case is judged the way upstream judged it.
 */
function assess(c: HealthCase): Health | undefined {
  if (c.checker.startsWith('lua:')) return customHealthCheck(c.resource)?.(c.resource);
  const direct = DIRECT_CHECKS[c.checker];
  return direct ? direct(c.resource) : assessHealth(c.resource);
}

function failureOf(c: HealthCase): string | undefined {
  const got = assess(c);
  const status = got?.status ?? null;
  if (status !== c.expected.status) return `status ${String(status)}, want ${String(c.expected.status)} (${got?.message ?? ''})`;
  const message = got?.message ?? '';
  const want = c.expected.message ?? '';
  if (c.messageAsserted && message !== want) return `message ${JSON.stringify(message)}, want ${JSON.stringify(want)}`;
  return undefined;
}

function loadCases(): HealthCase[] {
  const index = readFileSync(join(corpus, 'index.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  return index.map((line) => {
    const entry = JSON.parse(line) as { file: string };
    return parse(readFileSync(join(corpus, entry.file), 'utf8')) as HealthCase;
  });
}

/** The pass rate this implementation reaches on the visible cases, rounded down; a drop below it is a regression. */
const FLOOR_RATE = 0.97;

test('health conformance: Argo CD health vectors', { skip: existsSync(corpus) ? false : `corpus not found at ${corpus}` }, () => {
  const cases = loadCases();
  const failures: string[] = [];
  for (const c of cases) {
    const failure = failureOf(c);
    if (failure) failures.push(`${c.id}: ${failure}`);
  }
  const passed = cases.length - failures.length;
  console.log(`health conformance: ${passed}/${cases.length} passed`);
  for (const f of failures) console.log(`  FAIL ${f}`);
  assert.ok(passed / cases.length >= FLOOR_RATE, `${passed}/${cases.length} passed, floor ${FLOOR_RATE}`);
});
