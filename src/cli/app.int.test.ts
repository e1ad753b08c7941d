import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { systemClock } from '../core/index.js';
import { compareWithDiff, createApplicationController, createApplicationPreview, renderWithDirectory, type Application, type ApplicationController } from '../gitops/index.js';
import type { Cluster } from '../kube/index.js';
import { connectTestCluster, eventually, startTestGitHost, testLogger, type TestGitHost } from '../testkit/index.js';
import { runAppCommand, type Apps } from './app.js';
import type { CommandIO } from './io.js';

// `gantry app diff|sync|history|rollback` against a real control plane and a real controller, in a
// control namespace of this test's own (the commands default to Argo CD's `argocd`).
const suffix = randomBytes(3).toString('hex');
const controlNamespace = `gantry-cli-apps-${suffix}`;
const ns = `cli-app-${suffix}`;
const confirmNs = `cli-confirm-${suffix}`;
const SECRET_VALUE = `s3cret-${randomBytes(4).toString('hex')}`;
let git: TestGitHost;
let hub: Cluster;
let controller: ApplicationController;
let apps: Apps;
const abort = new AbortController();

function capture(isTTY = false): CommandIO & { stdout: () => string } {
  let out = '';
  return { out: (t) => void (out += t), err: (t) => void (out += t), env: { USER: 'tester' }, isTTY, stdout: () => out };
}

async function gantryApp(args: string[], io = capture()): Promise<{ code: number; out: string }> {
  const reader = git.reader(testLogger(), 'cli-cache');
  const preview = (): ReturnType<typeof createApplicationPreview> => createApplicationPreview({ hub, reader, render: renderWithDirectory, controlNamespace, clock: systemClock, log: testLogger() });
  const code = await runAppCommand(apps, args, { io, clock: systemClock, preview });
  return { code, out: io.stdout() };
}

async function cmColor(): Promise<string | undefined> {
  return ((await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'cfg' }))?.data as Record<string, string> | undefined)?.color;
}

async function app(name: string): Promise<Application> {
  return (await hub.api.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: controlNamespace, name })) as unknown as Application;
}

const files = (color: string, password: string): Record<string, string> => ({
  'app/cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  color: ${color}\n`,
  'app/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: ${password}\n`,
});

before(async () => {
  const log = testLogger();
  git = await startTestGitHost({ prefix: 'gantry-cli-app', log });
  hub = await connectTestCluster();
  apps = { hub, namespace: controlNamespace };
  controller = createApplicationController({ hub, reader: git.reader(log), render: renderWithDirectory, compare: compareWithDiff, controlNamespace, clock: systemClock, log });
  git.server.onPush((e) => controller.refreshWhere((url) => url.endsWith(`/git/${e.repo}.git`)));
  await controller.start(abort.signal);
});

after(async () => {
  await controller.stop?.();
  for (const n of [ns, confirmNs, controlNamespace]) await hub.api.delete({ apiVersion: 'v1', kind: 'Namespace', name: n });
  abort.abort();
  await git.close();
  hub.close();
});

test('gantry app diff shows what a sync would change (coloured on a terminal, secrets masked); sync, history and rollback to a history id', async () => {
  const first = await git.push('cli-app', files('blue', SECRET_VALUE));
  const spec = { project: 'default', source: { repoURL: git.url('cli-app'), path: 'app', targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: ns }, syncPolicy: { syncOptions: ['CreateNamespace=true'] } };
  await hub.api.apply({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'cli-app', namespace: controlNamespace }, spec });
  await eventually('the app compared', async () => ((await app('cli-app'))?.status?.sync?.status === 'OutOfSync' ? true : undefined), 30_000);

  // Before the first sync, everything is to be created; the Secret's value never shows.
  const initial = await gantryApp(['diff', 'cli-app']);
  assert.equal(initial.code, 1, 'differences exit 1, as argocd app diff');
  assert.match(initial.out, new RegExp(`===== ConfigMap ${ns}/cfg =====`));
  assert.match(initial.out, new RegExp(`===== Secret ${ns}/creds =====`));
  assert.ok(!initial.out.includes(SECRET_VALUE) && !initial.out.includes(Buffer.from(SECRET_VALUE).toString('base64')), 'a Secret value never appears in a diff');

  assert.equal((await gantryApp(['sync', 'cli-app'])).code, 0);
  const clean = await gantryApp(['diff', 'cli-app']);
  assert.equal(clean.code, 0, clean.out);
  assert.match(clean.out, /no differences/);

  const second = await git.push('cli-app', files('green', `${SECRET_VALUE}-2`));
  await eventually('the new commit compared', async () => ((await app('cli-app'))?.status?.sync?.revision === second ? true : undefined), 20_000);
  const plain = await gantryApp(['diff', 'cli-app']);
  assert.equal(plain.code, 1);
  assert.match(plain.out, /- data\.color: "blue"\n\+ data\.color: "green"/);
  assert.ok(!plain.out.includes('\u001b['), 'no colour when stdout is not a terminal');
  assert.ok(!plain.out.includes(SECRET_VALUE), 'neither the old nor the new Secret value appears');
  const tty = await gantryApp(['diff', 'cli-app'], capture(true));
  assert.ok(tty.out.includes('\u001b[31m- data.color: "blue"\u001b[0m'), tty.out);
  assert.ok(tty.out.includes('\u001b[32m+ data.color: "green"\u001b[0m'), tty.out);
  assert.ok((await gantryApp(['diff', 'cli-app', '--color'])).out.includes('\u001b[1m===== ConfigMap'), 'bold headers with --color');
  // At the first commit (what is live), there is nothing to change.
  const atFirst = await gantryApp(['diff', 'cli-app', '--revision', first]);
  assert.equal(atFirst.code, 0, atFirst.out);

  assert.equal((await gantryApp(['sync', 'cli-app'])).code, 0);
  const history = await gantryApp(['history', 'cli-app']);
  assert.deepEqual(history.out.trim().split('\n').map((l) => l.split(/\s+/)[0] + ' ' + l.split(/\s+/).pop()), [`0 ${first}`, `1 ${second}`]);

  // Rollback to id 0: the first commit's manifests from the entry's source; the app is then OutOfSync with its spec.
  const rolled = await gantryApp(['rollback', 'cli-app', '0']);
  assert.equal(rolled.code, 0, rolled.out);
  assert.equal(await cmColor(), 'blue');
  const after = await eventually('OutOfSync with the spec after the rollback', async () => {
    const a = await app('cli-app');
    return a.status?.sync?.status === 'OutOfSync' && a.status.sync.revision === second ? a : undefined;
  }, 20_000);
  const entry = after.status?.history?.[2];
  assert.equal(entry?.revision, first);
  assert.deepEqual(entry?.source, spec.source);
  assert.equal(after.status?.operationState?.syncResult?.revision, first);

  await assert.rejects(gantryApp(['rollback', 'cli-app', '99']), /does not have deployment with id 99 \(history ids: 0, 1, 2\)/);
  // While automated sync is on, a rollback is refused (the next automated sync would undo it).
  await hub.api.patch({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: controlNamespace, name: 'cli-app' }, { spec: { syncPolicy: { automated: {} } } }, { type: 'merge' });
  await assert.rejects(gantryApp(['rollback', 'cli-app', '0']), /rollback cannot be initiated when auto-sync is enabled/);
});

