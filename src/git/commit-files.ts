import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../core/index.js';
import { GitCommandError, gitEnvironment, type GitEnv } from './git-command.js';
import { runGitProcess } from './git-process.js';
import type { RepoStore } from './repo-store.js';

/** A commit gantry writes itself (the quickstart's demo repository, scaffolded apps). */
export interface CommitRequest {
  /** Path -> content; the commit holds exactly these files (nothing of the parent is kept). */
  files: Readonly<Record<string, string>>;
  message: string;
  /** The branch to move (default main). */
  branch?: string;
  author?: { name: string; email: string };
  env?: GitEnv;
}

/**
 * Commits `files` as the whole tree of a branch of a hosted repository, with git's plumbing
 * (hash-object, update-index on a private index, write-tree, commit-tree, update-ref), so no
 * working copy is needed. The ref moves only if it is still where it was read (no lost update).
 * Resolves with the new commit. Push events are not emitted: callers that run beside a git server announce it.
 */
export async function commitFiles(store: RepoStore, repo: string, request: CommitRequest): Promise<string> {
  const gitDir = (await store.get(repo)).path;
  const branch = `refs/heads/${request.branch ?? 'main'}`;
  const author = request.author ?? { name: 'gantry', email: 'gantry@localhost' };
  const scratch = await mkdtemp(join(tmpdir(), 'gantry-commit-'));
  const env = gitEnvironment(request.env ?? process.env, {
    GIT_INDEX_FILE: join(scratch, 'index'),
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  });
  const git = async (args: string[], input?: string): Promise<string> => (await runGitProcess([`--git-dir=${gitDir}`, ...args], { env, input })).toString('utf8').trim();
  try {
    const parent = await git(['rev-parse', '--verify', '--quiet', branch]).catch((e: unknown) => (e instanceof GitCommandError ? '' : Promise.reject(e)));
    const entries: string[] = [];
    for (const [path, content] of Object.entries(request.files)) {
      if (path.startsWith('/') || path.split('/').some((s) => s === '' || s === '.' || s === '..')) throw new InputError(`cannot commit ${JSON.stringify(path)}: give a relative path without . or .. segments`);
      entries.push(`100644 ${await git(['hash-object', '-w', '--stdin'], content)}\t${path}`);
    }
    await git(['update-index', '--add', '--index-info'], `${entries.join('\n')}\n`);
    const tree = await git(['write-tree']);
    const commit = await git(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', request.message]);
    await git(['update-ref', branch, commit, parent || '0'.repeat(40)]);
    return commit;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
