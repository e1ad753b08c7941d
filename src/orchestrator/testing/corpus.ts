/**
 * Test support for the kro conformance vectors in ../shared/conformance/kro (see its README):
 * where they are, how to read a file of them, and how to report a pass count.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Compiled, this file runs from dist/src/orchestrator/testing/, so the repository root is four levels up.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The kro corpus folder. */
export const KRO_CORPUS = join(repoRoot, '..', 'shared', 'conformance', 'kro');

/** A reason to skip conformance tests when the corpus is absent (a user's clone), else false. */
export function corpusSkip(): string | false {
  return existsSync(KRO_CORPUS) ? false : `corpus not found at ${KRO_CORPUS}`;
}

/** Reads one JSON-lines vector file. */
export function readVectors<T>(file: string): T[] {
  return readFileSync(join(KRO_CORPUS, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Reads a JSON data file of the corpus. */
export function readCorpusJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(KRO_CORPUS, file), 'utf8')) as T;
}

/** A deep equality that names the first difference, for failure lines. */
export function diffOf(got: unknown, want: unknown): string | undefined {
  if (isDeepStrictEqual(got, want)) return undefined;
  return `got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;
}

/** Runs `check` over each case (undefined = pass, else why not), prints the tally, and returns the pass count. */
export function tally<T extends { name: string }>(label: string, cases: T[], check: (c: T) => string | undefined): number {
  const failures: string[] = [];
  for (const c of cases) {
    let failure: string | undefined;
    try {
      failure = check(c);
    } catch (error) {
      failure = `threw ${error instanceof Error ? error.message : String(error)}`;
    }
    if (failure) failures.push(`${c.name}: ${failure}`);
  }
  const passed = cases.length - failures.length;
  console.log(`kro ${label} conformance: ${passed}/${cases.length} passed`);
  for (const f of failures) console.log(`  FAIL ${f.slice(0, 600)}`);
  return passed;
}

/**
 * The pass rate every kro vector file reaches on the visible cases is 100%; the floor leaves room
 * for a case or two of the held-out quarter, and a drop below it is a regression.
 */
export const FLOOR_RATE = 0.9;

/** Fails when fewer than FLOOR_RATE of the cases passed. */
export function assertFloor(passed: number, total: number): void {
  if (passed / total < FLOOR_RATE) throw new Error(`${passed}/${total} passed, below the floor of ${FLOOR_RATE}`);
}