test('a rollback operation written directly while automated sync is on fails with the reason and changes nothing', async () => {
  const ref = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: controlNamespace, name: 'cli-app' };
  const current = await app('cli-app');
  const target = current.status?.history?.[0];
  assert.ok(target?.source, 'the first test left history');
  await eventually('automated sync brought the app back to its spec', async () => ((await cmColor()) === 'green' ? true : undefined), 20_000);
  await hub.api.patch(ref, { operation: { sync: { revision: target.revision, source: target.source }, initiatedBy: { username: 'direct' } } }, { type: 'merge' });
  const refused = await eventually('the rollback refused', async () => {
    const a = await app('cli-app');
    const s = a.status?.operationState;
    return !a.operation && s?.operation.initiatedBy?.username === 'direct' ? s : undefined;
  }, 20_000);
  assert.equal(refused.phase, 'Failed');
  assert.match(refused.message ?? '', /rollback cannot be initiated when auto-sync is enabled/);
  assert.equal(await cmColor(), 'green');
});

test('gantry app sync --prune stops at a Prune=confirm resource and says how to go on; gantry app confirm-deletion lets the sync finish', async () => {
  const cm = (name: string, options = ''): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${options ? `  annotations:\n    argocd.argoproj.io/sync-options: ${options}\n` : ''}data:\n  a: b\n`;
  await git.push('cli-confirm', { 'app/keep.yaml': cm('keep'), 'app/guarded.yaml': cm('guarded', 'Prune=confirm') });
  const spec = { project: 'default', source: { repoURL: git.url('cli-confirm'), path: 'app', targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: confirmNs }, syncPolicy: { syncOptions: ['CreateNamespace=true'] } };
  await hub.api.apply({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'cli-confirm', namespace: controlNamespace }, spec });
  assert.equal((await gantryApp(['sync', 'cli-confirm'])).code, 0);
  const second = await git.push('cli-confirm', { 'app/guarded.yaml': null });
  await eventually('the removal compared', async () => ((await app('cli-confirm'))?.status?.sync?.revision === second ? true : undefined), 20_000);

  const waiting = await gantryApp(['sync', 'cli-confirm', '--prune']);
  assert.equal(waiting.code, 1);
  assert.match(waiting.out, /Running: waiting for pruning confirmation of \/ConfigMap\/guarded\n/);
  assert.match(waiting.out, /confirm the prunes with gantry app confirm-deletion cli-confirm/);
  const guarded = { apiVersion: 'v1', kind: 'ConfigMap', namespace: confirmNs, name: 'guarded' };
  assert.ok(await hub.api.get(guarded), 'nothing pruned yet');

  const confirmed = await gantryApp(['confirm-deletion', 'cli-confirm']);
  assert.equal(confirmed.code, 0, confirmed.out);
  assert.match((await app('cli-confirm')).metadata.annotations?.['argocd.argoproj.io/deletion-approved'] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const done = await eventually('the sync finished after confirmation', async () => {
    const s = (await app('cli-confirm')).status?.operationState;
    return s?.phase === 'Succeeded' && s.syncResult?.revision === second ? s : undefined;
  }, 20_000);
  assert.equal(done.syncResult?.resources?.find((r) => r.name === 'guarded')?.status, 'Pruned');
  await eventually('guarded deleted', async () => ((await hub.api.get(guarded)) ? undefined : true), 20_000);

  // --force asks for the operation's forced strategy, as argocd app sync --force.
  assert.equal((await gantryApp(['sync', 'cli-confirm', '--force'])).code, 0);
  assert.deepEqual((await app('cli-confirm')).status?.operationState?.operation.sync?.syncStrategy, { hook: { force: true } });
  await assert.rejects(gantryApp(['confirm-deletion', 'no-such-app']), /no application no-such-app/);
});
