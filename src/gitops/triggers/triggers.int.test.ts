import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../core/index.js';
import { createGitReader, createGitServer, createRepoStore, type GitReader, type GitServer } from '../../git/index.js';
import type { Cluster } from '../../kube/index.js';
import { connectTestCluster, createTestRepos, eventually, testLogger, type TestRepos } from '../../testkit/index.js';
import { createApplicationController, type ApplicationController } from '../app/application-controller.js';
import { renderWithDirectory } from '../app/directory-renderer.js';
import { compareWithDiff } from '../app/diff-comparer.js';
import type { Application } from '../app/types.js';
import { createRepoPoller } from './repo-poller.js';
import { refreshFromWebhook } from './webhook-refresh.js';

// gantry's own git server (hosted repositories) and a second server standing in for GitHub: its
// URLs are not under the hosted prefix, so the reader fetches them into mirrors like any external repo.
const suffix = randomBytes(3).toString('hex');
const controlNamespace = `gantry-triggers-${suffix}`;
const destNamespace = `triggers-${suffix}`;
const webhookSecret = 'hook-secret';
const abort = new AbortController();
let dir: string;
let hosted: GitServer;
let hostedUrl: string;
let external: GitServer;
let externalUrl: string;
let externalRepos: TestRepos;
let reader: GitReader;
let hub: Cluster;
let controller: ApplicationController;

const configMap = (name: string, value: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;

async function app(name: string): Promise<Application | undefined> {
  return (await hub.api.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: controlNamespace, name })) as unknown as Application | undefined;
}

function syncedAt(name: string, commit: string, timeoutMs = 30_000): Promise<Application> {
  return eventually(`${name} Synced at ${commit.slice(0, 7)}`, async () => {
    const a = await app(name);
    return a?.status?.sync?.status === 'Synced' && a.status.sync.revision === commit && a.status.operationState?.phase !== 'Running' ? a : undefined;
  }, timeoutMs);
}

async function liveValue(name: string): Promise<string | undefined> {
  return ((await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: destNamespace, name }))?.data as Record<string, string> | undefined)?.value;
}

async function createApp(name: string, targetRevision: string, path: string): Promise<void> {
  await hub.api.apply({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: controlNamespace },
    spec: {
      project: 'default',
      source: { repoURL: `${externalUrl}/git/ext.git`, path, targetRevision },
      destination: { server: 'https://kubernetes.default.svc', namespace: destNamespace },
      syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] },
    },
  });
}

function postWebhook(payload: unknown, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(payload);
  return fetch(`${hostedUrl}/api/webhook`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }).then(async (r) => ({ status: r.status, body: await r.text() }));
}

const sign = (body: string, secret: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gantry-triggers-'));
  const log = testLogger();
  const token = randomBytes(8).toString('hex');
  const hostedStore = createRepoStore({ root: join(dir, 'hosted') });
  hosted = createGitServer({ store: hostedStore, token, readAccess: 'open', log, webhookSecrets: { github: webhookSecret, gitlab: webhookSecret } });
  hostedUrl = (await hosted.listen(0)).url;
  const externalStore = createRepoStore({ root: join(dir, 'external') });
  external = createGitServer({ store: externalStore, token, readAccess: 'open', log });
  externalUrl = (await external.listen(0)).url;
  externalRepos = createTestRepos({ dir: join(dir, 'ext-work'), store: externalStore, baseUrl: externalUrl, token });
  hub = await connectTestCluster();
  reader = createGitReader({ store: hostedStore, cacheDir: join(dir, 'cache'), log, hostedUrlPrefixes: [`${hostedUrl}/git/`] });
  controller = createApplicationController({ hub, reader, render: renderWithDirectory, compare: compareWithDiff, controlNamespace, clock: systemClock, log });
  hosted.onWebhook(async (push) => void (await refreshFromWebhook(push, { git: reader, apps: controller, log })));
  await controller.start(abort.signal);
});

after(async () => {
  await controller.stop?.();
  abort.abort();
  for (const ns of [controlNamespace, destNamespace]) await hub.api.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns });
  await hosted.close();
  await external.close();
  hub.close();
  rmSync(dir, { recursive: true, force: true });
});

