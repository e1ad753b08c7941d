import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConflictError, InputError, NotFoundError } from '../core/index.js';
import { createRepoStore } from './repo-store.js';

const run = promisify(execFile);

async function tempStore(t: { after: (fn: () => Promise<void>) => void }): Promise<{ root: string; env: Record<string, string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gantry-store-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  };
  return { root: join(dir, 'repos'), env };
}

/** Makes a commit in a bare repository with plumbing commands, and points `ref` at it. */
async function commitInto(gitDir: string, ref: string, env: Record<string, string>): Promise<string> {
  const git = async (...args: string[]): Promise<string> => (await run('git', [`--git-dir=${gitDir}`, ...args], { env })).stdout.trim();
  const tree = await git('write-tree');
  const commit = await git('commit-tree', tree, '-m', `commit for ${ref}`);
  await git('update-ref', ref, commit);
  return commit;
}

test('repo store creates bare repositories on main that accept HTTP pushes, lists and deletes them', async (t) => {
  const { root, env } = await tempStore(t);
  const store = createRepoStore({ root, env });
  assert.deepEqual(await store.list(), [], 'a missing root lists as empty');
  const created = await store.create('web');
  assert.deepEqual(created, { name: 'web', path: join(root, 'web.git'), head: null });
  await store.create('api');
  const gitDir = store.pathOf('web');
  assert.equal((await run('git', [`--git-dir=${gitDir}`, 'symbolic-ref', 'HEAD'], { env })).stdout.trim(), 'refs/heads/main');
  assert.equal((await run('git', [`--git-dir=${gitDir}`, 'config', 'http.receivepack'], { env })).stdout.trim(), 'true');
  assert.equal((await run('git', [`--git-dir=${gitDir}`, 'rev-parse', '--is-bare-repository'], { env })).stdout.trim(), 'true');

  const commit = await commitInto(gitDir, 'refs/heads/main', env);
  const tagged = await commitInto(gitDir, 'refs/tags/v1', env);
  assert.deepEqual(await store.list(), [
    { name: 'api', path: join(root, 'api.git'), head: null },
    { name: 'web', path: gitDir, head: commit },
  ]);
  assert.deepEqual(await store.get('web'), { name: 'web', path: gitDir, head: commit });
  assert.deepEqual(
    await store.readRefs('web'),
    new Map([
      ['refs/heads/main', commit],
      ['refs/tags/v1', tagged],
    ]),
  );
  assert.equal((await store.readRefs('api')).size, 0);

  assert.equal(await store.exists('web'), true);
  await store.delete('web');
  assert.equal(await store.exists('web'), false);
  assert.deepEqual(
    (await store.list()).map((r) => r.name),
    ['api'],
  );
});

test('repo store refuses duplicates, invalid names and missing repositories with named errors', async (t) => {
  const { root, env } = await tempStore(t);
  const store = createRepoStore({ root, env });
  await store.create('app');
  await assert.rejects(store.create('app'), (e: unknown) => e instanceof ConflictError && /"app" already exists/.test(e.message));
  await assert.rejects(store.create('../evil'), (e: unknown) => e instanceof InputError && /lowercase letters, digits/.test(e.message));
  assert.throws(() => store.pathOf('a/b'), InputError);
  assert.equal(await store.exists('../app'), false);
  await assert.rejects(store.get('missing'), (e: unknown) => e instanceof NotFoundError && /no repository named "missing"/.test(e.message));
  await assert.rejects(store.delete('missing'), NotFoundError);
  await assert.rejects(store.readRefs('missing'), NotFoundError);
  const concurrent = await Promise.allSettled([store.create('race'), store.create('race')]);
  assert.deepEqual(concurrent.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
});
