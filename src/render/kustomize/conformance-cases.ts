/**
 * The kustomize conformance corpus (../shared/conformance/kustomize/cases, derived from
 * kustomize's api/krusty tests) read into build inputs, for the conformance and cache tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { KustomizeOptions, ReorderOption } from './render-kustomization.js';

const here = fileURLToPath(new URL('.', import.meta.url));
// Compiled tests run from dist/src/render/kustomize/: the repository root is four levels up.
const repoRoot = join(here, '..', '..', '..', '..');

/** Where the corpus lives; absent in a user's clone. */
export const CASES_DIR = join(repoRoot, '..', 'shared', 'conformance', 'kustomize', 'cases');

/** One case: the input tree, the build options and what the build must print or fail with. */
export interface ConformanceCase {
  name: string;
  files: Map<string, Buffer>;
  options: KustomizeOptions;
  /** The expected YAML, or undefined when the build must fail. */
  expected: string | undefined;
  /** Lines the error message must contain, when the build must fail. */
  expectedErrorLines: string[];
}

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

/** The names of the corpus's cases, sorted; empty when the corpus is absent. */
export function listConformanceCases(): string[] {
  return existsSync(CASES_DIR) ? readdirSync(CASES_DIR).sort() : [];
}

/** Reads one case of the corpus. */
export function loadConformanceCase(name: string): ConformanceCase {
  const dir = join(CASES_DIR, name);
  const optionsFile = join(dir, 'options.yaml');
  const raw = existsSync(optionsFile) ? ((parse(readFileSync(optionsFile, 'utf8')) ?? {}) as Record<string, string>) : {};
  const errorFile = join(dir, 'expected-error.txt');
  const expectError = existsSync(errorFile);
  return {
    name,
    files: readTree(join(dir, 'input')),
    options: {
      path: readFileSync(join(dir, 'build.txt'), 'utf8').trim(),
      loadRestrictions: raw['loadRestrictions'] === 'none' ? 'none' : 'rootOnly',
      reorder: (raw['reorder'] ?? 'none') as ReorderOption,
    },
    expected: expectError ? undefined : readFileSync(join(dir, 'expected.yaml'), 'utf8'),
    expectedErrorLines: expectError ? readFileSync(errorFile, 'utf8').split('\n').filter((l) => l.trim() !== '') : [],
  };
}
