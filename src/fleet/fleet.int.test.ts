import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../core/index.js';
import { loadKubeConfig, type Cluster, type KubeObject } from '../kube/index.js';
import { connectTestCluster, createTestNamespace, eventually, testConfigMap, testKubeconfig, testLogger } from '../testkit/index.js';
import { createFleetController, createKubernetesRegistrationStore, type FleetController, type RegistrationStore } from './index.js';

// The run's control plane is the only apiserver, so pretend spokes are the hub's own endpoint
// registered under other names, with the credentials of the test kubeconfig. Each test has its own
// registration namespace and control namespace (where its cluster secrets go) and its own controller.

interface Fleet {
  reg: string;
  ctl: string;
  store: RegistrationStore;
  controller: FleetController;
}

let hub: Cluster;
let endpoint: { server: string; ca: string; token: string };
const cleanups: (() => Promise<void>)[] = [];

before(async () => {
  hub = await connectTestCluster();
  const kc = loadKubeConfig({ path: testKubeconfig() });
  endpoint = { server: kc.getCurrentCluster()?.server ?? '', ca: kc.getCurrentCluster()?.caData ?? '', token: kc.getCurrentUser()?.token ?? '' };
});

after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  hub.close();
});

async function startFleet(prefix: string): Promise<Fleet> {
  const reg = await createTestNamespace(hub, `${prefix}-reg`);
  const ctl = await createTestNamespace(hub, `${prefix}-ctl`);
  const store = createKubernetesRegistrationStore({ hub, namespace: reg.name, clock: systemClock, log: testLogger() });
  const controller = createFleetController({ hub, store, controlNamespace: ctl.name, checkIntervalMs: 1000, clock: systemClock, log: testLogger() });
  const abort = new AbortController();
  await controller.start(abort.signal);
  cleanups.push(async () => {
    abort.abort();
    await controller.stop();
    await reg.cleanup();
    await ctl.cleanup();
  });
  return { reg: reg.name, ctl: ctl.name, store, controller };
}

function registration(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cluster_name: name,
    cluster_endpoint: endpoint.server,
    cluster_ca_certificate: endpoint.ca,
    aws_region: 'local',
    resource_prefix: 'peeks-workshop',
    environment: name,
    tenant: 'platform-team',
    cluster_type: 'spoke',
    labels: { environment: name, region: 'local', 'cluster-type': 'spoke', tenant: 'platform-team', 'resource-prefix': 'peeks-workshop', 'workload-type': 'applications', enable_metrics_server: 'true' },
    annotations: { addons_repo_basepath: 'gitops/addons/', helm_values_path: `values/${name}.yaml`, sync_wave: '10' },
    bearer_token: endpoint.token,
    ...extra,
  };
}

const put = (f: Fleet, name: string, doc: unknown): Promise<void> => f.store.put(`cluster-registration-${name}`, typeof doc === 'string' ? doc : JSON.stringify(doc));
const secretOf = (f: Fleet, name: string): Promise<KubeObject | undefined> => hub.api.get({ apiVersion: 'v1', kind: 'Secret', namespace: f.ctl, name });
const connectionOf = async (f: Fleet, name: string): Promise<Record<string, string> | undefined> =>
  (await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: f.ctl, name: `${name}-connection` }))?.data as Record<string, string> | undefined;
const reportOf = async (f: Fleet, name: string): Promise<Record<string, string>> =>
  (await hub.api.get({ apiVersion: 'v1', kind: 'Secret', namespace: f.reg, name: `cluster-registration-${name}` }))?.metadata.annotations ?? {};
const decoded = (s: KubeObject, key: string): string => Buffer.from((s.data as Record<string, string>)[key] ?? '', 'base64').toString('utf8');

