import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCatFileBatch } from './cat-file-batch.js';
import { gitEnvironment } from './git-command.js';
import { commitFiles } from './commit-files.js';
import { createRepoStore } from './repo-store.js';

/** The pids of cat-file processes reading `gitDir`. */
function catFiles(gitDir: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmd.includes(`--git-dir=${gitDir}\0cat-file`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

test('cat-file batch: one long-lived process per mode, pipelined requests, restart after git dies, nothing left after close', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gantry-cat-file-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const store = createRepoStore({ root: dir });
  await store.create('r');
  const big = 'x'.repeat(300_000);
  const commit = await commitFiles(store, 'r', { files: { 'a.txt': 'alpha', 'big.txt': big }, message: 'm' });
  const gitDir = store.pathOf('r');
  const batch = createCatFileBatch({ gitDir, env: gitEnvironment(process.env) });

  const [a, b, missing] = await Promise.all([batch.read([`${commit}:a.txt`]), batch.read([`${commit}:big.txt`]), batch.info([`${commit}:nope`, `${commit}:a.txt`])]);
  assert.equal(a[0] && 'content' in a[0] && a[0].content.toString(), 'alpha');
  assert.equal(b[0] && 'content' in b[0] && b[0].content.length, big.length);
  assert.deepEqual(missing.map((m) => ('missing' in m ? 'missing' : m.type)), ['missing', 'blob']);
  for (let i = 0; i < 20; i++) await batch.read([`${commit}:a.txt`]);
  assert.equal(catFiles(gitDir).length, 2, 'one --batch and one --batch-check, reused');

  for (const pid of catFiles(gitDir)) process.kill(pid, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 200));
  const again = await batch.read([`${commit}:a.txt`]);
  assert.equal(again[0] && 'content' in again[0] && again[0].content.toString(), 'alpha', 'a new process answers after the old one died');

  await batch.close();
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(catFiles(gitDir), []);
  await assert.rejects(batch.read(['a\nb']), /single lines/);
});
