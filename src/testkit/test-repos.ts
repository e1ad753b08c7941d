import { execFile } from 'node:child_process';
import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RepoStore } from '../git/index.js';

/** Commits to hosted repositories through the real git CLI over smart HTTP, for tests. */
export interface TestRepos {
  /** Writes (or, for null, deletes) files, commits and pushes to `main`; resolves with the new commit. */
  push(repo: string, files: Record<string, string | null>): Promise<string>;
}

/** Creates a pusher over a store served at `baseUrl` with push `token`; work trees live under `dir`. */
export function createTestRepos(o: { dir: string; store: RepoStore; baseUrl: string; token: string }): TestRepos {
  const git = (cwd: string, ...args: string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      const env = { ...process.env, HOME: o.dir, GIT_TERMINAL_PROMPT: '0' };
      const all = ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args];
      execFile('git', all, { cwd, env }, (e, out, err) => (e ? reject(new Error(`git ${args.join(' ')}: ${err}`)) : resolve(out.trim())));
    });
  return {
    async push(repo, files) {
      const work = join(o.dir, 'work', repo);
      if (!(await o.store.exists(repo))) {
        await o.store.create(repo);
        mkdirSync(work, { recursive: true });
        await git(work, 'init', '-q');
      }
      for (const [path, content] of Object.entries(files)) {
        const full = join(work, path);
        if (content === null) unlinkSync(full);
        else {
          mkdirSync(dirname(full), { recursive: true });
          writeFileSync(full, content);
        }
      }
      await git(work, 'add', '-A');
      await git(work, 'commit', '-qm', 'change', '--allow-empty');
      await git(work, 'push', '-q', `http://gantry:${o.token}@${o.baseUrl.replace('http://', '')}/git/${repo}.git`, 'HEAD:main');
      return git(work, 'rev-parse', 'HEAD');
    },
  };
}