test('a registration becomes an Argo CD cluster secret with its labels and annotations, and its connection is checked', async () => {
  const f = await startFleet('fleet-a');
  await put(f, 'dev', registration('dev'));
  const secret = await eventually('cluster secret cluster-dev', () => secretOf(f, 'cluster-dev'));
  assert.equal(secret.metadata.labels?.['argocd.argoproj.io/secret-type'], 'cluster');
  assert.equal(secret.metadata.labels?.['gantry.io/fleet-managed'], 'true');
  assert.equal(secret.metadata.labels?.['cluster-type'], 'spoke');
  assert.equal(secret.metadata.labels?.enable_metrics_server, 'true');
  assert.equal(secret.metadata.annotations?.helm_values_path, 'values/dev.yaml');
  assert.equal(secret.metadata.annotations?.aws_region, 'local');
  assert.equal(secret.metadata.annotations?.['gantry.io/registration'], `${f.reg}/cluster-registration-dev`);
  assert.equal(decoded(secret, 'name'), 'dev');
  assert.equal(decoded(secret, 'server'), endpoint.server);
  assert.deepEqual(JSON.parse(decoded(secret, 'config')), { bearerToken: endpoint.token, tlsClientConfig: { insecure: false, caData: endpoint.ca } });
  const managers = (secret.metadata.managedFields as { manager: string; operation: string }[]).map((m) => `${m.manager}/${m.operation}`);
  assert.ok(managers.includes('gantry/Apply'), managers.join(', '));

  const conn = await eventually('connection status', async () => ((await connectionOf(f, 'cluster-dev'))?.state === 'Successful' ? connectionOf(f, 'cluster-dev') : undefined));
  assert.match(conn?.serverVersion ?? '', /^v1\.\d+/);
  assert.equal(conn?.reachable, 'true');
  assert.ok(Date.now() - Date.parse(conn?.lastContact ?? '') < 60_000);
  const report = await eventually('Registered', async () => ((await reportOf(f, 'dev'))['gantry.io/registration-state'] === 'Registered' ? reportOf(f, 'dev') : undefined));
  assert.equal(report['gantry.io/cluster-secret'], `${f.ctl}/cluster-dev`);

  // A later check moves attemptedAt on without touching the cluster secret.
  const first = conn?.attemptedAt;
  await eventually('a second check', async () => ((await connectionOf(f, 'cluster-dev'))?.attemptedAt !== first ? true : undefined));
  assert.equal((await secretOf(f, 'cluster-dev'))?.metadata.resourceVersion, secret.metadata.resourceVersion);
});

test('a label change propagates, and a deleted cluster secret is put back', async () => {
  const f = await startFleet('fleet-b');
  await put(f, 'dev', registration('dev'));
  await eventually('cluster secret', () => secretOf(f, 'cluster-dev'));
  const changed = registration('dev');
  (changed.labels as Record<string, string>).environment = 'staging';
  (changed.labels as Record<string, string>).enable_karpenter = 'true';
  delete (changed.labels as Record<string, string>).enable_metrics_server;
  await put(f, 'dev', changed);
  const secret = await eventually('labels updated', async () => {
    const s = await secretOf(f, 'cluster-dev');
    return s?.metadata.labels?.environment === 'staging' ? s : undefined;
  });
  assert.equal(secret.metadata.labels?.enable_karpenter, 'true');
  assert.equal(secret.metadata.labels?.enable_metrics_server, undefined, 'a label removed from the registration leaves the cluster secret');
  await hub.api.delete({ apiVersion: 'v1', kind: 'Secret', namespace: f.ctl, name: 'cluster-dev' });
  const back = await eventually('cluster secret recreated', async () => {
    const s = await secretOf(f, 'cluster-dev');
    return s && s.metadata.uid !== secret.metadata.uid ? s : undefined;
  });
  assert.equal(back.metadata.labels?.environment, 'staging');
});

