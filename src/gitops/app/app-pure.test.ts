import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideAutoSync, overallHealth, overallSync, parseDuration, retryDelayMs } from './app-status.js';
import type { ComparedResource } from './compare.js';
import { kubeconfigFor } from '../../fleet/index.js';
import { parseClusterSecret, isInCluster, isInClusterServer } from './cluster-secret.js';
import { prepareDesired, imagesOf, scopesFromCrds } from './desired.js';
import { checkSourceAndDestination, globMatch, isResourcePermitted } from './project.js';
import { formatTrackingId, isTrackedBy, parseTrackingId, trackingAppName } from './tracking.js';
import { hasSyncOption, syncOptionValue } from './sync-options.js';
import type { Application } from './types.js';

test('tracking ids are written and read as Argo CD writes them', () => {
  const id = { appName: 'guestbook', group: 'apps', kind: 'Deployment', namespace: 'default', name: 'web' };
  assert.equal(formatTrackingId(id), 'guestbook:apps/Deployment:default/web');
  assert.deepEqual(parseTrackingId('guestbook:apps/Deployment:default/web'), id);
  assert.deepEqual(parseTrackingId('guestbook:/Namespace:/team-a'), { appName: 'guestbook', group: '', kind: 'Namespace', namespace: '', name: 'team-a' });
  assert.equal(parseTrackingId('not a tracking id'), undefined);
  assert.equal(trackingAppName({ name: 'a', namespace: 'argocd' }, 'argocd'), 'a');
  assert.equal(trackingAppName({ name: 'a', namespace: 'team' }, 'argocd'), 'team_a');
  const obj = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', annotations: { 'argocd.argoproj.io/tracking-id': 'guestbook:apps/Deployment:default/web' } } };
  assert.equal(isTrackedBy(obj, 'guestbook'), true);
  assert.equal(isTrackedBy(obj, 'other'), false);
  assert.equal(isTrackedBy({ ...obj, metadata: { ...obj.metadata, name: 'copy' } }, 'guestbook'), false, 'a copied annotation does not make an object tracked');
});

test('prepareDesired defaults namespaces, tracks resources and keeps hooks apart', () => {
  const d = prepareDesired(
    [
      { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, namespaced: true },
      { object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', namespace: 'wrong' } }, namespaced: false },
      { object: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } } }, namespaced: true },
    ],
    { appName: 'app', destNamespace: 'team' },
  );
  assert.deepEqual(d.resources.map((r) => [r.metadata?.namespace, r.metadata?.annotations?.['argocd.argoproj.io/tracking-id']]), [['team', 'app:/ConfigMap:team/a'], [undefined, 'app:/Namespace:/x']]);
  assert.equal(d.hooks.length, 1);
  assert.equal(d.hooks[0]?.metadata?.namespace, 'team');
  assert.deepEqual(imagesOf([{ spec: { template: { spec: { containers: [{ image: 'b:1' }, { image: 'a:2' }], initContainers: [{ image: 'b:1' }] } } } }]), ['a:2', 'b:1']);
  assert.deepEqual([...scopesFromCrds([{ kind: 'CustomResourceDefinition', spec: { group: 'x.io', names: { kind: 'Widget' }, scope: 'Cluster' } }])], [['x.io/Widget', false]]);
});

test('projects allow and deny sources, destinations and kinds', () => {
  const project = { name: 'team', spec: { sourceRepos: ['https://git.example.com/team/*', '!https://git.example.com/team/secret*'], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'team-*' }], clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }], namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }] } };
  const dest = { server: 'https://kubernetes.default.svc', namespace: 'team-a' };
  assert.equal(checkSourceAndDestination(project, { repoURL: 'https://git.example.com/team/app.git' }, dest), undefined);
  assert.match(checkSourceAndDestination(project, { repoURL: 'https://git.example.com/team/secrets.git' }, dest) ?? '', /is not permitted in project 'team'/);
  assert.match(checkSourceAndDestination(project, { repoURL: 'https://git.example.com/team/app.git' }, { ...dest, namespace: 'kube-system' }) ?? '', /do not match any of the allowed destinations/);
  assert.equal(isResourcePermitted(project.spec, { group: '', kind: 'Namespace', namespaced: false }), true);
  assert.equal(isResourcePermitted(project.spec, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', namespaced: false }), false);
  assert.equal(isResourcePermitted(project.spec, { group: '', kind: 'ResourceQuota', namespaced: true }), false);
  assert.equal(isResourcePermitted(project.spec, { group: 'apps', kind: 'Deployment', namespaced: true }), true);
  assert.equal(globMatch('*', 'anything'), true);
  assert.equal(globMatch('a.b', 'aXb'), false);
});

