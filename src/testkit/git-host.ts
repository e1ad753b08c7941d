import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../core/index.js';
import { createGitReader, createGitServer, createRepoStore, type GitReader, type GitServer, type ReadAccess, type RepoStore } from '../git/index.js';
import { createTestRepos } from './test-repos.js';

/** Gantry's own git server over a temporary folder, listening on loopback, for integration tests. */
export interface TestGitHost {
  /** The temporary folder: repositories under `git/`, work trees under `work/`. */
  readonly dir: string;
  readonly store: RepoStore;
  readonly server: GitServer;
  /** Where the server listens, e.g. http://127.0.0.1:41234. */
  readonly baseUrl: string;
  /** The server's token (for pushes, and for reads when `readAccess` is `token`). */
  readonly token: string;
  /** The clone URL of `repo` on this host. */
  url(repo: string): string;
  /** Writes (or, for null, deletes) files in `repo`, commits and pushes to `main`; resolves with the new commit. */
  push(repo: string, files: Record<string, string | null>): Promise<string>;
  /** A reader over the store that treats this host's URLs as hosted, caching under `dir/<cacheName>`. */
  reader(log: Logger, cacheName?: string): GitReader;
  /** Stops the server and deletes the folder. */
  close(): Promise<void>;
}

/** Starts a git server on a free port over a new temporary folder named after `prefix`. */
export async function startTestGitHost(o: { prefix: string; log: Logger; readAccess?: ReadAccess }): Promise<TestGitHost> {
  const dir = mkdtempSync(join(tmpdir(), `${o.prefix}-`));
  const token = `tok-${randomBytes(8).toString('hex')}`;
  const store = createRepoStore({ root: join(dir, 'git') });
  const server = createGitServer({ store, token, readAccess: o.readAccess ?? 'open', log: o.log });
  const baseUrl = (await server.listen(0)).url;
  const repos = createTestRepos({ dir, store, baseUrl, token });
  return {
    dir,
    store,
    server,
    baseUrl,
    token,
    url: (repo) => `${baseUrl}/git/${repo}.git`,
    push: (repo, files) => repos.push(repo, files),
    reader: (log, cacheName = 'cache') => createGitReader({ store, cacheDir: join(dir, cacheName), log, hostedUrlPrefixes: [`${baseUrl}/git/`] }),
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
