import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { systemClock } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { createSimulatedNodes } from '../../simnodes/index.js';
import { eventually } from '../../testkit/index.js';
import { configMapYaml as configMap, createAppRig, type AppSpec } from './int-rig.js';
import type { Application } from './types.js';

// One controller for every test of this file; two simulated nodes make Deployments Healthy.
const rig = createAppRig({ name: 'apps', alongside: (cluster, log) => [createSimulatedNodes({ cluster, count: 2, clock: systemClock, log })], awaitNamespaceGone: true });
const { suffix } = rig;
let hub: Cluster;
const push = rig.push;
const appOf = (name: string, repo: string, spec: AppSpec): KubeObject => rig.application(name, { source: rig.source(repo), ...spec });
const app = (name: string): Promise<Application> => rig.getApp(name);
const waitApp = rig.waitApp;

const deployment = (name: string, image: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: main
        image: ${image}
        ports:
        - containerPort: 8080
`;

before(async () => {
  ({ hub } = await rig.start());
});

after(() => rig.stop());

test('an automated app syncs a directory from hosted git: Synced, Healthy, tracked, and a push lands in seconds', async () => {
  const ns = `guestbook-${suffix}`;
  const first = await push('guestbook', { 'app/cm.yaml': configMap('settings', { color: 'blue' }), 'app/web.yaml': deployment('web', 'nginx:1.25') });
  await hub.api.apply(appOf('guestbook', 'guestbook', { destNamespace: ns, syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] } }));
  const synced = await waitApp('guestbook', 'Synced and Healthy at the first commit', (a) => a.status?.sync?.status === 'Synced' && a.status?.health?.status === 'Healthy' && a.status.sync.revision === first, 60_000);
  assert.equal(synced.status?.sourceType, 'Directory');
  assert.equal(synced.status?.operationState?.phase, 'Succeeded');
  assert.deepEqual(synced.status?.summary?.images, ['nginx:1.25']);
  assert.deepEqual(synced.status?.resources?.map((r) => `${r.kind}/${r.name}:${r.status}:${r.health?.status ?? '-'}`), ['ConfigMap/settings:Synced:-', 'Deployment/web:Synced:Healthy']);
  const cm = await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'settings' });
  assert.equal(cm?.metadata.annotations?.['argocd.argoproj.io/tracking-id'], `guestbook:/ConfigMap:${ns}/settings`);

  const started = Date.now();
  const second = await push('guestbook', { 'app/cm.yaml': configMap('settings', { color: 'green' }) });
  await eventually('the new value applied', async () => ((await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'settings' }))?.data as Record<string, string>)?.color === 'green' || undefined, 20_000);
  const latency = Date.now() - started;
  assert.ok(latency < 10_000, `push to applied took ${latency} ms`);
  await waitApp('guestbook', 'Synced at the second commit', (a) => a.status?.sync?.status === 'Synced' && a.status.sync.revision === second);
});

test('an automated app records no sync for a commit whose change the apiserver finds to be none, and one for a real change', async () => {
  const ns = `noop-${suffix}`;
  rig.deleteAtStop(ns);
  await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const first = await push('noop', { 'app/cm.yaml': configMap('settings', { a: '1', b: '2' }) });
  await hub.api.apply(appOf('noop', 'noop', { destNamespace: ns, syncPolicy: { automated: {} } }));
  await waitApp('noop', 'Synced at the first commit', (a) => a.status?.sync?.status === 'Synced' && a.status.sync.revision === first && a.status.operationState?.phase === 'Succeeded', 40_000);
  const live = await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'settings' });
  // The same data in another order: a new manifest, the same object.
  const second = await push('noop', { 'app/cm.yaml': configMap('settings', { b: '2', a: '1' }) });
  const quiet = await waitApp('noop', 'Synced at the reordered commit', (a) => a.status?.sync?.status === 'Synced' && a.status.sync.revision === second);
  assert.equal(quiet.status?.history?.length, 1, 'no history entry for a sync that changed nothing');
  assert.equal(quiet.status?.operationState?.syncResult?.revision, first, 'the last operation is still the first sync');
  const after = await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'settings' });
  assert.equal(after?.metadata.resourceVersion, live?.metadata.resourceVersion, 'the live object was not written');
  const third = await push('noop', { 'app/cm.yaml': configMap('settings', { a: '3', b: '2' }) });
  const synced = await waitApp('noop', 'synced the real change', (a) => a.status?.sync?.status === 'Synced' && a.status.operationState?.syncResult?.revision === third && a.status.operationState.phase === 'Succeeded');
  assert.deepEqual(synced.status?.history?.map((h) => h.revision), [first, third]);
  assert.equal(((await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'settings' }))?.data as Record<string, string>).a, '3');
});

test('a render error keeps what is applied and shows a ComparisonError; prune removes only tracked objects', async () => {
  const ns = `prune-${suffix}`;
  await push('prune', { 'app/a.yaml': configMap('a', { x: '1' }), 'app/b.yaml': configMap('b', { x: '2' }) });
  await hub.api.apply(appOf('prune', 'prune', { destNamespace: ns, syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] } }));
  await waitApp('prune', 'Synced', (a) => a.status?.sync?.status === 'Synced' && (a.status.resources?.length ?? 0) === 2, 40_000);
  // An untracked object with the same kind in the namespace must survive every prune.
  await hub.api.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'not-ours', namespace: ns }, data: { keep: 'yes' } });

  await push('prune', { 'app/b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: [broken\n' });
  const broken = await waitApp('prune', 'ComparisonError', (a) => (a.status?.conditions ?? []).some((c) => c.type === 'ComparisonError'));
  assert.match(broken.status?.conditions?.[0]?.message ?? '', /b\.yaml/);
  assert.ok(await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'a' }), 'a is kept while the source is broken');
  assert.ok(await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'b' }), 'b is kept while the source is broken');

  await push('prune', { 'app/b.yaml': null });
  await waitApp('prune', 'Synced after pruning b', (a) => a.status?.sync?.status === 'Synced' && a.status.resources?.length === 1 && !(a.status.conditions ?? []).length);
  await eventually('b pruned', async () => ((await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'b' })) ? undefined : true));
  assert.ok(await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'not-ours' }), 'an untracked object is never pruned');
});

test('without automated sync an app reports OutOfSync, and an operation syncs it with waves and a PreSync hook', async () => {
  const ns = `manual-${suffix}`;
  const hook = `apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n  annotations:\n    argocd.argoproj.io/hook: PreSync\n    argocd.argoproj.io/hook-delete-policy: HookSucceeded\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: m\n        image: busybox\n`;
  const rev = await push('manual', {
    'app/ns.yaml': `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`,
    'app/hook.yaml': hook,
    'app/late.yaml': configMap('late', { wave: '5' }, '  annotations:\n    argocd.argoproj.io/sync-wave: "5"\n'),
    'app/web.yaml': deployment('api', 'nginx:1.25'),
  });
  await hub.api.apply(appOf('manual', 'manual', { destNamespace: ns }));
  const out = await waitApp('manual', 'OutOfSync with Missing resources', (a) => a.status?.sync?.status === 'OutOfSync' && a.status.health?.status === 'Missing');
  assert.equal(out.status?.operationState, undefined, 'nothing syncs without automated or an operation');
  assert.equal(await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'late' }), undefined);

  await hub.api.patch(rig.appRef('manual'), { operation: { sync: { revision: rev }, initiatedBy: { username: 'tester' } } }, { type: 'merge' });
  const done = await waitApp('manual', 'operation Succeeded', (a) => a.status?.operationState?.phase === 'Succeeded', 60_000);
  assert.equal(done.operation, undefined, 'the operation request is consumed');
  const results = done.status?.operationState?.syncResult?.resources ?? [];
  const hookResult = results.find((r) => r.kind === 'Job');
  assert.equal(hookResult?.hookType, 'PreSync');
  assert.equal(hookResult?.hookPhase, 'Succeeded');
  assert.deepEqual(results.filter((r) => r.kind !== 'Job').map((r) => `${r.kind}/${r.name}:${r.status}`).sort(), ['ConfigMap/late:Synced', 'Deployment/api:Synced', 'Namespace/' + ns + ':Synced']);
  const api = await hub.api.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'api' });
  const late = await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'late' });
  assert.ok(api && late);
  assert.ok(Date.parse(late.metadata.creationTimestamp ?? '') >= Date.parse(api.metadata.creationTimestamp ?? ''), 'wave 5 is applied after wave 0');
  await waitApp('manual', 'Synced and Healthy', (a) => a.status?.sync?.status === 'Synced' && a.status.health?.status === 'Healthy', 30_000);
  assert.equal(done.status?.history?.[0]?.revision, rev);
});

test('a resource another app tracks is reported, not taken over; selfHeal reverts drift', async () => {
  const ns = `shared-${suffix}`;
  await push('owner', { 'app/cm.yaml': configMap('shared', { owner: 'first' }) });
  await push('intruder', { 'app/cm.yaml': configMap('shared', { owner: 'second' }) });
  await hub.api.apply(appOf('owner', 'owner', { destNamespace: ns, syncPolicy: { automated: { selfHeal: true }, syncOptions: ['CreateNamespace=true'] } }));
  await waitApp('owner', 'Synced', (a) => a.status?.sync?.status === 'Synced', 40_000);
  await hub.api.apply(appOf('intruder', 'intruder', { destNamespace: ns, syncPolicy: { automated: {} } }));
  const intruder = await waitApp('intruder', 'SharedResourceWarning', (a) => (a.status?.conditions ?? []).some((c) => c.type === 'SharedResourceWarning'));
  assert.match(intruder.status?.conditions?.find((c) => c.type === 'SharedResourceWarning')?.message ?? '', /owner/);
  const live = await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'shared' });
  assert.equal((live?.data as Record<string, string>).owner, 'first');

  await hub.api.patch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'shared' }, { data: { owner: 'drifted' } }, { type: 'merge' });
  await eventually('selfHeal reverted the drift', async () => ((await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'shared' }))?.data as Record<string, string>)?.owner === 'first' || undefined, 20_000);
});

test('deleting an app with the resources finalizer deletes what it tracks', async () => {
  const ns = `cascade-${suffix}`;
  await push('cascade', { 'app/cm.yaml': configMap('gone-soon', { a: '1' }), 'app/keep.yaml': configMap('kept', { a: '1' }, '  annotations:\n    argocd.argoproj.io/sync-options: Delete=false\n') });
  const manifest = appOf('cascade', 'cascade', { destNamespace: ns, syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] } });
  manifest.metadata.finalizers = ['resources-finalizer.argocd.argoproj.io'];
  await hub.api.apply(manifest);
  await waitApp('cascade', 'Synced', (a) => a.status?.sync?.status === 'Synced', 40_000);
  await hub.api.delete(rig.appRef('cascade'));
  await eventually('app gone', async () => ((await app('cascade')) ? undefined : true), 30_000);
  await eventually('resource deleted', async () => ((await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'gone-soon' })) ? undefined : true), 30_000);
  assert.ok(await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'kept' }), 'Delete=false keeps a resource');
});

test('ignoreDifferences keep a scaled Deployment Synced; a bad jq expression is an InvalidSpecError', async () => {
  const ns = `ignore-${suffix}`;
  await push('ignore', { 'app/web.yaml': deployment('scaled', 'nginx:1.25') });
  await hub.api.apply(appOf('ignore', 'ignore', {
    destNamespace: ns,
    ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
    syncPolicy: { automated: { selfHeal: true }, syncOptions: ['CreateNamespace=true', 'RespectIgnoreDifferences=true'] },
  }));
  await waitApp('ignore', 'Synced', (a) => a.status?.sync?.status === 'Synced', 40_000);
  await hub.api.patch({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'scaled' }, { spec: { replicas: 5 } }, { type: 'merge' });
  await new Promise((r) => setTimeout(r, 1500));
  const after = await app('ignore');
  assert.equal(after.status?.sync?.status, 'Synced');
  const live = await hub.api.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'scaled' });
  assert.equal((live?.spec as { replicas: number }).replicas, 5, 'an ignored field is not reverted');

  await hub.api.patch(rig.appRef('ignore'), { spec: { ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jqPathExpressions: ['.spec.template[('] }] } }, { type: 'merge' });
  const invalid = await waitApp('ignore', 'InvalidSpecError', (a) => (a.status?.conditions ?? []).some((c) => c.type === 'InvalidSpecError'));
  assert.match(invalid.status?.conditions?.[0]?.message ?? '', /jqPathExpression/);
});

test('Kustomize overlays: each overlay app syncs its rendering, and a base edit updates every overlay', async () => {
  const base = { 'base/kustomization.yaml': 'resources:\n- cm.yaml\n', 'base/cm.yaml': configMap('settings', { color: 'blue' }) };
  const overlay = (env: string): Record<string, string> => ({ [`overlays/${env}/kustomization.yaml`]: `resources:\n- ../../base\nnamePrefix: ${env}-\ncommonLabels:\n  env: ${env}\n` });
  await push('kustomized', { ...base, ...overlay('dev'), ...overlay('prod') });
  for (const env of ['dev', 'prod']) {
    const manifest = appOf(`kz-${env}`, 'kustomized', { destNamespace: `kz-${env}-${suffix}`, syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] } });
    (manifest.spec as { source: { path: string } }).source.path = `overlays/${env}`;
    await hub.api.apply(manifest);
  }
  for (const env of ['dev', 'prod']) {
    const synced = await waitApp(`kz-${env}`, 'Synced', (a) => a.status?.sync?.status === 'Synced', 40_000);
    assert.equal(synced.status?.sourceType, 'Kustomize');
    const cm = await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: `kz-${env}-${suffix}`, name: `${env}-settings` });
    assert.equal(cm?.metadata.labels?.env, env);
  }
  await push('kustomized', { 'base/cm.yaml': configMap('settings', { color: 'red' }) });
  for (const env of ['dev', 'prod']) {
    await eventually(`${env} overlay updated from the base`, async () => ((await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: `kz-${env}-${suffix}`, name: `${env}-settings` }))?.data as Record<string, string>)?.color === 'red' || undefined, 20_000);
  }
});

test('a Helm chart from Git renders in process with its values, release name and the cluster capabilities', async () => {
  const ns = `helm-${suffix}`;
  await push('chart', {
    'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
    'chart/values.yaml': 'color: blue\nreplicas: 1\n',
    'chart/templates/_helpers.tpl': '{{- define "web.name" -}}{{ .Release.Name }}-web{{- end -}}\n',
    'chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "web.name" . }}\n  labels:\n    release: {{ .Release.Name }}\ndata:\n  color: {{ .Values.color | quote }}\n  namespace: {{ .Release.Namespace | quote }}\n  hasApps: {{ .Capabilities.APIVersions.Has "apps/v1" | quote }}\n  kube: {{ .Capabilities.KubeVersion.Version | quote }}\n',
  });
  const manifest = appOf('helm', 'chart', { destNamespace: ns, syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] } });
  (manifest.spec as { source: Record<string, unknown> }).source = { repoURL: rig.git.url('chart'), path: 'chart', targetRevision: 'main', helm: { valuesObject: { color: 'green' } } };
  await hub.api.apply(manifest);
  const synced = await waitApp('helm', 'Synced', (a) => a.status?.sync?.status === 'Synced', 40_000);
  assert.equal(synced.status?.sourceType, 'Helm');
  const cm = await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'helm-web' });
  assert.deepEqual(cm?.data, { color: 'green', namespace: ns, hasApps: 'true', kube: 'v1.20.2' });
  assert.equal(cm?.metadata.labels?.release, 'helm');
});

test('the real-world style storefront chart (helpers, subchart, conditions, globals) syncs through an Application', async () => {
  const ns = `storefront-${suffix}`;
  const chartDir = fileURLToPath(new URL('../../../../src/render/helm/testdata/storefront/', import.meta.url));
  const files: Record<string, string> = {};
  const walk = (dirPath: string, prefix: string): void => {
    for (const entry of readdirSync(dirPath, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dirPath, entry.name), `${prefix}${entry.name}/`);
      else files[`storefront/${prefix}${entry.name}`] = readFileSync(join(dirPath, entry.name), 'utf8');
    }
  };
  walk(chartDir, '');
  await push('storefront', files);
  const manifest = appOf('storefront', 'storefront', { destNamespace: ns, syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] } });
  (manifest.spec as { source: Record<string, unknown> }).source = { repoURL: rig.git.url('storefront'), path: 'storefront', targetRevision: 'main', helm: { valueFiles: ['values-prod.yaml'] } };
  await hub.api.apply(manifest);
  // No ingress controller runs on the embedded control plane, so the Ingress stays Progressing, as under Argo CD.
  const deployed = (a: Application): boolean => (a.status?.resources ?? []).some((r) => r.kind === 'Deployment' && r.health?.status === 'Healthy');
  const synced = await waitApp('storefront', 'Synced with its Deployment Healthy', (a) => a.status?.sync?.status === 'Synced' && deployed(a), 60_000);
  assert.equal(synced.status?.resources?.find((r) => r.kind === 'Ingress')?.health?.status, 'Progressing');
  assert.equal(synced.status?.sourceType, 'Helm');
  const kinds = (synced.status?.resources ?? []).map((r) => r.kind).sort();
  for (const kind of ['ConfigMap', 'Deployment', 'Ingress', 'Service']) assert.ok(kinds.includes(kind), `${kind} among ${kinds.join(', ')}`);
  const ingresses = await hub.api.list('networking.k8s.io/v1', 'Ingress', { namespace: ns });
  assert.match(JSON.stringify(ingresses.items[0]?.spec ?? {}), /shop\.example\.com/, 'values-prod.yaml applied');
});

test('the refresh annotation (normal and hard) refreshes the app, records reconciledAt and is consumed', async () => {
  const ns = `refresh-${suffix}`;
  await push('refresh', { 'app/cm.yaml': configMap('r', { a: '1' }) });
  await hub.api.apply(appOf('refresh', 'refresh', { destNamespace: ns, syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] } }));
  const before = await waitApp('refresh', 'Synced', (a) => a.status?.sync?.status === 'Synced', 40_000);
  for (const mode of ['normal', 'hard'] as const) {
    await new Promise((r) => setTimeout(r, 1100)); // reconciledAt has a resolution of one second
    const previous = (await app('refresh')).status?.reconciledAt ?? before.status?.reconciledAt;
    await rig.refreshApp('refresh', mode);
    const refreshed = await waitApp('refresh', `${mode} refresh consumed`, (a) => a.metadata.annotations?.['argocd.argoproj.io/refresh'] === undefined && a.status?.reconciledAt !== previous);
    assert.equal(refreshed.status?.sync?.status, 'Synced');
  }
});
