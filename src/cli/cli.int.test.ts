import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreeBase } from '../local/index.js';
import { CLI_ENTRY } from './paths.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function gantry(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI_ENTRY, ...args], { env: { ...process.env, ...env }, timeout: 240_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Processes whose command line names this data directory: none may survive a failed start or a down. */
function processesUsing(dataDir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmd.includes(dataDir)) found.push(`${pid}: ${cmd.slice(0, 120)}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'gantry-cli-'));
}

test('up refuses a busy port, names it, and starts nothing', async () => {
  const dir = tempDataDir();
  const base = await findFreeBase(5);
  const blocker = net.createServer().listen(base + 3, '127.0.0.1');
  try {
    const r = await gantry(['up', '--data-dir', dir, '--port-base', String(base), '--no-install']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`port already in use: ${base + 3} \\(hub apiserver\\)`));
    assert.match(r.stderr, /already in use/);
    assert.match(r.stderr, /--port-base/);
    assert.deepEqual(processesUsing(dir), []);
  } finally {
    blocker.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('up names a missing binary, where it looked, and how to install it', async () => {
  const dir = tempDataDir();
  const base = await findFreeBase(5);
  try {
    const r = await gantry(['up', '--data-dir', dir, '--port-base', String(base), '--no-install', '--kube-apiserver', '/nonexistent/kube-apiserver']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /missing control plane binaries: kube-apiserver \(looked in: \/nonexistent\/kube-apiserver\)/);
    assert.match(r.stderr, /install-control-plane\.sh/);
    assert.match(r.stderr, /GANTRY_KUBE_APISERVER=/);
    assert.deepEqual(processesUsing(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('up rejects a data directory that is a file', async () => {
  const dir = tempDataDir();
  const file = join(dir, 'not-a-dir');
  writeFileSync(file, 'x');
  try {
    const r = await gantry(['up', '--data-dir', file, '--no-install']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /is a file, not a folder/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('up on corrupt etcd data says the data may be corrupt and leaves no process behind', async () => {
  const dir = tempDataDir();
  const base = await findFreeBase(5);
  mkdirSync(join(dir, 'etcd', 'member', 'snap'), { recursive: true });
  mkdirSync(join(dir, 'etcd', 'member', 'wal'), { recursive: true });
  writeFileSync(join(dir, 'etcd', 'member', 'snap', 'db'), 'this is not a bolt database'.repeat(100));
  writeFileSync(join(dir, 'etcd', 'member', 'wal', '0000000000000000-0000000000000000.wal'), 'garbage'.repeat(100));
  try {
    const r = await gantry(['up', '--data-dir', dir, '--port-base', String(base), '--no-install']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /etcd exited during start-up/);
    assert.match(r.stderr, /may be corrupt: move that folder away/);
    assert.deepEqual(processesUsing(dir), []);
    const status = await gantry(['status', '--data-dir', dir]);
    assert.equal(status.code, 3);
    assert.match(status.stdout, /not running.*last start failed/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('up rejects a corrupt admin token file before starting anything', async () => {
  const dir = tempDataDir();
  const base = await findFreeBase(5);
  mkdirSync(join(dir, 'clusters', 'hub'), { recursive: true });
  writeFileSync(join(dir, 'clusters', 'hub', 'tokens.csv'), '\n\n');
  try {
    const r = await gantry(['up', '--data-dir', dir, '--port-base', String(base), '--no-install']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /tokens\.csv holds no admin token/);
    assert.deepEqual(processesUsing(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('up with spokes, second up refused, git round trip, and down then up keeps every object', async () => {
  const dir = tempDataDir();
  const base = await findFreeBase(6);
  const kubeconfig = join(dir, 'kubeconfig');
  const kubectl = (...args: string[]): Promise<Run> => run('kubectl', ['--kubeconfig', kubeconfig, ...args]);
  try {
    const up = await gantry(['up', '--data-dir', dir, '--port-base', String(base), '--spokes', 'dev', '--no-install']);
    assert.equal(up.code, 0, up.stdout + up.stderr);
    assert.match(up.stdout, /Pods are simulated: no containers run/);
    assert.match(up.stdout, new RegExp(`export KUBECONFIG=${kubeconfig}`));

    const second = await gantry(['up', '--data-dir', dir, '--port-base', String(base + 10), '--no-install']);
    assert.equal(second.code, 4, second.stderr);
    assert.match(second.stderr, /already running on data directory/);

    const ns = await kubectl('get', 'ns', '-o', 'name');
    assert.equal(ns.code, 0, ns.stderr);
    assert.match(ns.stdout, /namespace\/kube-system/);
    assert.equal((await kubectl('create', 'configmap', 'keep-me', '--from-literal=a=1')).code, 0);
    assert.equal((await kubectl('--context', 'gantry-dev', 'create', 'configmap', 'keep-me-too', '--from-literal=b=2')).code, 0);
    const nodes = await kubectl('--context', 'gantry-dev', 'get', 'nodes', '-o', 'name');
    assert.match(nodes.stdout, /node\/gantry-sim-0/);

    const repo = await gantry(['repo', 'create', 'apps', '--data-dir', dir]);
    assert.equal(repo.code, 0, repo.stderr);
    const token = readFileSync(join(dir, 'git-token'), 'utf8').trim();
    const work = join(dir, 'work');
    assert.equal((await run('git', ['clone', '-q', `http://127.0.0.1:${base + 2}/git/apps.git`, work])).code, 0);
    writeFileSync(join(work, 'app.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-git\ndata:\n  source: git\n');
    const g = (...args: string[]): Promise<Run> => run('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args]);
    assert.equal((await g('add', '.')).code, 0);
    assert.equal((await g('commit', '-qm', 'first')).code, 0);
    const push = await g('push', '-q', `http://gantry:${token}@127.0.0.1:${base + 2}/git/apps.git`, 'HEAD:main');
    assert.equal(push.code, 0, push.stderr);
    assert.doesNotMatch(readFileSync(join(dir, 'logs', 'gantry.log'), 'utf8'), new RegExp(token));

    const application = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: apps
  namespace: argocd
spec:
  project: default
  source: {repoURL: 'http://127.0.0.1:${base + 2}/git/apps.git', path: ., targetRevision: main}
  destination: {server: 'https://kubernetes.default.svc', namespace: delivered}
  syncPolicy: {automated: {prune: true}, syncOptions: [CreateNamespace=true]}
`;
    writeFileSync(join(dir, 'application.yaml'), application);
    const applied = await kubectl('apply', '-f', join(dir, 'application.yaml'));
    assert.equal(applied.code, 0, applied.stderr);
    let listed = '';
    for (let i = 0; i < 100 && !/apps\s+Synced\s+Healthy/.test(listed); i++) {
      await new Promise((r) => setTimeout(r, 200));
      listed = (await gantry(['app', 'list', '--data-dir', dir])).stdout;
    }
    assert.match(listed, /apps\s+Synced\s+Healthy/);
    assert.match((await kubectl('get', 'configmap', 'from-git', '-n', 'delivered', '-o', 'jsonpath={.data.source}')).stdout, /^git$/);
    const toSpoke = application.replace('name: apps\n', 'name: apps-dev\n').replace("server: 'https://kubernetes.default.svc'", 'name: dev');
    writeFileSync(join(dir, 'application-dev.yaml'), toSpoke);
    assert.equal((await kubectl('apply', '-f', join(dir, 'application-dev.yaml'))).code, 0);
    let onSpoke = '';
    for (let i = 0; i < 100 && onSpoke !== 'git'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      onSpoke = (await kubectl('--context', 'gantry-dev', 'get', 'configmap', 'from-git', '-n', 'delivered', '-o', 'jsonpath={.data.source}')).stdout;
    }
    assert.equal(onSpoke, 'git', 'an Application delivers to a local spoke by its cluster name');

    // The spoke was registered through the fleet's registration path, and clusters come and go with registrations.
    const clusters = await gantry(['cluster', 'list', '--data-dir', dir]);
    assert.equal(clusters.code, 0, clusters.stderr);
    assert.match(clusters.stdout, /^dev\s+https:\/\/127\.0\.0\.1:\d+\s+environment=dev,cluster-type=spoke,tenant=platform-team,\+3\s+Successful\s+v1\.20\.2\s+\d+s ago$/m);
    assert.match((await kubectl('get', 'secret', 'cluster-registration-dev', '-n', 'gantry-fleet', '-o', 'name')).stdout, /secret\/cluster-registration-dev/);
    const pretend = { cluster_name: 'pretend', cluster_endpoint: 'https://127.0.0.1:1', labels: { 'cluster-type': 'spoke', enable_metrics_server: 'true' }, annotations: { addons_repo_basepath: 'gitops/addons/' } };
    writeFileSync(join(dir, 'pretend.json'), JSON.stringify(pretend));
    const registered = await gantry(['cluster', 'register', join(dir, 'pretend.json'), '--name', 'pretend-2', '--data-dir', dir]);
    assert.equal(registered.code, 0, registered.stdout + registered.stderr);
    assert.match(registered.stdout, /Registered: registered as cluster pretend-2 \(https:\/\/127\.0\.0\.1:1\)/);
    assert.match((await kubectl('get', 'secret', 'cluster-pretend-2', '-n', 'argocd', '-o', 'jsonpath={.metadata.labels.enable_metrics_server}')).stdout, /^true$/);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...pretend, labels: { tier: 'no spaces allowed' } }));
    const bad = await gantry(['cluster', 'register', join(dir, 'bad.json'), '--data-dir', dir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.json: labels\.tier: value "no spaces allowed" is not a valid label value/);
    assert.equal((await gantry(['cluster', 'deregister', 'pretend-2', '--data-dir', dir])).code, 0);
    let gone = '';
    for (let i = 0; i < 50 && !/NotFound/.test(gone); i++) {
      await new Promise((r) => setTimeout(r, 200));
      gone = (await kubectl('get', 'secret', 'cluster-pretend-2', '-n', 'argocd')).stderr;
    }
    assert.match(gone, /NotFound/);
    assert.equal((await gantry(['cluster', 'deregister', 'pretend-2', '--data-dir', dir])).code, 3);
    const got = await gantry(['app', 'get', 'apps', '--data-dir', dir]);
    assert.match(got.stdout, /ConfigMap\/from-git\s+delivered\s+Synced/);
    // app diff renders from the data directory's repositories, as the running instance does: nothing to change.
    const diff = await gantry(['app', 'diff', 'apps', '--data-dir', dir]);
    assert.equal(diff.code, 0, `${diff.stdout}${diff.stderr}`);
    assert.match(diff.stdout, /apps is in sync: no differences/);

    const down = await gantry(['down', '--data-dir', dir]);
    assert.equal(down.code, 0, down.stderr);
    assert.deepEqual(processesUsing(dir), []);

    const again = await gantry(['up', '--data-dir', dir, '--port-base', String(base), '--spokes', 'dev', '--no-install']);
    assert.equal(again.code, 0, again.stderr);
    assert.match((await kubectl('get', 'configmap', 'keep-me', '-o', 'jsonpath={.data.a}')).stdout, /^1$/);
    assert.match((await kubectl('--context', 'gantry-dev', 'get', 'configmap', 'keep-me-too', '-o', 'jsonpath={.data.b}')).stdout, /^2$/);
    const list = await gantry(['repo', 'list', '--data-dir', dir]);
    assert.match(list.stdout, /^apps\s+[0-9a-f]{12}/m);
    const status = await gantry(['status', '--data-dir', dir]);
    assert.equal(status.code, 0);
    assert.match(status.stdout, /hub .* ready \(v1\.20\.2\)/);
    assert.match(status.stdout, /dev .* ready \(v1\.20\.2\)/);
  } finally {
    await gantry(['down', '--data-dir', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});
