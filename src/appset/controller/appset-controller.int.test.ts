import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { createGitReader, createGitServer, createRepoStore, type GitServer } from '../../git/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { createTestRepos, eventually, testLogger, type TestRepos } from '../../testkit/index.js';
import type { ApplicationSet } from '../types.js';
import { startAppSetRig, type AppSetRig } from './appset-rig.js';

const suffix = randomBytes(3).toString('hex');
// A namespace of this test plays Argo CD's namespace: ApplicationSets, Applications, AppProjects and cluster Secrets.
const ns = `gantry-appset-${suffix}`;
const token = randomBytes(8).toString('hex');
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
let hub: Cluster;
let rig: AppSetRig;
let server: GitServer;
let repos: TestRepos;
let baseUrl: string;
let dir: string;
const API = 'argoproj.io/v1alpha1';

const appTarget = (name: string): { apiVersion: string; kind: string; namespace: string; name: string } => ({ apiVersion: API, kind: 'Application', namespace: ns, name });
const getApp = (name: string): Promise<KubeObject | undefined> => hub.api.get(appTarget(name));
const getAppSet = async (name: string): Promise<ApplicationSet> => (await hub.api.get({ apiVersion: API, kind: 'ApplicationSet', namespace: ns, name })) as ApplicationSet;

async function appNames(appset: string): Promise<string[]> {
  const list = await hub.api.list(API, 'Application', { namespace: ns });
  // An Application being deleted waits for the Application controller's finalizer: it counts as gone.
  return list.items.filter((a) => a.metadata.ownerReferences?.some((r) => r.name === appset) && !a.metadata.deletionTimestamp).map((a) => a.metadata.name ?? '').sort();
}

function waitNames(appset: string, want: string[], timeoutMs = 20_000): Promise<string[]> {
  return eventually(`${appset} generates ${want.join(', ')}`, async () => {
    const names = await appNames(appset);
    if (JSON.stringify(names) === JSON.stringify(want)) return names;
    throw new Error(`has ${names.join(', ') || 'none'}`);
  }, timeoutMs);
}

function condition(appset: ApplicationSet, type: string): { status: string; reason: string; message: string } | undefined {
  return appset.status?.conditions?.find((c) => c.type === type);
}

function waitCondition(name: string, type: string, status: string, reason?: string): Promise<ApplicationSet> {
  return eventually(`${name} ${type}=${status}`, async () => {
    const a = await getAppSet(name);
    const c = condition(a, type);
    if (c?.status === status && (reason === undefined || c.reason === reason)) return a;
    throw new Error(`conditions ${JSON.stringify(a.status?.conditions ?? [])}`);
  });
}

function listAppSet(name: string, elements: Record<string, string>[], extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: API,
    kind: 'ApplicationSet',
    metadata: { name, namespace: ns },
    spec: {
      generators: [{ list: { elements } }],
      template: {
        metadata: { name: `${name}-{{cluster}}`, labels: { env: '{{cluster}}' } },
        spec: { project: 'default', source: { repoURL: 'https://example.com/repo.git', path: 'apps/{{cluster}}', targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: '{{cluster}}' } },
      },
      ...extra,
    },
  };
}

function clusterSecret(name: string, labels: Record<string, string>, o: { server: string; annotations?: Record<string, string> }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `cluster-${name}`, namespace: ns, labels: { 'argocd.argoproj.io/secret-type': 'cluster', ...labels }, ...(o.annotations ? { annotations: o.annotations } : {}) },
    type: 'Opaque',
    stringData: { name, server: o.server, config: '{}' },
  };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gantry-appset-'));
  const log = testLogger();
  const store = createRepoStore({ root: join(dir, 'git') });
  server = createGitServer({ store, token, readAccess: 'open', log });
  baseUrl = (await server.listen(0)).url;
  repos = createTestRepos({ dir, store, baseUrl, token });
  const reader = createGitReader({ store, cacheDir: join(dir, 'cache'), log, hostedUrlPrefixes: [`${baseUrl}/git/`] });
  rig = await startAppSetRig({ namespace: ns, projects: ['default', 'platform-team'], reader });
  hub = rig.hub;
  server.onPush((e) => rig.controller.refreshWhere((url) => url.endsWith(`/git/${e.repo}.git`)));
});

