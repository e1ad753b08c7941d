import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const installer = fileURLToPath(new URL('../../../scripts/install-control-plane.sh', import.meta.url));
const canDropRoot = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');

test('the installer, without root and without the parts, says so and prints the exact commands', { skip: canDropRoot ? false : 'needs root and setpriv to run the installer as an unprivileged user' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'gantry-installer-'));
  chmodSync(dir, 0o777);
  try {
    const cache = join(dir, 'cache');
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', `HOME=${dir}`, `GANTRY_CACHE_DIR=${cache}`, 'bash', installer], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /cannot install here: not running as root/);
    assert.match(r.stderr, /apt-get install -y golang-go etcd-server/);
    assert.match(r.stderr, new RegExp(`cd ${cache}/src && apt-get source kubernetes`));
    assert.match(r.stderr, /GANTRY_KUBE_APISERVER=\/path\/to\/kube-apiserver/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
