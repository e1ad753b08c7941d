import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../core/index.js';
import { createGitReader, createGitServer, createRepoStore, type GitServer } from '../git/index.js';
import { compareWithDiff, createApplicationController, renderWithDirectory, type ApplicationController } from '../gitops/index.js';
import type { Cluster, KubeObject } from '../kube/index.js';
import { createDefaultOrchestrator, type Orchestrator } from '../orchestrator/index.js';
import type { Runnable } from '../runtime/index.js';
import { createSimulatedNodes } from '../simnodes/index.js';
import { connectTestCluster, createTestNamespace, createTestRepos, eventually, testLogger, type TestRepos } from '../testkit/index.js';

// The WebApplication golden path end to end as `gantry up` runs it: the orchestrator installs the
// golden paths, simulated nodes run the pods, and an instance goes IN_PROGRESS -> ACTIVE once its
// Deployment is available, with its status projected from the live objects.
let hub: Cluster;
let orchestrator: Orchestrator;
let sim: Runnable;
let ns: { name: string; cleanup: () => Promise<void> };
const abort = new AbortController();
const controlNamespace = `gantry-golden-${randomBytes(3).toString('hex')}`;
let dir: string;
let server: GitServer;
let baseUrl: string;
let repos: TestRepos;
let apps: ApplicationController;

before(async () => {
  hub = await connectTestCluster();
  ns = await createTestNamespace(hub, 'webapp');
  sim = createSimulatedNodes({ cluster: hub, count: 2, clock: systemClock, log: testLogger() });
  await sim.start(abort.signal);
  // As `gantry up` wires it: the Application controller first (it serves AppProject), then the orchestrator.
  dir = mkdtempSync(join(tmpdir(), 'gantry-golden-'));
  const token = randomBytes(8).toString('hex');
  const store = createRepoStore({ root: join(dir, 'git') });
  server = createGitServer({ store, token, readAccess: 'open', log: testLogger() });
  baseUrl = (await server.listen(0)).url;
  repos = createTestRepos({ dir, store, baseUrl, token });
  const reader = createGitReader({ store, cacheDir: join(dir, 'cache'), log: testLogger(), hostedUrlPrefixes: [`${baseUrl}/git/`] });
  apps = createApplicationController({ hub, reader, render: renderWithDirectory, compare: compareWithDiff, controlNamespace, clock: systemClock, log: testLogger() });
  server.onPush((e) => apps.refreshWhere((url) => url.endsWith(`/git/${e.repo}.git`)));
  await apps.start(abort.signal);
  orchestrator = createDefaultOrchestrator({ hub, clock: systemClock, log: testLogger(), rgdSelector: 'app.kubernetes.io/part-of=gantry' });
  await orchestrator.start(abort.signal);
});

after(async () => {
  const left = await hub.api.list('argoproj.io/v1alpha1', 'Application', { namespace: controlNamespace }).catch(() => ({ items: [] as KubeObject[] }));
  for (const a of left.items) await hub.api.patch({ apiVersion: a.apiVersion, kind: a.kind, namespace: controlNamespace, name: a.metadata.name ?? '' }, { metadata: { finalizers: [] } }, { type: 'merge' }).catch(() => undefined);
  await apps.stop?.();
  await hub.api.delete({ apiVersion: 'v1', kind: 'Namespace', name: controlNamespace }).catch(() => undefined);
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  await orchestrator.stop?.();
  await sim.stop?.();
  await ns.cleanup();
  hub.close();
});

test('a WebApplication instance becomes ACTIVE once its Deployment is available, with its status projected, and deletes cleanly', async () => {
  await eventually('WebApplication served', () => (orchestrator.running().includes('webapplication.gantry.io') ? true : undefined), 30_000);
  const target = { apiVersion: 'platform.gantry.io/v1alpha1', kind: 'WebApplication', namespace: ns.name, name: 'store' };
  await hub.api.apply({ apiVersion: target.apiVersion, kind: target.kind, metadata: { name: 'store', namespace: ns.name }, spec: { image: 'ghcr.io/acme/store:2.1', host: 'store.example.com', replicas: 1 } });
  const active = await eventually('instance ACTIVE', async () => {
    const i = await hub.api.get(target);
    const st = i?.status as { state?: string; conditions?: unknown } | undefined;
    if (st?.state === 'ACTIVE') return i;
    throw new Error(`state ${st?.state}: ${JSON.stringify(st?.conditions)}`);
  }, 60_000);
  const status = active.status as { availableReplicas: number; url: string; conditions: { type: string; status: string }[] };
  assert.equal(status.availableReplicas, 1);
  assert.equal(status.url, 'https://store.example.com');
  assert.ok(status.conditions.every((c) => c.status === 'True'));
  await hub.api.delete(target);
  await eventually('instance and children gone', async () => {
    const left = await Promise.all([hub.api.get(target), hub.api.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns.name, name: 'store' }), hub.api.get({ apiVersion: 'v1', kind: 'Service', namespace: ns.name, name: 'store' })]);
    return left.every((o: KubeObject | undefined) => o === undefined) ? true : undefined;
  }, 30_000);
});

test('a WebApplication delivered from Git by a gantry Application syncs, and the orchestrator takes it to ACTIVE', async () => {
  await repos.push('webapps', {
    'apps/web.yaml': `apiVersion: platform.gantry.io/v1alpha1\nkind: WebApplication\nmetadata:\n  name: catalog\nspec:\n  image: ghcr.io/acme/catalog:3.0\n  host: catalog.example.com\n  replicas: 1\n`,
  });
  await hub.api.apply({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'webapps', namespace: controlNamespace },
    spec: { project: 'default', source: { repoURL: `${baseUrl}/git/webapps.git`, path: 'apps', targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: ns.name }, syncPolicy: { automated: { prune: true } } },
  });
  const target = { apiVersion: 'platform.gantry.io/v1alpha1', kind: 'WebApplication', namespace: ns.name, name: 'catalog' };
  const active = await eventually('delivered instance ACTIVE', async () => {
    const i = await hub.api.get(target);
    const st = i?.status as { state?: string } | undefined;
    if (st?.state === 'ACTIVE') return i;
    const app = await hub.api.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: controlNamespace, name: 'webapps' });
    throw new Error(`instance ${st?.state ?? 'absent'}; app ${JSON.stringify((app?.status as { sync?: unknown; operationState?: { message?: string } } | undefined)?.operationState?.message ?? app?.status ?? {})}`);
  }, 90_000);
  assert.equal((active.status as { url: string }).url, 'https://catalog.example.com');
  assert.ok(await hub.api.get({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace: ns.name, name: 'catalog' }));
  // Removed from Git, the app prunes the instance; the orchestrator removes its children.
  await repos.push('webapps', { 'apps/web.yaml': null, 'apps/keep.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keep\ndata: {}\n' });
  await eventually('instance and its Deployment pruned', async () => {
    const left = await Promise.all([hub.api.get(target), hub.api.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns.name, name: 'catalog' })]);
    return left.every((o) => o === undefined) ? true : undefined;
  }, 60_000);
});