test('malformed registrations are reported with secret and field; other clusters and the existing cluster secret are untouched', async () => {
  const f = await startFleet('fleet-c');
  await put(f, 'good', registration('good'));
  const good = await eventually('good registered', () => secretOf(f, 'cluster-good'));
  await put(f, 'badjson', '{"cluster_name": "badjson", ');
  await put(f, 'badlabel', registration('badlabel', { labels: { tier: 'not valid!' } }));
  await put(f, 'noname', registration('', { cluster_name: undefined }));
  const invalid = async (name: string): Promise<string | undefined> => {
    const a = await reportOf(f, name);
    return a['gantry.io/registration-state'] === 'Invalid' ? a['gantry.io/registration-message'] : undefined;
  };
  assert.match(await eventually('badjson reported', () => invalid('badjson')), new RegExp(`^registration secret ${f.reg}/cluster-registration-badjson: data.config: is not valid JSON`));
  assert.match(await eventually('badlabel reported', () => invalid('badlabel')), /cluster-registration-badlabel: labels.tier: value "not valid!" is not a valid label value/);
  assert.match(await eventually('noname reported', () => invalid('noname')), /cluster-registration-noname: cluster_name: is missing/);
  const events = await eventually('a warning event', async () => {
    const list = await hub.api.list('v1', 'Event', { namespace: f.reg });
    const found = list.items.filter((e) => e.reason === 'InvalidRegistration');
    return found.length >= 3 ? found : undefined;
  });
  assert.ok(events.some((e) => (e.involvedObject as { name: string }).name === 'cluster-registration-badlabel'));
  assert.equal((await secretOf(f, 'cluster-badlabel')), undefined);

  // The good cluster still follows its registration; breaking it later keeps its last cluster secret.
  await put(f, 'good', registration('good', { labels: { environment: 'good', 'cluster-type': 'hub' } }));
  const updated = await eventually('good updated', async () => ((await secretOf(f, 'cluster-good'))?.metadata.labels?.['cluster-type'] === 'hub' ? secretOf(f, 'cluster-good') : undefined));
  assert.notEqual(updated?.metadata.resourceVersion, good.metadata.resourceVersion);
  await put(f, 'good', registration('good', { cluster_endpoint: 'not a url' }));
  assert.match(await eventually('good now invalid', () => invalid('good')), /cluster_endpoint: "not a url" is not a URL/);
  const kept = await secretOf(f, 'cluster-good');
  assert.equal(kept?.metadata.resourceVersion, updated?.metadata.resourceVersion, 'the existing cluster secret is left as it was');
});

test('deregistration removes the cluster secret and nothing deployed to the cluster', async () => {
  const f = await startFleet('fleet-d');
  const workload = await createTestNamespace(hub, 'fleet-d-workload');
  cleanups.push(workload.cleanup);
  await hub.api.apply(testConfigMap(workload.name, 'deployed-app', { a: '1' }));
  await put(f, 'prod', registration('prod'));
  await eventually('registered', () => secretOf(f, 'cluster-prod'));
  await eventually('connection status', () => connectionOf(f, 'cluster-prod'));
  assert.equal(await f.store.remove('cluster-registration-prod'), true);
  await eventually('cluster secret removed', async () => ((await secretOf(f, 'cluster-prod')) ? undefined : true));
  await eventually('connection status removed', async () => ((await connectionOf(f, 'cluster-prod')) ? undefined : true));
  assert.ok(await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: workload.name, name: 'deployed-app' }), 'what was deployed stays');
  assert.ok(await hub.api.get({ apiVersion: 'v1', kind: 'Namespace', name: workload.name }));
});

test('an unreachable endpoint and rejected credentials are reported as such', async () => {
  const f = await startFleet('fleet-e');
  await put(f, 'gone', registration('gone', { cluster_endpoint: 'https://127.0.0.1:1' }));
  await put(f, 'badtoken', registration('badtoken', { bearer_token: 'not-a-token' }));
  const gone = await eventually('gone checked', () => connectionOf(f, 'cluster-gone'));
  assert.equal(gone.state, 'Failed');
  assert.equal(gone.reachable, 'false');
  assert.match(gone.message ?? '', /^unreachable: .*127\.0\.0\.1:1/);
  assert.equal(gone.lastContact, undefined);
  assert.ok(await secretOf(f, 'cluster-gone'), 'an unreachable cluster is still registered');
  const bad = await eventually('badtoken checked', () => connectionOf(f, 'cluster-badtoken'));
  assert.equal(bad.state, 'Failed');
  assert.equal(bad.reachable, 'true');
  assert.match(bad.message ?? '', /credentials were rejected \(HTTP 401\)/);
});

