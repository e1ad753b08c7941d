import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createLogger, systemClock, type LogRecord } from '../../core/index.js';
import { createGitReader, createGitServer, createRepoStore, type GitServer, type RepoStore } from '../../git/index.js';
import { createHelmRepositoryClient } from '../../helmrepo/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { connectTestCluster, createTestRepos, eventually, type TestRepos } from '../../testkit/index.js';
import { createApplicationController, type ApplicationController } from './application-controller.js';
import { createSourceRenderer } from './directory-renderer.js';
import { compareWithDiff } from './diff-comparer.js';
import type { Application } from './types.js';

// One controller for every test of this file, with a git server whose reads need the token too,
// so a repository reached as an external URL (localhost rather than 127.0.0.1) needs credentials.
const token = `tok-${randomBytes(8).toString('hex')}`;
const suffix = randomBytes(3).toString('hex');
const controlNamespace = `gantry-src-${suffix}`;
const logs: LogRecord[] = [];
let dir: string;
let store: RepoStore;
let server: GitServer;
let baseUrl: string;
let hub: Cluster;
let controller: ApplicationController;
const abort = new AbortController();
let repos: TestRepos;
const namespaces: string[] = [];

const hosted = (repo: string): string => `${baseUrl}/git/${repo}.git`;
const push = (repo: string, files: Record<string, string | null>): Promise<string> => repos.push(repo, files);

function application(name: string, spec: Partial<Application['spec']> & { destNamespace: string }): KubeObject {
  const { destNamespace, ...rest } = spec;
  namespaces.push(destNamespace);
  const destination = { server: 'https://kubernetes.default.svc', namespace: destNamespace };
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: controlNamespace }, spec: { project: 'default', destination, ...rest } };
}

async function app(name: string): Promise<Application> {
  return (await hub.api.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: controlNamespace, name })) as unknown as Application;
}

function waitApp(name: string, what: string, ok: (a: Application) => boolean, timeoutMs = 40_000): Promise<Application> {
  return eventually(`${name}: ${what}`, async () => {
    const a = await app(name);
    if (a && ok(a)) return a;
    const s = a?.status;
    throw new Error(`sync ${s?.sync?.status} op ${s?.operationState?.phase}: ${s?.operationState?.message ?? ''} conditions ${JSON.stringify(s?.conditions ?? [])}`);
  }, timeoutMs);
}

async function configMapData(namespace: string, name: string): Promise<Record<string, string> | undefined> {
  return (await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name }))?.data as Record<string, string> | undefined;
}

const cmYaml = (name: string, data: Record<string, string>): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`).join('\n')}\n`;

const chartFiles = (dirName: string): Record<string, string> => ({
  [`${dirName}/Chart.yaml`]: 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  [`${dirName}/values.yaml`]: 'color: red\nsize: small\n',
  [`${dirName}/templates/cm.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndata:\n  color: {{ .Values.color | quote }}\n  size: {{ .Values.size | quote }}\n',
  [`${dirName}/templates/shared.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  from: chart\n',
});

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gantry-src-'));
  const log = createLogger({ level: 'debug', sink: (r) => void logs.push(r) });
  store = createRepoStore({ root: join(dir, 'git') });
  server = createGitServer({ store, token, readAccess: 'token', log });
  baseUrl = (await server.listen(0)).url;
  repos = createTestRepos({ dir, store, baseUrl, token });
  hub = await connectTestCluster();
  const reader = createGitReader({ store, cacheDir: join(dir, 'cache'), log, hostedUrlPrefixes: [`${baseUrl}/git/`] });
  const render = createSourceRenderer({ helmRepos: createHelmRepositoryClient({ cacheDir: join(dir, 'helm'), log }) });
  controller = createApplicationController({ hub, reader, render, compare: compareWithDiff, controlNamespace, clock: systemClock, log });
  server.onPush((e) => controller.refreshWhere((url) => url.endsWith(`/git/${e.repo}.git`)));
  await controller.start(abort.signal);
});

after(async () => {
  const apps = await hub.api.list('argoproj.io/v1alpha1', 'Application', { namespace: controlNamespace });
  for (const a of apps.items) await hub.api.patch({ apiVersion: a.apiVersion, kind: a.kind, namespace: controlNamespace, name: a.metadata.name ?? '' }, { metadata: { finalizers: [] } }, { type: 'merge' }).catch(() => undefined);
  await controller.stop?.();
  for (const ns of [...new Set(namespaces), controlNamespace]) await hub.api.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns });
  abort.abort();
  await server.close();
  hub.close();
  rmSync(dir, { recursive: true, force: true });
});