after(async () => {
  await rig.stop();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a list generator creates owned Applications with the resources finalizer, reports up to date, and deletes what it no longer generates', async () => {
  await hub.api.apply(listAppSet('guestbook', [{ cluster: 'dev' }, { cluster: 'prod' }]));
  await waitNames('guestbook', ['guestbook-dev', 'guestbook-prod']);
  const dev = await getApp('guestbook-dev');
  const appset = await getAppSet('guestbook');
  assert.deepEqual(dev?.metadata.ownerReferences?.map((r) => [r.kind, r.name, r.uid, r.controller]), [['ApplicationSet', 'guestbook', appset.metadata.uid, true]]);
  assert.deepEqual(dev?.metadata.finalizers, ['resources-finalizer.argocd.argoproj.io']);
  assert.deepEqual(dev?.metadata.labels, { env: 'dev' });
  assert.equal((dev?.['spec'] as { source: { path: string } }).source.path, 'apps/dev');
  const ok = await waitCondition('guestbook', 'ResourcesUpToDate', 'True', 'ApplicationSetUpToDate');
  assert.equal(condition(ok, 'ErrorOccurred')?.status, 'False');
  assert.equal(condition(ok, 'ParametersGenerated')?.status, 'True');

  await hub.api.apply(listAppSet('guestbook', [{ cluster: 'dev' }]));
  await waitNames('guestbook', ['guestbook-dev']);
});

test('clusters generator: Applications for matching cluster Secrets only, following label changes', async () => {
  await hub.api.apply(clusterSecret('c-east', { env: 'prod' }, { server: 'https://east.example.com' }));
  await hub.api.apply(clusterSecret('c-west', { env: 'staging' }, { server: 'https://west.example.com' }));
  await hub.api.apply({
    apiVersion: API,
    kind: 'ApplicationSet',
    metadata: { name: 'by-cluster', namespace: ns },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [{ clusters: { selector: { matchLabels: { env: 'prod' } }, values: { tier: 'gold' } } }],
      template: {
        metadata: { name: '{{.nameNormalized}}-addons' },
        spec: { project: 'default', source: { repoURL: 'https://example.com/r.git', path: '{{.values.tier}}/{{index .metadata.labels "env"}}' }, destination: { server: '{{.server}}', namespace: 'addons' } },
      },
    },
  });
  await waitNames('by-cluster', ['c-east-addons']);
  const east = await getApp('c-east-addons');
  assert.equal((east?.['spec'] as { source: { path: string }; destination: { server: string } }).source.path, 'gold/prod');
  assert.equal((east?.['spec'] as { destination: { server: string } }).destination.server, 'https://east.example.com');
  // A relabelled cluster joins; the one that no longer matches leaves.
  await hub.api.apply(clusterSecret('c-west', { env: 'prod' }, { server: 'https://west.example.com' }));
  await waitNames('by-cluster', ['c-east-addons', 'c-west-addons']);
  await hub.api.apply(clusterSecret('c-east', { env: 'retired' }, { server: 'https://east.example.com' }));
  await waitNames('by-cluster', ['c-west-addons']);
});

test('applicationsSync: create-only neither updates nor deletes, create-update updates but keeps, create-delete deletes but never rewrites', async () => {
  const pathOf = async (name: string): Promise<string | undefined> => ((await getApp(name))?.['spec'] as { source?: { path?: string } } | undefined)?.source?.path;
  const changed = (name: string, elements: Record<string, string>[], policy: string): KubeObject => {
    const a = listAppSet(name, elements, { syncPolicy: { applicationsSync: policy } });
    ((a['spec'] as { template: { spec: { source: { path: string } } } }).template.spec.source.path = 'v2/{{cluster}}');
    return a;
  };
  for (const policy of ['create-only', 'create-update', 'create-delete']) {
    const name = `p-${policy}`;
    await hub.api.apply(listAppSet(name, [{ cluster: 'a' }, { cluster: 'b' }], { syncPolicy: { applicationsSync: policy } }));
    await waitNames(name, [`${name}-a`, `${name}-b`]);
    await hub.api.apply(changed(name, [{ cluster: 'a' }], policy));
    await waitCondition(name, 'ResourcesUpToDate', 'True');
    await eventually(`${name} reconciled the change`, async () => ((await getAppSet(name)).metadata.generation === 2 ? true : undefined));
    // Let the reconcile of generation 2 land before judging what it did.
    await new Promise((r) => setTimeout(r, 1500));
    const names = await appNames(name);
    const path = await pathOf(`${name}-a`);
    if (policy === 'create-only') assert.deepEqual([names, path], [[`${name}-a`, `${name}-b`], 'apps/a']);
    if (policy === 'create-update') assert.deepEqual([names, path], [[`${name}-a`, `${name}-b`], 'v2/a']);
    if (policy === 'create-delete') assert.deepEqual([names, path], [[`${name}-a`], 'apps/a']);
  }
});

