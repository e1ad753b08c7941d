/**
 * What the git transport integration tests (HTTPS, SSH) share: a temporary folder per test with a
 * git environment of its own, an external repository `ext` with one commit, and a reader with a
 * cache of its own whose log the test can search for secrets. Not a `*.test.ts`, so the runner
 * never runs it; only those tests import it.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createManualClock, type LogRecord } from '../core/index.js';
import { commitFiles } from './commit-files.js';
import { createGitReader, type GitReader } from './git-reader.js';
import { createRepoStore, type RepoStore } from './repo-store.js';

/** The part of node:test's test context the rig uses. */
export type TestContext = { after: (fn: () => Promise<void> | void) => void; skip: (message: string) => void };

/** A test's own folder (deleted after it) and the environment git runs in: `PATH`, an empty home, no system config. */
export interface TransportDir {
  dir: string;
  env: Record<string, string>;
}

/** Creates a temporary folder for one test, deleted after it, with `home/` as git's HOME; PATH is this process's unless `pathIn` makes one in the folder. */
export async function createTransportDir(t: TestContext, prefix: string, pathIn?: (dir: string) => Promise<string>): Promise<TransportDir> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'home'));
  const path = pathIn ? await pathIn(dir) : (process.env.PATH ?? '/usr/bin:/bin');
  const env = { PATH: path, HOME: join(dir, 'home'), GIT_CONFIG_NOSYSTEM: '1', LANG: 'C' };
  return { dir, env };
}

/** Creates repository `ext` in a store under `remote/` with one commit of `files` on its main; resolves with the store and that commit. */
export async function seedExternalRepo(at: TransportDir, files: Record<string, string>): Promise<{ remote: RepoStore; main: string }> {
  const remote = createRepoStore({ root: join(at.dir, 'remote'), env: at.env });
  await remote.create('ext');
  const main = await commitFiles(remote, 'ext', { files, message: 'first', author: { name: 'Dev', email: 'd@example.com' }, env: at.env });
  return { remote, main };
}

/** A reader with its own cache, a manual clock and no hosted repository in reach, closed after the test. */
export interface IsolatedReader {
  reader: GitReader;
  /** Everything the reader logged, at debug level. */
  records: LogRecord[];
  cacheDir: string;
  /** Where the reader writes keys and certificates while a command runs. */
  keyDir: string;
}

/** Creates an isolated reader under `at.dir/cache`. */
export function createIsolatedReader(t: TestContext, at: TransportDir): IsolatedReader {
  const records: LogRecord[] = [];
  const log = createLogger({ level: 'debug', sink: (r) => records.push(r) });
  const cacheDir = join(at.dir, 'cache');
  const store = createRepoStore({ root: join(at.dir, 'hosted'), env: at.env });
  const reader = createGitReader({ store, cacheDir, hostedUrlPrefixes: ['http://127.0.0.1:1/git/'], log, env: at.env, clock: createManualClock(1_000_000) });
  t.after(() => reader.close());
  return { reader, records, cacheDir, keyDir: join(cacheDir, '.gantry', 'keys') };
}
