import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreeBase } from '../local/index.js';
import { gantry, run, waitFor, type Run } from './cli-rig.js';

test('up creates the demo repository and its app-of-apps once, prints where to look, and the apps reach hub and spoke', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gantry-quickstart-'));
  const base = await findFreeBase(6);
  const kubectl = (...args: string[]): Promise<Run> => run('kubectl', ['--kubeconfig', join(dir, 'kubeconfig'), ...args], 60_000);
  try {
    const up = await gantry(['up', '--data-dir', dir, '--port-base', String(base), '--spokes', 'dev', '--no-install']);
    assert.equal(up.code, 0, up.stdout + up.stderr);
    assert.match(up.stdout, new RegExp(`Demo: repository demo \\(http://127.0.0.1:${base + 2}/git/demo.git\\) holds an app-of-apps`));
    assert.match(up.stdout, /deploys guestbook-hub, guestbook-dev, hello-dev/);
    assert.match(up.stdout, /kubectl --context gantry-dev get deploy,svc,cm -n guestbook/);
    const repos = await gantry(['repo', 'list', '--data-dir', dir]);
    const head = /^demo\s+([0-9a-f]{12})/m.exec(repos.stdout)?.[1];
    assert.ok(head, repos.stdout);
    const root = await kubectl('get', 'application', 'demo', '-n', 'argocd', '-o', 'jsonpath={.spec.source.path}');
    assert.equal(root.stdout, 'apps', root.stderr);

    // The root app creates the children; they deliver to the hub and the spoke (no waiting in up itself).
    await waitFor('the demo apps Synced', async () => {
      const list = (await gantry(['app', 'list', '--data-dir', dir])).stdout;
      return ['demo', 'guestbook-hub', 'guestbook-dev', 'hello-dev'].every((name) => new RegExp(`^${name}\\s+Synced`, 'm').test(list)) ? true : undefined;
    }, 120_000);
    assert.match((await kubectl('--context', 'gantry-dev', 'get', 'deploy', 'frontend', '-n', 'guestbook', '-o', 'name')).stdout, /deployment.apps\/frontend/);
    assert.match((await kubectl('get', 'svc', 'redis', '-n', 'guestbook', '-o', 'name')).stdout, /service\/redis/);

    const plan = await gantry(['plan', 'demo', 'main', '--data-dir', dir]);
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
    assert.match(plan.stdout, /Application guestbook-dev \(cluster dev, namespace guestbook\) at [0-9a-f]{7} -> [0-9a-f]{7}: no changes/);
    assert.match(plan.stdout, /Plan of demo at main: 4 applications, 0 would change\. Nothing was applied\./);

    assert.equal((await gantry(['down', '--data-dir', dir])).code, 0);
    const again = await gantry(['up', '--data-dir', dir, '--port-base', String(base), '--spokes', 'dev', '--no-install']);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match((await gantry(['repo', 'list', '--data-dir', dir])).stdout, new RegExp(`^demo\\s+${head}`, 'm'), 'a second up adds no commit');
    assert.doesNotMatch(readFileSync(join(dir, 'logs', 'gantry.log'), 'utf8'), /demo not created/);
  } finally {
    await gantry(['down', '--data-dir', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});