test('preserveResourcesOnDeletion removes the resources finalizer from generated Applications, and turning it off adds it back', async () => {
  await hub.api.apply(listAppSet('keep', [{ cluster: 'x' }]));
  await eventually('finalizer present', async () => ((await getApp('keep-x'))?.metadata.finalizers?.includes('resources-finalizer.argocd.argoproj.io') ? true : undefined));
  await hub.api.apply(listAppSet('keep', [{ cluster: 'x' }], { syncPolicy: { preserveResourcesOnDeletion: true } }));
  await eventually('finalizer removed', async () => ((await getApp('keep-x'))?.metadata.finalizers ?? []).length === 0 || undefined);
  await hub.api.apply(listAppSet('keep', [{ cluster: 'x' }]));
  await eventually('finalizer back', async () => ((await getApp('keep-x'))?.metadata.finalizers?.includes('resources-finalizer.argocd.argoproj.io') ? true : undefined));
});

test('a template error leaves every generated Application untouched and reports ErrorOccurred', async () => {
  const good = listAppSet('safe', [{ cluster: 'one' }, { cluster: 'two' }], { goTemplate: true, goTemplateOptions: ['missingkey=error'] });
  const spec = good['spec'] as { template: { metadata: { name: string; labels: Record<string, string> }; spec: { source: { path: string }; destination: { namespace: string } } } };
  spec.template.metadata.name = 'safe-{{.cluster}}';
  spec.template.metadata.labels = { env: '{{.cluster}}' };
  spec.template.spec.source.path = 'apps/{{.cluster}}';
  spec.template.spec.destination.namespace = '{{.cluster}}';
  await hub.api.apply(good);
  await waitNames('safe', ['safe-one', 'safe-two']);
  const before = await getApp('safe-one');
  // The second element lacks `cluster`, and missingkey=error makes that a template error.
  const broken = structuredClone(good);
  (broken['spec'] as { generators: { list: { elements: Record<string, string>[] } }[] }).generators[0]!.list.elements = [{ cluster: 'one' }, { other: 'x' }];
  spec.template.spec.source.path = 'changed/{{.cluster}}';
  (broken['spec'] as typeof spec).template.spec.source.path = 'changed/{{.cluster}}';
  await hub.api.apply(broken);
  const failed = await waitCondition('safe', 'ErrorOccurred', 'True', 'RenderTemplateParamsError');
  assert.match(condition(failed, 'ErrorOccurred')?.message ?? '', /cluster/);
  assert.equal(condition(failed, 'ResourcesUpToDate')?.status, 'False');
  assert.deepEqual(await appNames('safe'), ['safe-one', 'safe-two'], 'nothing deleted');
  const after = await getApp('safe-one');
  assert.equal(after?.metadata.resourceVersion, before?.metadata.resourceVersion, 'nothing rewritten');
});

