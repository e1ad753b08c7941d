import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../../kube/index.js';
import type { GeneratorSpec, ParamSet } from '../types.js';
import { transformGenerator } from './generate.js';
import { goJson, paramSetsByMergeKey } from './merge-keys.js';
import { appendTemplatedValues, sanitizeName } from './params.js';
import type { GenerateContext } from './ports.js';

// The compiled test runs from dist/src/appset/generators/, so the repository root is four levels up.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = `${repoRoot}../shared/conformance/appset-generators`;

/** The pass rate this implementation holds itself to (issue target: 95%). */
const FLOOR = 0.95;

interface Case {
  name: string;
  appset?: { goTemplate?: boolean; goTemplateOptions?: string[]; applyNestedSelectors?: boolean };
  generator?: GeneratorSpec;
  inputs?: {
    clusterSecrets?: KubeObject[];
    repo?: { directories?: string[]; getFiles?: Record<string, Record<string, string>>; expectedRepoURL?: string };
    mockGenerators?: { git?: ParamSet[] };
  };
  expected?: unknown;
  expectedCount?: number;
  compare?: string;
  expectError?: boolean;
  errorContains?: string[];
  // values-interpolation, sanitize-name, merge-keys
  values?: Record<string, string>;
  params?: ParamSet;
  input?: string;
  mergeKeys?: string[];
  paramSets?: ParamSet[];
}

const canon = (v: unknown): string => goJson(v);
const sortedCanon = (list: unknown[]): string[] => list.map(canon).sort();

function compareResult(c: Case, got: ParamSet[]): string | undefined {
  const want = (c.expected ?? []) as ParamSet[];
  const show = (): string => `got ${JSON.stringify(got)}\n want ${JSON.stringify(want)}`;
  switch (c.compare) {
    case 'ordered':
      return canon(got) === canon(want) ? undefined : show();
    case 'unordered':
      return canon(sortedCanon(got)) === canon(sortedCanon(want)) ? undefined : show();
    case 'unordered-set':
      return canon([...new Set(sortedCanon(got))]) === canon([...new Set(sortedCanon(want))]) ? undefined : show();
    case 'unordered-flat': {
      const flat = (l: ParamSet[]): string[] => sortedCanon(((l[0]?.['clusters'] as unknown[]) ?? []));
      return got.length === 1 && canon(flat(got)) === canon(flat(want)) ? undefined : show();
    }
    case 'subset': {
      if (got.length !== c.expectedCount) return `got ${got.length} sets, want ${c.expectedCount}`;
      return want.every((w, i) => Object.entries(w).every(([k, v]) => canon(got[i]?.[k]) === canon(v))) ? undefined : show();
    }
    default:
      return `unknown compare ${c.compare}`;
  }
}

function contextFor(c: Case): GenerateContext {
  const repo = c.inputs?.repo ?? {};
  const checkUrl = (url: string): void => {
    if (repo.expectedRepoURL !== undefined && url !== repo.expectedRepoURL) throw new Error(`repo queried as ${url}, want ${repo.expectedRepoURL}`);
  };
  const mock = c.inputs?.mockGenerators?.git;
  return {
    mode: { goTemplate: c.appset?.goTemplate === true, goTemplateOptions: c.appset?.goTemplateOptions ?? [] },
    applyNestedSelectors: c.appset?.applyNestedSelectors === true,
    clusters: { listClusterSecrets: async () => c.inputs?.clusterSecrets ?? [] },
    repos: {
      directories: async (url) => (checkUrl(url), repo.directories ?? []),
      files: async (url, _rev, pattern) => (checkUrl(url), new Map(Object.entries(repo.getFiles?.[pattern] ?? {}))),
    },
    ...(mock ? { generators: { git: async () => mock.map((p) => structuredClone(p)) } } : {}),
  };
}

async function runGeneratorCase(c: Case): Promise<string | undefined> {
  let got: ParamSet[];
  try {
    const results = await transformGenerator(c.generator ?? {}, contextFor(c));
    got = results.flatMap((r) => r.params);
  } catch (error) {
    if (c.expectError !== true) return `unexpected error: ${(error as Error).message}`;
    const message = (error as Error).message;
    const missing = (c.errorContains ?? []).find((s) => !message.includes(s));
    return missing === undefined ? undefined : `error ${JSON.stringify(message)} lacks ${JSON.stringify(missing)}`;
  }
  if (c.expectError === true) return `generated ${JSON.stringify(got)}, but Argo CD fails`;
  return compareResult(c, got);
}

function runOther(file: string, c: Case): string | undefined {
  try {
    if (file === 'sanitize-name.jsonl') return sanitizeName(c.input ?? '') === c.expected ? undefined : `got ${sanitizeName(c.input ?? '')}`;
    if (file === 'values-interpolation.jsonl') {
      const got = appendTemplatedValues(c.values, { ...(c.params ?? {}) }, { goTemplate: c.appset?.goTemplate === true });
      return canon(got) === canon(c.expected) ? undefined : `got ${JSON.stringify(got)}`;
    }
    const got = Object.fromEntries(paramSetsByMergeKey(c.mergeKeys ?? [], c.paramSets ?? []));
    if (c.expectError === true) return 'no error, but Argo CD fails';
    return canon(got) === canon(c.expected) ? undefined : `got ${JSON.stringify(got)}`;
  } catch (error) {
    return c.expectError === true ? undefined : `unexpected error: ${(error as Error).message}`;
  }
}

const OTHER = new Set(['sanitize-name.jsonl', 'values-interpolation.jsonl', 'merge-keys.jsonl']);

test('appset-generators conformance', { skip: existsSync(dir) ? false : `no conformance corpus at ${dir}` }, async () => {
  let passed = 0;
  let total = 0;
  const failures: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const cases = readFileSync(`${dir}/${file}`, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Case);
    let filePassed = 0;
    for (const c of cases) {
      const failure = OTHER.has(file) ? runOther(file, c) : await runGeneratorCase(c);
      if (failure === undefined) filePassed++;
      else failures.push(`${file} ${c.name}: ${failure}`);
    }
    console.log(`appset-generators ${file} conformance: ${filePassed}/${cases.length} passed`);
    passed += filePassed;
    total += cases.length;
  }
  for (const f of failures) console.log(`  FAIL ${f}`);
  console.log(`appset-generators conformance: ${passed}/${total} passed`);
  assert.ok(total > 0, 'the corpus holds no cases');
  assert.ok(passed / total >= FLOOR, `${passed}/${total} is below the ${FLOOR * 100}% floor`);
});