test('credentials from a referenced Secret: pending until it exists, then registered; two registrations of one cluster conflict', async () => {
  const f = await startFleet('fleet-f');
  await put(f, 'dev', registration('dev', { bearer_token: undefined, credentials_secret: 'dev-credentials' }));
  const pending = await eventually('pending', async () => {
    const a = await reportOf(f, 'dev');
    return a['gantry.io/registration-state'] === 'Pending' ? a['gantry.io/registration-message'] : undefined;
  });
  assert.match(pending, /credentials_secret: Secret dev-credentials does not exist/);
  const creds = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'dev-credentials', namespace: f.reg }, type: 'Opaque', stringData: { token: endpoint.token } };
  await hub.api.apply(creds);
  const secret = await eventually('registered with the referenced token', () => secretOf(f, 'cluster-dev'));
  assert.equal(JSON.parse(decoded(secret, 'config')).bearerToken, endpoint.token);
  await eventually('connected', async () => ((await connectionOf(f, 'cluster-dev'))?.state === 'Successful' ? true : undefined));

  await put(f, 'dev-again', registration('dev'));
  const conflict = await eventually('conflict reported', async () => {
    const a = await reportOf(f, 'dev-again');
    return a['gantry.io/registration-state'] === 'Pending' ? a['gantry.io/registration-message'] : undefined;
  });
  assert.match(conflict, /already belongs to registration .*\/cluster-registration-dev/);
  assert.equal((await secretOf(f, 'cluster-dev'))?.metadata.annotations?.['gantry.io/registration'], `${f.reg}/cluster-registration-dev`);
});

test('a registration removed while the controller was stopped takes its cluster secret at the next start; others stay', async () => {
  const f = await startFleet('fleet-g');
  await put(f, 'stay', registration('stay'));
  await put(f, 'leave', registration('leave'));
  await eventually('both registered', async () => ((await secretOf(f, 'cluster-stay')) && (await secretOf(f, 'cluster-leave')) ? true : undefined));
  await f.controller.stop();
  assert.equal(await f.store.remove('cluster-registration-leave'), true);
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(await secretOf(f, 'cluster-leave'), 'nothing removes it while no controller runs');
  const store = createKubernetesRegistrationStore({ hub, namespace: f.reg, clock: systemClock, log: testLogger() });
  const again = createFleetController({ hub, store, controlNamespace: f.ctl, checkIntervalMs: 1000, clock: systemClock, log: testLogger() });
  await again.start(new AbortController().signal);
  cleanups.push(() => again.stop());
  await eventually('orphaned cluster secret removed', async () => ((await secretOf(f, 'cluster-leave')) ? undefined : true));
  assert.ok(await secretOf(f, 'cluster-stay'));
});

test('renaming the cluster in its registration moves the cluster secret', async () => {
  const f = await startFleet('fleet-h');
  await put(f, 'edge', registration('edge-a'));
  const before = await eventually('first name', () => secretOf(f, 'cluster-edge-a'));
  await put(f, 'edge', registration('edge-b'));
  const after = await eventually('second name', () => secretOf(f, 'cluster-edge-b'));
  assert.equal(decoded(after, 'name'), 'edge-b');
  await eventually('old name removed', async () => ((await secretOf(f, 'cluster-edge-a')) ? undefined : true));
  assert.equal(before.metadata.annotations?.['gantry.io/registration'], after.metadata.annotations?.['gantry.io/registration']);
});

test('the hub registered by its in-cluster address is checked over gantry\'s own connection to it', async () => {
  const f = await startFleet('fleet-i');
  await put(f, 'hub', registration('hub', { cluster_endpoint: 'https://kubernetes.default.svc', cluster_ca_certificate: undefined, bearer_token: undefined, cluster_type: 'hub', labels: { 'cluster-type': 'hub' } }));
  const conn = await eventually('hub checked', () => connectionOf(f, 'cluster-hub'));
  assert.equal(conn.state, 'Successful', conn.message);
  assert.match(conn.serverVersion ?? '', /^v1\./);
  assert.equal(decoded((await secretOf(f, 'cluster-hub')) as KubeObject, 'server'), 'https://kubernetes.default.svc');
});
