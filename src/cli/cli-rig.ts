/**
 * What the CLI's integration tests share: running a command (the gantry launcher, kubectl, git)
 * to its exit code and output, polling until a check holds, and the shared reference examples.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_ENTRY } from './paths.js';

/** A finished command: its exit code (1 when it could not run or was killed) and its output. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `cmd` to its end (never rejects); it is killed after `timeout` ms. */
export function run(cmd: string, args: string[], timeout = 240_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: process.env, timeout }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Runs the gantry launcher with `args`. */
export const gantry = (args: string[]): Promise<Run> => run(process.execPath, [CLI_ENTRY, ...args]);

/**
 * Polls `check` every 500 ms (each poll may start processes) until it returns a value other than
 * undefined, and fails the test after `timeoutMs` saying what it waited for.
 */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last !== undefined) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  return assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** A file of the shared reference seed examples, beside the checkout (or beside the worktrees' folder). */
export function seedExample(name: string): string {
  const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
  const candidates = [join(repoRoot, '..', 'shared'), join(repoRoot, '..', '..', 'shared')].map((d) => join(d, 'reference', 'seed-examples', name));
  const found = candidates.find((p) => existsSync(p));
  assert.ok(found, `reference example ${name} not found in ${candidates.join(' or ')}`);
  return found;
}
