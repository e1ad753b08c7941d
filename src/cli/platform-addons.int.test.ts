import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parse } from 'yaml';
import { createApplicationSetController, type ApplicationSetController } from '../appset/index.js';
import { systemClock } from '../core/index.js';
import { createGitReader, createGitServer, createRepoStore, type GitServer } from '../git/index.js';
import { compareWithDiff, createApplicationController, createSourceRenderer, type ApplicationController } from '../gitops/index.js';
import { loadKubeConfig, type Cluster, type KubeObject } from '../kube/index.js';
import { connectTestCluster, createTestRepos, eventually, testKubeconfig, testLogger, type TestRepos } from '../testkit/index.js';
import { seedExample } from './cli-rig.js';

// The acceptance path end to end: registration-shaped cluster Secrets -> the platform-addons
// ApplicationSet -> Applications -> the Application controller -> objects in the spoke. The test
// control plane plays both hub and spoke (the spoke is registered by its real URL and token). The
// example's repoURL is GitHub, which this machine cannot reach: the reader mirrors it to a hosted
// repo holding the chart the example points at (as `--git-mirror` does), so the template is
// unchanged. src/cli/fleet-acceptance.int.test.ts runs the same example through `gantry up --spokes`.
const suffix = randomBytes(3).toString('hex');
const ns = `gantry-addons-${suffix}`;
const token = randomBytes(8).toString('hex');
const API = 'argoproj.io/v1alpha1';
const UPSTREAM = 'https://github.com/aws-samples/appmod-blueprints';
let hub: Cluster;
let server: GitServer;
let repos: TestRepos;
let baseUrl: string;
let dir: string;
let apps: ApplicationController;
let appsets: ApplicationSetController;
const abort = new AbortController();
const configMapName = `addon-settings-${suffix}`;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gantry-addons-'));
  const log = testLogger();
  hub = await connectTestCluster();
  await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'gantry.io/test': 'true' } } });
  const store = createRepoStore({ root: join(dir, 'git') });
  server = createGitServer({ store, token, readAccess: 'open', log });
  baseUrl = (await server.listen(0)).url;
  repos = createTestRepos({ dir, store, baseUrl, token });
  const reader = createGitReader({ store, cacheDir: join(dir, 'cache'), log, hostedUrlPrefixes: [`${baseUrl}/git/`], urlRewrites: [{ from: UPSTREAM, to: 'addons' }] });
  apps = createApplicationController({ hub, reader, render: createSourceRenderer(), compare: compareWithDiff, controlNamespace: ns, clock: systemClock, log });
  appsets = createApplicationSetController({ hub, reader, controlNamespace: ns, clock: systemClock, log });
  await apps.start(abort.signal);
  await appsets.start(abort.signal);
});

after(async () => {
  await appsets.stop?.();
  const list = await hub.api.list(API, 'Application', { namespace: ns });
  for (const a of list.items) await hub.api.patch({ apiVersion: API, kind: 'Application', namespace: ns, name: a.metadata.name ?? '' }, { metadata: { finalizers: [] } }, { type: 'merge' }).catch(() => undefined);
  await apps.stop?.();
  await hub.api.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'kube-system', name: configMapName }).catch(() => undefined);
  await hub.api.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns });
  abort.abort();
  await server.close();
  hub.close();
  rmSync(dir, { recursive: true, force: true });
});

function registeredCluster(name: string, labels: Record<string, string>, annotations: Record<string, string>): KubeObject {
  const kc = loadKubeConfig({ path: testKubeconfig() });
  const config = { bearerToken: kc.getCurrentUser()?.token ?? '', tlsClientConfig: { insecure: false, caData: kc.getCurrentCluster()?.caData ?? '' } };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `cluster-${name}`, namespace: ns, labels: { 'argocd.argoproj.io/secret-type': 'cluster', ...labels }, annotations },
    type: 'Opaque',
    stringData: { name, server: kc.getCurrentCluster()?.server ?? '', config: JSON.stringify(config) },
  };
}

test('acceptance: platform-addons turns a registered spoke into a synced Helm release of its environment', async () => {
  const registration = JSON.parse(readFileSync(seedExample('registration-secret.json'), 'utf8')) as { labels: Record<string, string>; annotations: Record<string, string> };
  const chart = 'gitops/addons/environments/dev';
  await repos.push('addons', {
    [`${chart}/Chart.yaml`]: 'apiVersion: v2\nname: platform-addons\nversion: 0.1.0\n',
    [`${chart}/values.yaml`]: 'env: default\n',
    [`${chart}/values/dev.yaml`]: 'env: dev-from-helm-values-path\n',
    [`${chart}/templates/cm.yaml`]: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${configMapName}\ndata:\n  env: {{ .Values.env | quote }}\n`,
  });
  await hub.api.apply({ apiVersion: API, kind: 'AppProject', metadata: { name: registration.labels['tenant'] ?? '', namespace: ns }, spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] } });
  await hub.api.apply(registeredCluster('spoke-dev', registration.labels, registration.annotations));
  await hub.api.apply(registeredCluster('hub', { ...registration.labels, 'cluster-type': 'hub' }, registration.annotations));
  const appset = parse(readFileSync(seedExample('platform-addons-applicationset.yaml'), 'utf8')) as { metadata: object };
  await hub.api.apply({ ...appset, metadata: { ...appset.metadata, namespace: ns } } as unknown as KubeObject);

  const names = await eventually('only the spoke gets platform-addons', async () => {
    const list = (await hub.api.list(API, 'Application', { namespace: ns })).items.map((a) => a.metadata.name);
    return list.length === 1 ? list : undefined;
  });
  assert.deepEqual(names, ['spoke-dev-platform-addons']);
  const cm = await eventually('the add-on synced into the spoke', async () => hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'kube-system', name: configMapName }), 60_000);
  assert.deepEqual(cm.data, { env: 'dev-from-helm-values-path' });
  const app = await eventually('Synced and Healthy', async () => {
    const a = await hub.api.get({ apiVersion: API, kind: 'Application', namespace: ns, name: 'spoke-dev-platform-addons' });
    const s = a?.['status'] as { sync?: { status?: string }; health?: { status?: string } } | undefined;
    return s?.sync?.status === 'Synced' && s.health?.status === 'Healthy' ? a : undefined;
  }, 60_000);
  assert.equal((app['spec'] as { project: string }).project, 'platform-team');
  assert.equal((app['spec'] as { source: { repoURL: string } }).source.repoURL, UPSTREAM, 'the Application keeps the example\'s repoURL');
});
