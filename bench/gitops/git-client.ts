import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { runChecked, runChild, type ChildRun } from '../lib/child.js';
import { runPool } from '../lib/pool.js';

/** A working copy that commits and pushes to one hosted repository with the real git CLI. */
export interface WorkClone {
  /** Writes files (null removes one), relative to the working copy. */
  write(files: Record<string, string | null>): Promise<void>;
  /** Commits everything and returns the commit's sha. */
  commit(message: string): Promise<string>;
  /** Pushes `main`, timed from spawn to exit; throws when git fails. */
  push(): Promise<ChildRun>;
}

/** Where a working copy lives and where it pushes. */
export interface WorkCloneOptions {
  dir: string;
  /** The push URL, credentials included. */
  remote: string;
  /** git's environment: PATH, HOME, identity. */
  env: Record<string, string>;
}

const GIT_TIMEOUT_MS = 120_000;

/** Creates an empty working copy on branch main with `remote` as origin. */
export async function createWorkClone(o: WorkCloneOptions): Promise<WorkClone> {
  await mkdir(o.dir, { recursive: true });
  const git = (args: string[]): Promise<string> => runChecked({ command: 'git', args, env: o.env, cwd: o.dir, timeoutMs: GIT_TIMEOUT_MS });
  await git(['init', '--quiet', '--initial-branch=main']);
  await git(['remote', 'add', 'origin', o.remote]);
  return {
    async write(files) {
      const entries = Object.entries(files);
      await runPool(entries.length, 16, async (i) => {
        const [path, content] = entries[i] as [string, string | null];
        const full = join(o.dir, path);
        if (content === null) return rm(full, { force: true });
        await mkdir(dirname(full), { recursive: true });
        await writeFile(full, content);
      });
    },
    async commit(message) {
      await git(['add', '-A']);
      await git(['commit', '--quiet', '--allow-empty', '-m', message]);
      return (await git(['rev-parse', 'HEAD'])).trim();
    },
    async push() {
      const run = await runChild({ command: 'git', args: ['push', '--quiet', 'origin', 'main'], env: o.env, cwd: o.dir, timeoutMs: GIT_TIMEOUT_MS });
      if (run.code !== 0) throw new Error(`git push failed (exit ${run.code ?? 'killed'}): ${run.stderr.trim().slice(0, 2000)}`);
      return run;
    },
  };
}

/** git's environment for the benchmark's clients: no system or user config, a fixed identity. */
export function clientGitEnv(home: string, path: string): Record<string, string> {
  return {
    PATH: path,
    HOME: home,
    LANG: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
  };
}
