import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataLayout } from './layout.js';
import { acquireLock, assertNotRunning, prepareDataDir, readInstanceState } from './instance.js';

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'gantry-inst-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a corrupt state.json is reported with the file and what to do', () => {
  withDir((dir) => {
    const layout = dataLayout(dir);
    prepareDataDir(layout);
    assert.equal(readInstanceState(layout), undefined);
    writeFileSync(layout.stateFile, '{"pid": 12, "pha');
    assert.throws(() => readInstanceState(layout), (e: Error) => e.name === 'InputError' && e.message.includes('state.json is not valid JSON') && e.message.includes('delete that file'));
    writeFileSync(layout.stateFile, '{"hello": 1}');
    assert.throws(() => readInstanceState(layout), /lacks pid or phase/);
  });
});

test('the lock refuses a live holder and takes over a stale one', () => {
  withDir((dir) => {
    const layout = dataLayout(dir);
    prepareDataDir(layout);
    writeFileSync(layout.lockFile, `${process.ppid}\n`);
    assert.throws(() => assertNotRunning(layout), (e: Error) => e.name === 'ConflictError' && e.message.includes(`pid ${process.ppid}`) && e.message.includes('gantry down'));
    writeFileSync(layout.lockFile, '999999999\n');
    const release = acquireLock(layout);
    assert.equal(existsSync(layout.lockFile), true);
    release();
    assert.equal(existsSync(layout.lockFile), false);
  });
});