test('polling an external repository refreshes only the apps whose revision moved', async () => {
  const first = await externalRepos.push('ext', { 'main-app/cm.yaml': configMap('polled', 'one'), 'dev-app/cm.yaml': configMap('dev-only', 'one') });
  await createApp('polled', 'main', 'main-app');
  await createApp('pinned', first, 'dev-app');
  await syncedAt('polled', first);
  await syncedAt('pinned', first);
  const poller = createRepoPoller({ git: reader, apps: controller, intervalMs: 3_600_000, clock: systemClock, log: testLogger() });
  assert.deepEqual(await poller.pollOnce(), { repos: 1, refreshed: 0 }, 'nothing moved: no app is refreshed');

  const second = await externalRepos.push('ext', { 'main-app/cm.yaml': configMap('polled', 'two') });
  // No trigger yet: the app stays at the first commit until a poll sees the new one.
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal((await app('polled'))?.status?.sync?.revision, first);
  assert.deepEqual(await poller.pollOnce(), { repos: 1, refreshed: 1 }, 'only the app following main moved; the pinned one did not');
  await syncedAt('polled', second);
  assert.equal(await liveValue('polled'), 'two');
  assert.equal((await app('pinned'))?.status?.sync?.revision, first);

  // The poll loop itself, on a short interval: a push lands without any call.
  const looping = createRepoPoller({ git: reader, apps: controller, intervalMs: 500, clock: systemClock, log: testLogger() });
  const stop = new AbortController();
  await looping.start(stop.signal);
  try {
    const third = await externalRepos.push('ext', { 'main-app/cm.yaml': configMap('polled', 'three') });
    await syncedAt('polled', third);
    assert.equal(await liveValue('polled'), 'three');
  } finally {
    await looping.stop?.();
  }
});

test('a signed GitHub push webhook for the external repository refreshes its apps at once; a bad signature is refused', async () => {
  const base = await externalRepos.push('ext', { 'hooked/cm.yaml': configMap('hooked', 'a') });
  await createApp('hooked', 'main', 'hooked');
  await syncedAt('hooked', base);
  const next = await externalRepos.push('ext', { 'hooked/cm.yaml': configMap('hooked', 'b') });
  const payload = {
    ref: 'refs/heads/main',
    after: next,
    // Spelled as a host would: no .git, a trailing slash; matched to the app's `.../ext.git`.
    repository: { html_url: `${externalUrl}/git/ext/`, clone_url: `${externalUrl}/git/ext`, default_branch: 'main' },
  };
  const body = JSON.stringify(payload);
  const refused = await postWebhook(payload, { 'x-github-event': 'push', 'x-hub-signature-256': sign(body, 'wrong') });
  assert.equal(refused.status, 401);
  assert.match(refused.body, /signature does not match/);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal((await app('hooked'))?.status?.sync?.revision, base, 'a refused webhook triggers nothing');

  const other = await postWebhook({ ...payload, ref: 'refs/heads/feature' }, { 'x-github-event': 'push', 'x-hub-signature-256': sign(JSON.stringify({ ...payload, ref: 'refs/heads/feature' }), webhookSecret) });
  assert.equal(other.status, 200);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal((await app('hooked'))?.status?.sync?.revision, base, 'a push to another branch does not refresh an app on main');

  const started = Date.now();
  const accepted = await postWebhook(payload, { 'x-github-event': 'push', 'x-hub-signature-256': sign(body, webhookSecret) });
  assert.equal(accepted.status, 200, accepted.body);
  await syncedAt('hooked', next, 15_000);
  assert.equal(await liveValue('hooked'), 'b');
  assert.ok(Date.now() - started < 10_000, `webhook to synced took ${Date.now() - started} ms`);

  const ping = await postWebhook({ zen: 'hi' }, { 'x-github-event': 'ping', 'x-hub-signature-256': sign(JSON.stringify({ zen: 'hi' }), webhookSecret) });
  assert.equal(ping.status, 200);
  assert.match(ping.body, /ignored/);
  const gitlab = { ref: 'refs/heads/main', project: { web_url: `${externalUrl}/git/ext`, git_http_url: `${externalUrl}/git/ext.git` } };
  assert.equal((await postWebhook(gitlab, { 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': 'wrong' })).status, 401);
  assert.equal((await postWebhook(gitlab, { 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': webhookSecret })).status, 200);
  assert.equal((await fetch(`${hostedUrl}/api/webhook`)).status, 405);
});
