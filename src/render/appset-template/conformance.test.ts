import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { appsetFuncs } from './appset-funcs.js';
import { renderApplicationTemplate } from './render-template.js';
import type { TemplateJson } from './render-template.js';

// The compiled test runs from dist/src/render/appset-template/, so the repository root is four levels up.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = `${repoRoot}../shared/conformance/appset-template/cases.jsonl`;

/** The pass rate this implementation holds itself to (issue target: 95%). */
const FLOOR = 0.95;

interface Case {
  name: string;
  goTemplate: boolean;
  goTemplateOptions: string[];
  template: { [key: string]: TemplateJson };
  params: Record<string, unknown>;
  syncPolicy?: { preserveResourcesOnDeletion?: boolean };
  expected?: TemplateJson;
  expectError?: boolean;
}

function isEmpty(v: TemplateJson | undefined): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
}

/** Checks that every field `want` lists equals `got`; returns the first differing path. */
function subsetDiff(want: TemplateJson, got: TemplateJson | undefined, at: string): string | undefined {
  if (want === null) return isEmpty(got) ? undefined : `${at}: got ${JSON.stringify(got)}, want empty`;
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return `${at}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;
    return want.map((w, i) => subsetDiff(w, got[i], `${at}[${i}]`)).find((d) => d !== undefined);
  }
  if (typeof want === 'object') {
    if (typeof got !== 'object' || got === null || Array.isArray(got)) return `${at}: got ${JSON.stringify(got)}, want an object`;
    return Object.entries(want).map(([k, w]) => subsetDiff(w, got[k], `${at}.${k}`)).find((d) => d !== undefined);
  }
  return want === got ? undefined : `${at}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;
}

const funcs = appsetFuncs();

function runCase(c: Case): string | undefined {
  let rendered: { [key: string]: TemplateJson };
  try {
    rendered = renderApplicationTemplate(c.template, c.params, {
      goTemplate: c.goTemplate,
      goTemplateOptions: c.goTemplateOptions,
      funcs,
      ...(c.syncPolicy === undefined ? {} : { syncPolicy: c.syncPolicy }),
    });
  } catch (error) {
    return c.expectError === true ? undefined : `unexpected error: ${(error as Error).message}`;
  }
  if (c.expectError === true) return 'rendered, but Argo CD fails';
  return subsetDiff(c.expected ?? {}, rendered, '');
}

test('ApplicationSet template conformance corpus', (t) => {
  if (!existsSync(corpus)) {
    t.skip(`conformance corpus absent: ${corpus} (it lives beside the repository, not in it)`);
    return;
  }
  const cases = readFileSync(corpus, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Case);
  const failures = cases.map((c) => ({ name: c.name, reason: runCase(c) })).filter((f) => f.reason !== undefined);
  const passed = cases.length - failures.length;
  console.log(`appset-template conformance: ${passed}/${cases.length} passed`);
  for (const f of failures) console.log(`  FAIL ${f.name}: ${f.reason}`);
  assert.ok(passed / cases.length >= FLOOR, `pass rate ${passed}/${cases.length} is below ${FLOOR}`);
});