test('a git directory generator reads a hosted repo, and a push re-evaluates it at once', async () => {
  await repos.push('platform', { 'apps/api/kustomization.yaml': 'resources: []\n', 'apps/web/kustomization.yaml': 'resources: []\n', 'apps/.hidden/x.yaml': 'a: 1\n' });
  await hub.api.apply({
    apiVersion: API,
    kind: 'ApplicationSet',
    metadata: { name: 'dirs', namespace: ns },
    spec: {
      generators: [{ git: { repoURL: `${baseUrl}/git/platform.git`, revision: 'main', directories: [{ path: 'apps/*' }], requeueAfterSeconds: 600 } }],
      template: {
        metadata: { name: 'dir-{{path.basename}}' },
        spec: { project: 'default', source: { repoURL: `${baseUrl}/git/platform.git`, path: '{{path}}', targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: '{{path.basename}}' } },
      },
    },
  });
  await waitNames('dirs', ['dir-api', 'dir-web']);
  const pushed = Date.now();
  await repos.push('platform', { 'apps/worker/kustomization.yaml': 'resources: []\n' });
  await waitNames('dirs', ['dir-api', 'dir-web', 'dir-worker'], 10_000);
  assert.ok(Date.now() - pushed < 10_000, 'the push woke the generator (the poll is 600 s)');

  // A revision that does not exist is a generator error: every Application stays as it is.
  const before = await getApp('dir-api');
  const current = await getAppSet('dirs');
  const spec = structuredClone(current.spec);
  (spec.generators?.[0]?.git as { revision: string }).revision = 'no-such-branch';
  await hub.api.apply({ apiVersion: API, kind: 'ApplicationSet', metadata: { name: 'dirs', namespace: ns }, spec });
  const failed = await waitCondition('dirs', 'ErrorOccurred', 'True', 'ApplicationGenerationFromParamsError');
  assert.match(condition(failed, 'ErrorOccurred')?.message ?? '', /no-such-branch/);
  assert.equal(condition(failed, 'ParametersGenerated')?.status, 'False');
  assert.deepEqual(await appNames('dirs'), ['dir-api', 'dir-web', 'dir-worker']);
  assert.equal((await getApp('dir-api'))?.metadata.resourceVersion, before?.metadata.resourceVersion);
});

test('acceptance: the platform-addons ApplicationSet, unchanged, yields <cluster>-platform-addons for the spoke clusters only', async () => {
  const registration = JSON.parse(readFileSync(`${repoRoot}../shared/reference/seed-examples/registration-secret.json`, 'utf8')) as { labels: Record<string, string>; annotations: Record<string, string>; cluster_endpoint: string };
  const spoke = (env: string): { labels: Record<string, string>; annotations: Record<string, string> } => ({
    labels: { ...registration.labels, environment: env },
    annotations: { ...registration.annotations, helm_values_path: `values/${env}.yaml`, kustomize_path: `environments/${env}` },
  });
  const dev = spoke('dev');
  const prod = spoke('prod');
  await hub.api.apply(clusterSecret('spoke-dev', dev.labels, { server: 'https://dev.spokes.example.com', annotations: dev.annotations }));
  await hub.api.apply(clusterSecret('spoke-prod', prod.labels, { server: 'https://prod.spokes.example.com', annotations: prod.annotations }));
  await hub.api.apply(clusterSecret('hub', { ...registration.labels, 'cluster-type': 'hub', environment: 'hub' }, { server: registration.cluster_endpoint, annotations: registration.annotations }));
  const appset = parse(readFileSync(`${repoRoot}../shared/reference/seed-examples/platform-addons-applicationset.yaml`, 'utf8')) as KubeObject;
  // The spec is applied exactly as written; only the namespace is this test's stand-in for argocd.
  await hub.api.apply({ ...appset, metadata: { ...appset.metadata, namespace: ns } });
  await waitNames('platform-addons', ['spoke-dev-platform-addons', 'spoke-prod-platform-addons']);
  const app = await getApp('spoke-prod-platform-addons');
  const s = app?.['spec'] as { project: string; source: { repoURL: string; path: string; targetRevision: string; helm: { valueFiles: string[] } }; destination: { server: string; namespace: string }; syncPolicy: unknown };
  assert.equal(s.project, 'platform-team');
  assert.equal(s.source.path, 'gitops/addons/environments/prod');
  assert.deepEqual(s.source.helm.valueFiles, ['values/prod.yaml']);
  assert.equal(s.source.targetRevision, 'main');
  assert.deepEqual(s.destination, { server: 'https://prod.spokes.example.com', namespace: 'kube-system' });
  assert.deepEqual(s.syncPolicy, { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] });
  await waitCondition('platform-addons', 'ResourcesUpToDate', 'True');
});