test('cluster secrets parse as Argo CD defines them and never leak credentials in errors', () => {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const secret = { metadata: { name: 'prod', namespace: 'argocd' }, data: { name: b64('prod'), server: b64('https://10.0.0.1:6443/'), config: b64(JSON.stringify({ bearerToken: 's3cr3t', tlsClientConfig: { caData: 'Q0E=' } })) } };
  const parsed = parseClusterSecret(secret);
  assert.ok(parsed.ok);
  assert.equal(parsed.value.server, 'https://10.0.0.1:6443');
  assert.match(kubeconfigFor(parsed.value), /"token":"s3cr3t"/);
  assert.deepEqual(parsed.value.config, { bearerToken: 's3cr3t', tlsClientConfig: { insecure: false, caData: 'Q0E=' } });
  const basic = parseClusterSecret({ metadata: { name: 'b' }, stringData: { server: 'https://b', config: JSON.stringify({ username: 'u', password: 'p', tlsClientConfig: { insecure: true, serverName: 'api.b' } }) } });
  assert.ok(basic.ok);
  const kc = JSON.parse(kubeconfigFor(basic.value)) as { clusters: { cluster: Record<string, unknown> }[]; users: { user: Record<string, unknown> }[] };
  assert.deepEqual(kc.clusters[0]?.cluster, { server: 'https://b', 'insecure-skip-tls-verify': true, 'tls-server-name': 'api.b' });
  assert.deepEqual(kc.users[0]?.user, { username: 'u', password: 'p' });
  const bad = parseClusterSecret({ metadata: { name: 'x', namespace: 'argocd' }, stringData: { server: 'https://y', config: '{"bearerToken": "s3cr3t"' } });
  assert.ok(!bad.ok);
  assert.equal(bad.ok ? '' : bad.error, 'cluster secret argocd/x: data.config is not valid JSON');
  assert.ok(!parseClusterSecret({ metadata: { name: 'x' }, data: {} }).ok);
  assert.equal(isInCluster({ server: 'https://kubernetes.default.svc/' }), true);
  assert.equal(isInCluster({ name: 'in-cluster' }), true);
  assert.equal(isInCluster({ name: 'prod' }), false);
  assert.equal(isInClusterServer('https://kubernetes.default.svc/'), true);
  assert.equal(isInClusterServer('https://10.0.0.1:6443'), false);
});

const res = (o: Partial<ComparedResource>): ComparedResource => ({ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'n', name: 'a', status: 'Synced', ...o });
const appWith = (o: { automated?: Record<string, unknown>; lastRevision?: string; lastPhase?: string }): Application => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'a', namespace: 'argocd' },
  spec: { destination: {}, syncPolicy: o.automated ? { automated: o.automated } : {} },
  status: o.lastRevision ? { operationState: { operation: {}, phase: (o.lastPhase ?? 'Succeeded') as 'Succeeded', startedAt: '', syncResult: { revision: o.lastRevision } } } : {},
});

test('decideAutoSync follows Argo CD: once per revision, selfHeal for drift, never an empty wipe-out', () => {
  const outOfSync = [res({ target: {}, status: 'OutOfSync' })];
  const cases: [string, Application, ComparedResource[], string][] = [
    ['off', appWith({}), outOfSync, 'skip'],
    ['in sync', appWith({ automated: {} }), [res({ target: {} })], 'skip'],
    ['new revision', appWith({ automated: {}, lastRevision: 'old' }), outOfSync, 'start'],
    ['same revision, no selfHeal', appWith({ automated: {}, lastRevision: 'rev' }), outOfSync, 'skip'],
    ['same revision, selfHeal', appWith({ automated: { selfHeal: true }, lastRevision: 'rev' }), outOfSync, 'start'],
    ['same revision failed', appWith({ automated: { selfHeal: true }, lastRevision: 'rev', lastPhase: 'Failed' }), outOfSync, 'skip'],
    ['empty with prune', appWith({ automated: { prune: true } }), [res({ live: {}, status: 'OutOfSync', requiresPruning: true })], 'refuse'],
    ['empty with allowEmpty', appWith({ automated: { prune: true, allowEmpty: true } }), [res({ live: {}, status: 'OutOfSync', requiresPruning: true })], 'start'],
  ];
  for (const [name, app, compared, expected] of cases) {
    const d = decideAutoSync(app, compared, { revisions: ['rev'], multi: false });
    assert.ok(expected in d, `${name}: ${JSON.stringify(d)}`);
  }
  const start = decideAutoSync(appWith({ automated: { prune: true } }), outOfSync, { revisions: ['rev'], multi: false });
  assert.deepEqual('start' in start && start.start.sync, { revision: 'rev', prune: true, syncOptions: [] });
});

test('overall sync and health, retry backoff and sync options', () => {
  assert.equal(overallSync([res({}), res({ requiresPruning: true })]), 'OutOfSync');
  assert.deepEqual(overallHealth([res({ health: { status: 'Healthy' } }), res({ health: { status: 'Progressing' } }), res({ health: { status: 'Degraded' }, requiresPruning: true })]), { status: 'Progressing' });
  assert.deepEqual(overallHealth([]), { status: 'Healthy' });
  assert.equal(parseDuration('5s', 0), 5000);
  assert.equal(parseDuration('3m', 0), 180_000);
  assert.equal(parseDuration('junk', 7), 7);
  assert.deepEqual([1, 2, 3, 4].map((n) => retryDelayMs({ backoff: { duration: '1s', factor: 2, maxDuration: '5s' } }, n)), [1000, 2000, 4000, 5000]);
  assert.equal(hasSyncOption(['CreateNamespace=true', 'PruneLast=TRUE'], 'PruneLast=true'), true);
  assert.equal(hasSyncOption(['CreateNamespace=false'], 'CreateNamespace=true'), false);
  assert.equal(syncOptionValue(['PrunePropagationPolicy=background'], 'PrunePropagationPolicy'), 'background');
});
