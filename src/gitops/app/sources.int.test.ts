import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createLogger, type LogRecord } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { eventually, gzippedTar } from '../../testkit/index.js';
import { configMapYaml as cmYaml, createAppRig } from './int-rig.js';
import { rollbackOperation } from './rollback.js';
import type { Application } from './types.js';

// One controller for every test of this file, with a git server whose reads need the token too,
// so a repository reached as an external URL (localhost rather than 127.0.0.1) needs credentials.
const logs: LogRecord[] = [];
const rig = createAppRig({ name: 'src', render: 'helm-repositories', readAccess: 'token', log: createLogger({ level: 'debug', sink: (r) => void logs.push(r) }), waitMs: 40_000 });
const { suffix, controlNamespace } = rig;
let hub: Cluster;

const hosted = (repo: string): string => rig.git.url(repo);
const push = rig.push;
const application = rig.application;
const app = rig.getApp;
const waitApp = rig.waitApp;

async function configMapData(namespace: string, name: string): Promise<Record<string, string> | undefined> {
  return (await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name }))?.data as Record<string, string> | undefined;
}

const chartFiles = (dirName: string): Record<string, string> => ({
  [`${dirName}/Chart.yaml`]: 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  [`${dirName}/values.yaml`]: 'color: red\nsize: small\n',
  [`${dirName}/templates/cm.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndata:\n  color: {{ .Values.color | quote }}\n  size: {{ .Values.size | quote }}\n',
  [`${dirName}/templates/shared.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  from: chart\n',
});

before(async () => {
  ({ hub } = await rig.start());
});

after(() => rig.stop());

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
  await hub.api.patch(rig.appRef('multi'), { spec: { sources: broken } }, { type: 'merge' });
  await waitApp('multi', 'ComparisonError for the unknown ref', (a) => (a.status?.conditions ?? []).some((c) => c.type === 'ComparisonError' && c.message.includes('no source of this application has ref: nope')));
  assert.equal((await configMapData(ns, 'ms-settings'))?.color, 'green');
});

const HELM_USER = 'charts-reader';
const HELM_PASSWORD = `helm-${randomBytes(6).toString('hex')}`;

