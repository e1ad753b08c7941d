import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitFiles } from './commit-files.js';
import { createRepoStore } from './repo-store.js';

test('commitFiles writes a branch of a bare repository without a working copy, with a parent on the second commit', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gantry-commit-files-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const store = createRepoStore({ root: dir });
  await store.create('demo');
  const first = await commitFiles(store, 'demo', { files: { 'a.yaml': 'a: 1\n', 'apps/b.yaml': 'b: 2\n' }, message: 'first' });
  assert.equal((await store.get('demo')).head, first);
  const gitDir = store.pathOf('demo');
  const show = (spec: string): string => execFileSync('git', [`--git-dir=${gitDir}`, 'show', spec], { encoding: 'utf8' });
  assert.equal(show(`${first}:apps/b.yaml`), 'b: 2\n');
  const second = await commitFiles(store, 'demo', { files: { 'a.yaml': 'a: 3\n' }, message: 'second' });
  assert.equal(execFileSync('git', [`--git-dir=${gitDir}`, 'rev-parse', `${second}^`], { encoding: 'utf8' }).trim(), first);
  assert.equal(execFileSync('git', [`--git-dir=${gitDir}`, 'ls-tree', '-r', '--name-only', second], { encoding: 'utf8' }), 'a.yaml\n');
  await assert.rejects(commitFiles(store, 'demo', { files: { '../x': '' }, message: 'bad' }), /without \. or \.\. segments/);
});
