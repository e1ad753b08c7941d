import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir, findBinaries } from './binaries.js';

function fakeExecutable(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

test('findBinaries prefers explicit paths, then environment, then the cache, and reports what is missing', () => {
  const root = mkdtempSync(join(tmpdir(), 'gantry-bin-'));
  try {
    const cache = join(root, 'cache');
    const built = join(cache, 'kubernetes-1.20.2', 'bin');
    const apiserver = fakeExecutable(built, 'kube-apiserver');
    const kcm = fakeExecutable(built, 'kube-controller-manager');
    const etcd = fakeExecutable(join(root, 'path'), 'etcd');
    const env = { GANTRY_CACHE_DIR: cache, PATH: join(root, 'path') };
    assert.deepEqual(findBinaries({ env }), { ok: true, value: { etcd, apiserver, controllerManager: kcm } });
    const other = fakeExecutable(join(root, 'other'), 'kube-apiserver');
    const viaEnv = findBinaries({ env: { ...env, GANTRY_KUBE_APISERVER: other } });
    assert.equal(viaEnv.ok && viaEnv.value.apiserver, other);
    const missing = findBinaries({ env, explicit: { controllerManager: '/nope/kcm' } });
    assert.equal(missing.ok, false);
    assert.match(missing.ok ? '' : missing.error, /kube-controller-manager \(looked in: \/nope\/kcm\)/);
    assert.match(missing.ok ? '' : missing.error, /install-control-plane\.sh/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('cacheDir follows GANTRY_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
  assert.equal(cacheDir({ GANTRY_CACHE_DIR: '/c' }), '/c');
  assert.equal(cacheDir({ XDG_CACHE_HOME: '/x' }), '/x/gantry');
  assert.equal(cacheDir({ HOME: '/home/u' }), '/home/u/.cache/gantry');
});
