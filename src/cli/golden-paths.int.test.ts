import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../core/index.js';
import type { Cluster, KubeObject } from '../kube/index.js';
import { createDefaultOrchestrator, type Orchestrator } from '../orchestrator/index.js';
import type { Runnable } from '../runtime/index.js';
import { createSimulatedNodes } from '../simnodes/index.js';
import { connectTestCluster, createTestNamespace, eventually, testLogger } from '../testkit/index.js';

// The WebApplication golden path end to end as `gantry up` runs it: the orchestrator installs the
// golden paths, simulated nodes run the pods, and an instance goes IN_PROGRESS -> ACTIVE once its
// Deployment is available, with its status projected from the live objects.
let hub: Cluster;
let orchestrator: Orchestrator;
let sim: Runnable;
let ns: { name: string; cleanup: () => Promise<void> };
const abort = new AbortController();

before(async () => {
  hub = await connectTestCluster();
  ns = await createTestNamespace(hub, 'webapp');
  sim = createSimulatedNodes({ cluster: hub, count: 2, clock: systemClock, log: testLogger() });
  await sim.start(abort.signal);
  orchestrator = createDefaultOrchestrator({ hub, clock: systemClock, log: testLogger(), rgdSelector: 'app.kubernetes.io/part-of=gantry' });
  await orchestrator.start(abort.signal);
});

after(async () => {
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