test('multiple sources: a Helm chart takes $values files from a ref source, a Git path overrides a repeated resource, status as Argo CD writes it', async () => {
  const ns = `multi-${suffix}`;
  const chartRev = await push('ms-chart', chartFiles('chart'));
  const valuesRev = await push('ms-values', {
    'env/prod.yaml': 'color: blue\n',
    // At the root of the ref-only source: never rendered (a ref without a path renders nothing).
    'root.yaml': cmYaml('must-not-exist', { x: '1' }),
    'extra/shared.yaml': cmYaml('shared', { from: 'git' }),
  });
  const sources = [
    { repoURL: hosted('ms-chart'), path: 'chart', targetRevision: 'main', helm: { releaseName: 'ms', valueFiles: ['values.yaml', '$values/env/prod.yaml'] } },
    { repoURL: hosted('ms-values'), targetRevision: 'main', ref: 'values' },
    { repoURL: hosted('ms-values'), targetRevision: 'main', path: 'extra' },
  ];
  await hub.api.apply(application('multi', { destNamespace: ns, sources, syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] } }));
  const synced = await waitApp('multi', 'Synced with three revisions', (a) => a.status?.sync?.status === 'Synced' && a.status.operationState?.phase === 'Succeeded');
  const s = synced.status ?? {};
  assert.deepEqual(s.sync?.revisions, [chartRev, valuesRev, valuesRev]);
  assert.equal(s.sync?.revision, undefined, 'a multi-source app has revisions, not revision');
  assert.deepEqual(s.sync?.comparedTo?.sources, sources);
  assert.deepEqual(s.sourceTypes, ['Helm', 'Directory', 'Directory']);
  assert.deepEqual(s.operationState?.syncResult?.revisions, [chartRev, valuesRev, valuesRev]);
  assert.deepEqual(s.operationState?.syncResult?.sources, sources);
  assert.deepEqual(s.history?.map((h) => [h.id, h.revision, h.revisions, h.sources?.length]), [[0, undefined, [chartRev, valuesRev, valuesRev], 3]]);
  assert.deepEqual(await configMapData(ns, 'ms-settings'), { color: 'blue', size: 'small' }, 'the $values file overrides the chart values');
  assert.deepEqual(await configMapData(ns, 'shared'), { from: 'git' }, 'the last source producing a resource wins');
  assert.equal(await configMapData(ns, 'must-not-exist'), undefined);
  assert.deepEqual(s.resources?.map((r) => r.name), ['ms-settings', 'shared']);
  assert.ok(s.conditions?.some((c) => c.type === 'RepeatedResourceWarning' && c.message.includes(`/ConfigMap/${ns}/shared`)), JSON.stringify(s.conditions));

  // A push to the values repository alone re-renders the chart with the new value file.
  const valuesRev2 = await push('ms-values', { 'env/prod.yaml': 'color: green\n' });
  await eventually('the new value applied', async () => ((await configMapData(ns, 'ms-settings'))?.color === 'green' ? true : undefined), 20_000);
  const after2 = await waitApp('multi', 'Synced at the new values revision', (a) => a.status?.sync?.status === 'Synced' && a.status.sync.revisions?.[1] === valuesRev2 && a.status.history?.length === 2);
  assert.deepEqual(after2.status?.history?.[1]?.revisions, [chartRev, valuesRev2, valuesRev2]);

  // A $ref naming no source is a ComparisonError, and nothing is pruned.
  const broken = sources.map((x, i) => (i === 0 ? { ...x, helm: { valueFiles: ['$nope/env/prod.yaml'] } } : x));
  await hub.api.patch({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: controlNamespace, name: 'multi' }, { spec: { sources: broken } }, { type: 'merge' });
  await waitApp('multi', 'ComparisonError for the unknown ref', (a) => (a.status?.conditions ?? []).some((c) => c.type === 'ComparisonError' && c.message.includes('no source of this application has ref: nope')));
  assert.equal((await configMapData(ns, 'ms-settings'))?.color, 'green');
});
