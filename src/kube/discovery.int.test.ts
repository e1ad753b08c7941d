import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { NotFoundError } from '../core/index.js';
import { connectTestCluster, createTestNamespace, eventually } from '../testkit/index.js';
import { createDiscovery, type Cluster, type KubeObject } from './index.js';

// Discovery against the run's real apiserver: versions and resources come from the server, and a
// CRD created after the first look is found by refreshing on a miss.

let cluster: Cluster;

before(async () => {
  cluster = await connectTestCluster();
});

after(() => {
  cluster.close();
});

test('serverVersion is the embedded v1.20 apiserver', async () => {
  const version = await cluster.api.discovery.serverVersion();
  assert.match(version.gitVersion, /^v1\.20\.\d+/);
  assert.equal(version.major, '1');
  assert.equal(version.minor, '20');
});

test('resolve names the resource and scope of built-in kinds', async () => {
  const { discovery } = cluster.api;
  const deployments = await discovery.resolve('apps/v1', 'Deployment');
  assert.equal(deployments.group, 'apps');
  assert.equal(deployments.version, 'v1');
  assert.equal(deployments.resource, 'deployments');
  assert.equal(deployments.namespaced, true);
  assert.ok(deployments.verbs.includes('patch') && deployments.verbs.includes('watch'));
  const namespaces = await discovery.resolve('v1', 'Namespace');
  assert.deepEqual([namespaces.group, namespaces.resource, namespaces.namespaced], ['', 'namespaces', false]);
  const all = await discovery.resources();
  assert.ok(!all.some((r) => r.resource.includes('/')), 'subresources such as deployments/status are left out');
  await assert.rejects(discovery.resolve('apps/v1', 'NoSuchKind'), NotFoundError);
});

test('preferredVersion is a version the server serves, and undefined for an unknown group', async () => {
  const { discovery } = cluster.api;
  const preferred = await discovery.preferredVersion('autoscaling');
  assert.ok(preferred, 'autoscaling is served');
  const served = (await discovery.resources()).filter((r) => r.group === 'autoscaling' && r.version === preferred);
  assert.ok(served.some((r) => r.kind === 'HorizontalPodAutoscaler'), `autoscaling/${preferred} serves HorizontalPodAutoscaler`);
  assert.equal(await discovery.preferredVersion(''), 'v1');
  assert.equal(await discovery.preferredVersion('no-such-group.example.com'), undefined);
});

test('a kind whose CRD is created after the first discovery is resolved by refreshing on a miss', async (t) => {
  const group = `g${randomBytes(4).toString('hex')}.test.gantry.io`;
  const { api } = cluster;
  // A discovery of its own, loaded before the CRD exists, so the resolve below must refresh.
  const discovery = createDiscovery(api.client);
  assert.ok(!(await discovery.resources()).some((r) => r.group === group));

  const crd = gadgetCrd(group);
  const crdTarget = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: `gadgets.${group}` };
  t.after(async () => {
    await api.delete(crdTarget);
  });
  await api.apply(crd);
  await eventually('the CRD to be established', async () => {
    const live = await api.get<KubeObject & { status?: { conditions?: { type: string; status: string }[] } }>(crdTarget);
    return live?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ? true : undefined;
  });

  const gadgets = await eventually('resolve of Gadget to succeed', () => discovery.resolve(`${group}/v1`, 'Gadget'), 20_000);
  assert.deepEqual([gadgets.group, gadgets.version, gadgets.resource, gadgets.namespaced], [group, 'v1', 'gadgets', true]);
  assert.equal(await discovery.preferredVersion(group), 'v1');

  // The shared API resolves it too, and custom objects round-trip through apply and get.
  const ns = await createTestNamespace(cluster, 'kube-crd');
  t.after(ns.cleanup);
  const gadget: KubeObject = { apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name: 'g1', namespace: ns.name }, spec: { size: 3 } };
  await eventually('a Gadget to be applied', () => api.apply(gadget));
  const live = await api.get<KubeObject>({ apiVersion: `${group}/v1`, kind: 'Gadget', namespace: ns.name, name: 'g1' });
  assert.deepEqual(live?.spec, { size: 3 });

  assert.equal(await api.delete(crdTarget), true);
  await eventually('Gadget to be unknown once the CRD is gone and discovery is invalidated', async () => {
    discovery.invalidate();
    try {
      await discovery.resolve(`${group}/v1`, 'Gadget');
      return undefined;
    } catch (error) {
      return error instanceof NotFoundError ? true : undefined;
    }
  });
});

function gadgetCrd(group: string): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `gadgets.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
            },
          },
        },
      ],
    },
  };
}
