import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../core/index.js';
import { createGitReader, createGitServer, createRepoStore, type GitReader, type GitServer, type RepoStore } from '../../git/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import type { Runnable } from '../../runtime/index.js';
import { createSimulatedNodes } from '../../simnodes/index.js';
import { connectTestCluster, createTestRepos, eventually, testLogger, type TestRepos } from '../../testkit/index.js';
import { createApplicationController, type ApplicationController } from './application-controller.js';
import { renderWithDirectory } from './directory-renderer.js';
import { compareWithDiff } from './diff-comparer.js';
import type { Application } from './types.js';

const token = randomBytes(8).toString('hex');
const suffix = randomBytes(3).toString('hex');
const controlNamespace = `gantry-resume-${suffix}`;
let dir: string;
let store: RepoStore;
let server: GitServer;
let baseUrl: string;
let hub: Cluster;
let reader: GitReader;
let sim: Runnable;
const abort = new AbortController();
let repos: TestRepos;
const push = (repo: string, files: Record<string, string | null>): Promise<string> => repos.push(repo, files);
const namespaces: string[] = [];
const log = testLogger();

function startController(): ApplicationController {
  const c = createApplicationController({ hub, reader, render: renderWithDirectory, compare: compareWithDiff, controlNamespace, clock: systemClock, log });
  server.onPush((e) => c.refreshWhere((url) => url.endsWith(`/git/${e.repo}.git`)));
  return c;
}

function appManifest(name: string, repoURL: string, ns: string, syncPolicy: Record<string, unknown>): KubeObject {
  namespaces.push(ns);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: controlNamespace },
    spec: { project: 'default', source: { repoURL, path: 'app', targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: ns }, syncPolicy },
  };
}

async function app(name: string): Promise<Application> {
  return (await hub.api.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: controlNamespace, name })) as unknown as Application;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gantry-resume-'));
  store = createRepoStore({ root: join(dir, 'git') });
  server = createGitServer({ store, token, readAccess: 'open', log });
  baseUrl = (await server.listen(0)).url;
  repos = createTestRepos({ dir, store, baseUrl, token });
  hub = await connectTestCluster();
  sim = createSimulatedNodes({ cluster: hub, count: 2, clock: systemClock, log });
  await sim.start(abort.signal);
  reader = createGitReader({ store, cacheDir: join(dir, 'cache'), log, hostedUrlPrefixes: [`${baseUrl}/git/`] });
});

after(async () => {
  for (const ns of [...new Set(namespaces), controlNamespace]) await hub.api.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns });
  await sim.stop?.();
  abort.abort();
  await server.close();
  hub.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a controller restart mid-sync resumes the operation: later waves still run, hooks are not run twice', async () => {
  const ns = `resume-${suffix}`;
  const slow = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: slow\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: slow}\n  template:\n    metadata:\n      labels: {app: slow}\n      annotations: {gantry.io/sim-ready-after-ms: "4000"}\n    spec:\n      containers:\n      - name: main\n        image: nginx:1.25\n`;
  const hook = `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: prepare\n  annotations:\n    argocd.argoproj.io/hook: PreSync\nspec:\n  template:\n    metadata:\n      labels: {hook: prepare}\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: m\n        image: busybox\n`;
  const late = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after-slow\n  annotations:\n    argocd.argoproj.io/sync-wave: "1"\ndata:\n  a: "1"\n`;
  await push('resume', { 'app/slow.yaml': slow, 'app/hook.yaml': hook, 'app/late.yaml': late });
  const first = startController();
  await first.start(abort.signal);
  await hub.api.apply(appManifest('resume', `${baseUrl}/git/resume.git`, ns, { automated: {}, syncOptions: ['CreateNamespace=true'] }));
  await eventually('wave 0 applied and waiting for health', async () => {
    const a = await app('resume');
    const applied = a?.status?.operationState?.syncResult?.resources?.some((r) => r.kind === 'Deployment' && r.status === 'Synced');
    return a?.status?.operationState?.phase === 'Running' && applied ? true : undefined;
  }, 30_000);
  await first.stop?.();
  assert.equal(await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'after-slow' }), undefined, 'wave 1 waits for wave 0 to be healthy');

  const second = startController();
  await second.start(abort.signal);
  try {
    const done = await eventually('operation Succeeded after the restart', async () => {
      const a = await app('resume');
      return a?.status?.operationState?.phase === 'Succeeded' ? a : undefined;
    }, 40_000);
    assert.ok(await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'after-slow' }));
    const jobs = await hub.api.list('batch/v1', 'Job', { namespace: ns });
    assert.equal(jobs.items.length, 1, 'the PreSync hook ran once');
    const pods = await hub.api.list('v1', 'Pod', { namespace: ns, labelSelector: 'hook=prepare' });
    assert.equal(pods.items.length, 1, 'the hook Job was not re-created');
    assert.equal(done.status?.history?.length, 1);
  } finally {
    await second.stop?.();
  }
});

test('an unreachable git server and a failing apply keep what runs; retries follow the backoff', async () => {
  const ns = `retry-${suffix}`;
  const controller = startController();
  await controller.start(abort.signal);
  try {
    await hub.api.apply(appManifest('unreachable', 'http://127.0.0.1:9/git/nothing.git', ns, { automated: {} }));
    const down = await eventually('ComparisonError for the unreachable repo', async () => {
      const a = await app('unreachable');
      return (a?.status?.conditions ?? []).find((c) => c.type === 'ComparisonError');
    }, 30_000);
    assert.match(down.message, /127\.0\.0\.1:9/);

    const bad = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: invalid\nspec:\n  replicas: 1\n`;
    await push('retry', { 'app/ok.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\ndata:\n  a: "1"\n`, 'app/bad.yaml': bad });
    await hub.api.apply(appManifest('retry', `${baseUrl}/git/retry.git`, ns, { automated: {}, syncOptions: ['CreateNamespace=true'], retry: { limit: 2, backoff: { duration: '1s', factor: 2, maxDuration: '5s' } } }));
    const failed = await eventually('sync Failed after 2 retries', async () => {
      const a = await app('retry');
      const s = a?.status?.operationState;
      return s?.phase === 'Failed' && s.retryCount === 2 ? s : undefined;
    }, 40_000);
    const invalid = failed.syncResult?.resources?.find((r) => r.name === 'invalid');
    assert.equal(invalid?.status, 'SyncFailed');
    assert.match(invalid?.message ?? '', /selector/);
  } finally {
    await controller.stop?.();
  }
});
