import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TemplateError } from './errors.js';
import type { MissingKey } from './exec.js';
import { TemplateSet } from './template-set.js';
import type { GoValue } from './value.js';

// The compiled test runs from dist/src/render/gotemplate/, so the repository root is four levels up.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = `${repoRoot}../shared/conformance/gotemplate/cases.jsonl`;

/** The pass rate this implementation holds itself to (achieved rate, rounded down). */
const FLOOR = 0.99;

interface Case {
  name: string;
  template: string;
  data: GoValue;
  output: string;
  ok: boolean;
  phase?: 'parse';
  delims?: [string, string];
  options?: string[];
}

function missingKeyOf(c: Case): MissingKey {
  const option = (c.options ?? []).find((o) => o.startsWith('missingkey='));
  const value = option?.slice('missingkey='.length);
  return value === 'error' || value === 'zero' ? value : 'default';
}

/** Runs one case; returns undefined when it passes, else the reason. */
function runCase(c: Case): string | undefined {
  let set: TemplateSet;
  try {
    set = new TemplateSet(c.delims === undefined ? {} : { delims: c.delims }).parse(c.name, c.template);
  } catch (error) {
    if (!(error instanceof TemplateError)) return `crashed in parse: ${String(error)}`;
    return c.phase === 'parse' ? undefined : `unexpected parse error: ${error.message}`;
  }
  if (c.phase === 'parse') return 'parsed, but Go fails to parse it';
  try {
    const output = set.execute(c.name, c.data, { missingKey: missingKeyOf(c) });
    if (!c.ok) return `executed (${JSON.stringify(output)}), but Go fails`;
    return output === c.output ? undefined : `got ${JSON.stringify(output)}, want ${JSON.stringify(c.output)}`;
  } catch (error) {
    if (!(error instanceof TemplateError)) return `crashed in execute: ${String(error)}`;
    return c.ok ? `unexpected error: ${error.message}` : undefined;
  }
}

test('Go text/template conformance corpus', (t) => {
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
  console.log(`gotemplate conformance: ${passed}/${cases.length} passed`);
  for (const f of failures) console.log(`  FAIL ${f.name}: ${f.reason}`);
  assert.ok(passed / cases.length >= FLOOR, `pass rate ${passed}/${cases.length} is below ${FLOOR}`);
});