/** A Helm HTTP repository with one chart, `private`, that answers only with basic auth. */
async function startPrivateHelmRepo(): Promise<{ url: string; server: Server }> {
  const archive = gzippedTar({
    'private/Chart.yaml': 'apiVersion: v2\nname: private\nversion: 1.0.0\n',
    'private/values.yaml': 'greeting: hello\n',
    'private/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-private-chart\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
  });
  const index = 'apiVersion: v1\nentries:\n  private:\n    - name: private\n      version: 1.0.0\n      urls: [charts/private-1.0.0.tgz]\n';
  const expected = `Basic ${Buffer.from(`${HELM_USER}:${HELM_PASSWORD}`).toString('base64')}`;
  const server = createServer((req, res) => {
    if (req.headers.authorization !== expected) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="charts"' }).end('unauthorized');
    if (req.url === '/repo/index.yaml') return void res.writeHead(200).end(index);
    if (req.url === '/repo/charts/private-1.0.0.tgz') return void res.writeHead(200).end(archive);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/repo`, server };
}

function repoSecret(name: string, type: 'repository' | 'repo-creds', data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: controlNamespace, labels: { 'argocd.argoproj.io/secret-type': type } }, stringData: data } as KubeObject;
}

/** Nothing the controller wrote or logged carries a credential. */
async function assertNoSecretLeaks(appName: string, secrets: string[]): Promise<void> {
  const written = JSON.stringify(await app(appName));
  const logged = JSON.stringify(logs);
  for (const s of secrets) {
    assert.ok(!written.includes(s), `the Application ${appName} must not carry a credential`);
    assert.ok(!logged.includes(s), 'no log record may carry a credential');
  }
}

test('repository credentials: an external Git repo needs them; a credential template by URL prefix, then a repository secret with a wrong password, never leaking', async () => {
  const ns = `creds-git-${suffix}`;
  const rev = await push('private-src', { 'app/cm.yaml': cmYaml('private-cm', { secret: 'no' }) });
  // localhost is not under the reader's hosted prefix (127.0.0.1): gantry fetches it as an external repository, over HTTP.
  const external = `${rig.git.baseUrl.replace('127.0.0.1', 'localhost')}/git/private-src.git`;
  const source = { repoURL: external, path: 'app', targetRevision: 'main' };
  await hub.api.apply(application('private-git', { destNamespace: ns, source, syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] } }));
  const denied = await waitApp('private-git', 'a ComparisonError without credentials', (a) => (a.status?.conditions ?? []).some((c) => c.type === 'ComparisonError'));
  assert.match(JSON.stringify(denied.status?.conditions), /authentication required/);

  await hub.api.apply(repoSecret('org-creds', 'repo-creds', { url: `${rig.git.baseUrl.replace('127.0.0.1', 'localhost')}/git/`, username: 'gantry', password: rig.git.token }));
  await rig.refreshApp('private-git', 'hard');
  await waitApp('private-git', 'Synced through the credential template', (a) => a.status?.sync?.status === 'Synced' && a.status.sync.revision === rev && a.status.operationState?.phase === 'Succeeded');
  assert.deepEqual(await configMapData(ns, 'private-cm'), { secret: 'no' });

  // A repository secret for exactly this URL wins over the template, even with a wrong password.
  const wrong = `wrong-${randomBytes(6).toString('hex')}`;
  await hub.api.apply(repoSecret('private-src-repo', 'repository', { url: external, username: 'gantry', password: wrong }));
  const rev2 = await push('private-src', { 'app/cm.yaml': cmYaml('private-cm', { secret: 'changed' }) });
  // The reader fetches an external repository at most every 3 s (minFetchIntervalMs): let that pass so the refresh fetches.
  await new Promise((resolve) => setTimeout(resolve, 3500));
  await rig.refreshApp('private-git', 'hard');
  const failed = await waitApp('private-git', 'authentication failed with the wrong password', (a) => (a.status?.conditions ?? []).some((c) => c.type === 'ComparisonError' && /authentication failed/.test(c.message)));
  assert.equal(failed.status?.sync?.revision, rev, 'a git error keeps the last state');
  assert.deepEqual(await configMapData(ns, 'private-cm'), { secret: 'no' }, 'nothing applied or pruned on a credentials error');
  await assertNoSecretLeaks('private-git', [rig.git.token, wrong]);

  await hub.api.delete({ apiVersion: 'v1', kind: 'Secret', namespace: controlNamespace, name: 'private-src-repo' });
  await rig.refreshApp('private-git', 'hard');
  await waitApp('private-git', 'Synced at the new commit once the wrong secret is gone', (a) => a.status?.sync?.status === 'Synced' && a.status.sync.revision === rev2 && !(a.status.conditions ?? []).length);
  assert.deepEqual(await configMapData(ns, 'private-cm'), { secret: 'changed' });
  await assertNoSecretLeaks('private-git', [rig.git.token, wrong]);
});

test('repository credentials: a chart from a Helm repository with basic auth from a repository secret of type helm', async () => {
  const ns = `creds-helm-${suffix}`;
  const helm = await startPrivateHelmRepo();
  try {
    const source = { repoURL: helm.url, chart: 'private', targetRevision: '1.0.0' };
    await hub.api.apply(application('private-helm', { destNamespace: ns, source, syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] } }));
    const denied = await waitApp('private-helm', 'a ComparisonError without credentials', (a) => (a.status?.conditions ?? []).some((c) => c.type === 'ComparisonError'));
    assert.match(JSON.stringify(denied.status?.conditions), /credentials/);
    await hub.api.apply(repoSecret('private-helm-repo', 'repository', { type: 'helm', name: 'private', url: helm.url, username: HELM_USER, password: HELM_PASSWORD }));
    await rig.refreshApp('private-helm', 'normal');
    const synced = await waitApp('private-helm', 'Synced with the chart', (a) => a.status?.sync?.status === 'Synced' && a.status.operationState?.phase === 'Succeeded');
    assert.equal(synced.status?.sync?.revision, '1.0.0');
    assert.deepEqual(await configMapData(ns, 'from-private-chart'), { greeting: 'hello' });
    await assertNoSecretLeaks('private-helm', [HELM_PASSWORD]);
  } finally {
    await new Promise((resolve) => helm.server.close(resolve));
  }
});

/** Requests a sync (as `gantry app sync` does) and waits for that operation to finish. */
let syncs = 0;
async function syncNow(name: string, o: { prune?: boolean } = {}): Promise<Application> {
  // startedAt has a resolution of seconds: each request is told apart by who initiated it.
  const username = `test-${++syncs}`;
  await hub.api.patch(rig.appRef(name), { operation: { sync: { prune: o.prune ?? false }, initiatedBy: { username } } }, { type: 'merge' });
  const done = (a: Application): boolean => !a.operation && a.status?.operationState?.operation.initiatedBy?.username === username && a.status.operationState.phase !== 'Running';
  return waitApp(name, 'the requested sync finished', done);
}

const annotatedCm = (name: string, options: string, data: Record<string, string>, extra = ''): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  annotations:\n    argocd.argoproj.io/sync-options: ${options}\n${extra}data:\n${Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`).join('\n')}\n`;

test('syncOptions: Replace=true replaces or creates, ServerSideApply=true with Validate=false patches a partial Deployment and drops undeclared fields; app-level Prune=false and Delete=false with per-resource overrides', async () => {
  const ns = `syncopts-${suffix}`;
  await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  // Live objects another manager wrote first.
  await hub.api.client.request({ method: 'POST', path: `/api/v1/namespaces/${ns}/configmaps`, query: { fieldManager: 'someone-else' }, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'replaced' }, data: { old: '1', keep: '2' } } });
  await hub.api.client.request({ method: 'POST', path: `/api/v1/namespaces/${ns}/configmaps`, query: { fieldManager: 'someone-else' }, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'merged' }, data: { old: '1' } } });
  const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx:1.25' }] } } } };
  await hub.api.client.request({ method: 'POST', path: `/apis/apps/v1/namespaces/${ns}/deployments`, query: { fieldManager: 'someone-else' }, body: web });
  await push('syncopts', {
    'app/replaced.yaml': annotatedCm('replaced', 'Replace=true', { new: '1' }),
    'app/created.yaml': annotatedCm('created-by-replace', 'Replace=true', { fresh: 'yes' }),
    'app/merged.yaml': cmYaml('merged', { new: '1' }),
    // Partial: only what this app manages of a Deployment someone else created (Argo CD's ServerSideApply patch use).
    'app/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
    // A field the ConfigMap schema does not declare: with Validate=false it is dropped, not refused.
    'app/loose.yaml': `${cmYaml('loose', { a: '1' })}undeclared: field\n`,
    'app/keep.yaml': cmYaml('kept-on-prune', { x: '1' }),
    'app/prune-me.yaml': annotatedCm('pruned-anyway', 'Prune=true,Delete=true', { x: '1' }),
  });
  const syncOptions = ['ServerSideApply=true', 'Validate=false', 'Prune=false', 'Delete=false'];
  await hub.api.apply(application('syncopts', { destNamespace: ns, source: { repoURL: hosted('syncopts'), path: 'app', targetRevision: 'main' }, syncPolicy: { syncOptions } }));
  await waitApp('syncopts', 'OutOfSync before any sync, with no comparison error', (a) => a.status?.sync?.status === 'OutOfSync' && !(a.status.conditions ?? []).length && (a.status.resources?.length ?? 0) === 7);
  const synced = await syncNow('syncopts');
  assert.equal(synced.status?.operationState?.phase, 'Succeeded', synced.status?.operationState?.message);
  const results = Object.fromEntries((synced.status?.operationState?.syncResult?.resources ?? []).map((r) => [r.name, r.message]));
  assert.equal(results.replaced, 'replaced');
  assert.equal(results['created-by-replace'], 'created');
  assert.deepEqual(await configMapData(ns, 'replaced'), { new: '1' }, 'Replace=true replaces the whole object: the other manager\'s keys are gone');
  assert.deepEqual(await configMapData(ns, 'merged'), { old: '1', new: '1' }, 'server-side apply keeps fields another manager owns');
  assert.deepEqual(await configMapData(ns, 'created-by-replace'), { fresh: 'yes' });
  const liveWeb = await hub.api.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'web' });
  const webSpec = liveWeb?.spec as { replicas: number; template: { spec: { containers: { image: string }[] } } };
  assert.equal(webSpec.replicas, 3);
  assert.equal(webSpec.template.spec.containers[0]?.image, 'nginx:1.25', 'the partial manifest leaves the rest to its owner');
  const loose = await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'loose' });
  assert.deepEqual(loose?.data, { a: '1' });
  assert.equal((loose as Record<string, unknown> | undefined)?.undeclared, undefined);
  await waitApp('syncopts', 'Synced after the sync', (a) => a.status?.sync?.status === 'Synced');

  // Prune=false in the app keeps a removed resource (OutOfSync, requires pruning); a resource's own Prune=true overrides it.
  await push('syncopts', { 'app/keep.yaml': null, 'app/prune-me.yaml': null });
  await waitApp('syncopts', 'two resources require pruning', (a) => (a.status?.resources ?? []).filter((r) => r.requiresPruning).length === 2);
  await syncNow('syncopts', { prune: true });
  assert.ok(await configMapData(ns, 'kept-on-prune'), 'app-level Prune=false keeps it');
  await eventually('the Prune=true resource pruned', async () => ((await configMapData(ns, 'pruned-anyway')) === undefined ? true : undefined), 20_000);
  const after = await app('syncopts');
  assert.equal(after.status?.sync?.status, 'OutOfSync', 'a resource kept from pruning leaves the app OutOfSync, as in Argo CD');

  // Delete=false in the app keeps every resource when the app is deleted with the resources finalizer.
  await hub.api.patch(rig.appRef('syncopts'), { metadata: { finalizers: ['resources-finalizer.argocd.argoproj.io'] } }, { type: 'merge' });
  await hub.api.delete(rig.appRef('syncopts'));
  await eventually('the app gone', async () => ((await app('syncopts')) ? undefined : true), 30_000);
  assert.deepEqual(await configMapData(ns, 'merged'), { old: '1', new: '1' }, 'Delete=false kept it');
  assert.ok(await hub.api.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'web' }));
});

test('syncOptions: without Validate=false an undeclared field fails the sync and names the field; the resource annotation Validate=false lets it through', async () => {
  const ns = `validate-${suffix}`;
  await push('validate', { 'app/cm.yaml': `${cmYaml('strict', { a: '1' })}undeclared: field\n` });
  await hub.api.apply(application('validate', { destNamespace: ns, source: { repoURL: hosted('validate'), path: 'app', targetRevision: 'main' }, syncPolicy: { syncOptions: ['CreateNamespace=true'] } }));
  const failed = await syncNow('validate');
  assert.equal(failed.status?.operationState?.phase, 'Failed');
  assert.match(JSON.stringify(failed.status?.operationState?.syncResult?.resources), /\.undeclared: field not declared in schema/);
  await push('validate', { 'app/cm.yaml': `${annotatedCm('strict', 'Validate=false', { a: '1' })}undeclared: field\n` });
  await waitApp('validate', 'the new commit compared', (a) => !(a.status?.resources ?? []).some((r) => r.status === 'Unknown') && a.status?.sync?.revision !== failed.status?.sync?.revision);
  const ok = await syncNow('validate');
  assert.equal(ok.status?.operationState?.phase, 'Succeeded', ok.status?.operationState?.message);
  assert.deepEqual(await configMapData(ns, 'strict'), { a: '1' });
  await waitApp('validate', 'Synced', (a) => a.status?.sync?.status === 'Synced');
});

test('rollback of a multi-source app: history id 0 re-renders every source at its recorded revision, and the app is then OutOfSync with its spec', async () => {
  const ns = `multi-rb-${suffix}`;
  await push('rb-chart', chartFiles('chart'));
  const values1 = await push('rb-values', { 'env.yaml': 'color: one\n' });
  const sources = [
    { repoURL: hosted('rb-chart'), path: 'chart', targetRevision: 'main', helm: { releaseName: 'rb', valueFiles: ['$values/env.yaml'] } },
    { repoURL: hosted('rb-values'), targetRevision: 'main', ref: 'values' },
  ];
  await hub.api.apply(application('multi-rb', { destNamespace: ns, sources, syncPolicy: { syncOptions: ['CreateNamespace=true'] } }));
  await waitApp('multi-rb', 'compared', (a) => a.status?.sync?.status === 'OutOfSync' && a.status.sync.revisions?.[1] === values1);
  assert.equal((await syncNow('multi-rb')).status?.operationState?.phase, 'Succeeded');
  const values2 = await push('rb-values', { 'env.yaml': 'color: two\n' });
  await waitApp('multi-rb', 'the new values revision compared', (a) => a.status?.sync?.revisions?.[1] === values2);
  assert.equal((await syncNow('multi-rb')).status?.operationState?.phase, 'Succeeded');
  assert.equal((await configMapData(ns, 'rb-settings'))?.color, 'two');

  const current = await app('multi-rb');
  await hub.api.patch(rig.appRef('multi-rb'), { operation: rollbackOperation(current, 0, { username: 'test-rollback' }) }, { type: 'merge' });
  const rolled = await waitApp('multi-rb', 'the rollback finished', (a) => !a.operation && a.status?.operationState?.operation.initiatedBy?.username === 'test-rollback' && a.status.operationState.phase !== 'Running');
  assert.equal(rolled.status?.operationState?.phase, 'Succeeded', rolled.status?.operationState?.message);
  assert.equal((await configMapData(ns, 'rb-settings'))?.color, 'one');
  assert.deepEqual(rolled.status?.operationState?.syncResult?.revisions, current.status?.history?.[0]?.revisions);
  const after = await waitApp('multi-rb', 'OutOfSync with the spec at the newest values', (a) => a.status?.sync?.status === 'OutOfSync' && a.status.sync.revisions?.[1] === values2);
  assert.deepEqual(after.status?.history?.map((h) => h.revisions?.[1]), [values1, values2, values1]);
});
