import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { fail, ok, systemClock } from '../core/index.js';
import type { Cluster, KubeObject } from '../kube/index.js';
import { connectTestCluster, createTestNamespace, eventually, testLogger } from '../testkit/index.js';
import type { ResourceGraph } from './graph/types.js';
import { createCelEvaluator } from './cel/evaluate.js';
import { adaptCelEvaluator } from './instance/kro-evaluator.js';
import { graphOf, field, resource } from './instance/testdata.js';
import { createOrchestrator, type GraphBuilder, type Orchestrator } from './rgd/rgd-controller.js';

// The graph builder is the other half of the module; here a small stand-in builds the graphs of
// this test's RGDs by hand, so the controllers are tested against the real apiserver on their own.
const suffix = randomBytes(3).toString('hex');
const group = `t${suffix}.kro.run`;
let hub: Cluster;
let orchestrator: Orchestrator;
let ns: { name: string; cleanup: () => Promise<void> };
const abort = new AbortController();

function crdFor(kind: string): Record<string, unknown> {
  const plural = `${kind.toLowerCase()}s`;
  const preserved = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      scope: 'Namespaced',
      versions: [{ name: 'v1alpha1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', properties: { spec: preserved, status: preserved } } } }],
    },
  };
}

/** ConfigMap (ready when another party sets data.ready=yes) -> Deployment -> Service (only when spec.expose). */
function testGraph(kind: string): ResourceGraph {
  const config = resource({
    id: 'config',
    template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '' }, data: { greeting: 'hi' } },
    fields: [field('metadata.name', 'schema.metadata.name + "-config"', ['schema'], false)],
    readyWhen: ['has(config.data.ready) && config.data.ready == "yes"'],
  });
  const deploy = resource({
    id: 'deploy',
    template: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: '' },
      spec: { replicas: 0, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'app', image: 'nginx', env: [{ name: 'CONFIG', value: '' }] }] } } },
    },
    fields: [field('metadata.name', 'schema.metadata.name', ['schema']), field('spec.template.spec.containers[0].env[0].value', 'config.metadata.name', ['config'])],
    dependencies: ['config'],
  });
  const service = resource({
    id: 'service',
    template: { apiVersion: 'v1', kind: 'Service', metadata: { name: '' }, spec: { selector: { app: 'x' }, ports: [{ port: 80, protocol: 'TCP' }] } },
    fields: [field('metadata.name', 'deploy.metadata.name', ['deploy'])],
    includeWhen: ['schema.spec.expose'],
    dependencies: ['deploy'],
  });
  const g = graphOf([config, deploy, service], [field('status.configName', 'config.metadata.name', ['config']), field('status.serviceName', 'service.metadata.name', ['service'])]);
  return { ...g, instance: { gvk: { group, version: 'v1alpha1', kind }, plural: `${kind.toLowerCase()}s`, crd: crdFor(kind), statusFields: g.instance.statusFields } };
}

const buildGraph: GraphBuilder = async (rgd) => {
  const kind = (rgd.spec as { schema: { kind: string } }).schema.kind;
  if (kind === 'Broken') return fail(new Error('resource deploy: expression ${nope.metadata.name} references unknown resource nope'));
  return ok(testGraph(kind));
};

function rgdOf(name: string, kind: string): KubeObject {
  return { apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', metadata: { name, labels: { 'gantry.io/test': `orchestrator-${suffix}` } }, spec: { schema: { apiVersion: 'v1alpha1', kind, group, spec: { expose: 'boolean' } }, resources: [{ id: 'config', template: {} }] } };
}

const rgdStatus = async (name: string): Promise<{ state?: string; topologicalOrder?: string[]; conditions?: { type: string; status: string; message: string }[] } | undefined> =>
  (await hub.api.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name }))?.status as never;

before(async () => {
  hub = await connectTestCluster();
  ns = await createTestNamespace(hub, 'kro');
  orchestrator = createOrchestrator({ hub, buildGraph, rgdSelector: `gantry.io/test=orchestrator-${suffix}`, evaluator: adaptCelEvaluator(createCelEvaluator()), clock: systemClock, log: testLogger() });
  await orchestrator.start(abort.signal);
});

after(async () => {
  await orchestrator.stop?.();
  for (const name of [`apps-${suffix}`, `broken-${suffix}`]) {
    await hub.api.delete({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name }).catch(() => undefined);
  }
  await hub.api.delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: `apps.${group}` }).catch(() => undefined);
  await ns.cleanup();
  hub.close();
});

test('an RGD reaches Active, registers its kind, and an instance creates its children in order with readyWhen gating', async () => {
  await hub.api.apply(rgdOf(`apps-${suffix}`, 'App'));
  const status = await eventually('RGD Active', async () => ((await rgdStatus(`apps-${suffix}`))?.state === 'Active' ? rgdStatus(`apps-${suffix}`) : undefined));
  assert.deepEqual(status?.topologicalOrder, ['config', 'deploy', 'service']);
  assert.deepEqual(status?.conditions?.map((c) => `${c.type}=${c.status}`), ['GraphAccepted=True', 'KindReady=True', 'ControllerReady=True', 'Ready=True']);
  assert.deepEqual(orchestrator.running(), [`apps-${suffix}`]);

  const apiVersion = `${group}/v1alpha1`;
  await hub.api.apply({ apiVersion, kind: 'App', metadata: { name: 'web', namespace: ns.name }, spec: { expose: true } });
  const cm = await eventually('ConfigMap created', () => hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns.name, name: 'web-config' }));
  assert.equal(cm.metadata.labels?.['kro.run/instance-name'], 'web');
  assert.equal(cm.metadata.labels?.['kro.run/owned'], 'true');
  const instance = await eventually('instance IN_PROGRESS with the ConfigMap name projected', async () => {
    const i = await hub.api.get({ apiVersion, kind: 'App', namespace: ns.name, name: 'web' });
    const st = i?.status as { state?: string; configName?: string } | undefined;
    return st?.state === 'IN_PROGRESS' && st.configName ? i : undefined;
  });
  assert.ok(instance.metadata.finalizers?.includes('kro.run/finalizer'));
  assert.equal((instance.status as { configName?: string }).configName, 'web-config', 'status projected from the ConfigMap');
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await hub.api.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns.name, name: 'web' }), undefined, 'the Deployment waits for the ConfigMap readyWhen');

  // Another party marks the ConfigMap ready: the Deployment, then the Service follow.
  await hub.api.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: ns.name }, data: { ready: 'yes' } }, { fieldManager: 'test-operator' });
  const deploy = await eventually('Deployment created', () => hub.api.get<KubeObject & { spec: { template: { spec: { containers: { env: { value: string }[] }[] } } } }>({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns.name, name: 'web' }));
  assert.equal(deploy.spec.template.spec.containers[0]?.env[0]?.value, 'web-config');
  await eventually('Service created', () => hub.api.get({ apiVersion: 'v1', kind: 'Service', namespace: ns.name, name: 'web' }));
  const active = await eventually('instance ACTIVE', async () => {
    const i = await hub.api.get({ apiVersion, kind: 'App', namespace: ns.name, name: 'web' });
    return (i?.status as { state?: string } | undefined)?.state === 'ACTIVE' ? i : undefined;
  });
  const st = active.status as { serviceName?: string; conditions: { type: string; status: string }[] };
  assert.equal(st.serviceName, 'web');
  assert.ok(st.conditions.some((c) => c.type === 'Ready' && c.status === 'True'));

  // includeWhen flips to false: the Service is pruned, the rest stays.
  await hub.api.patch({ apiVersion, kind: 'App', namespace: ns.name, name: 'web' }, { spec: { expose: false } }, { type: 'merge' });
  await eventually('Service pruned', async () => ((await hub.api.get({ apiVersion: 'v1', kind: 'Service', namespace: ns.name, name: 'web' })) ? undefined : true));
  assert.ok(await hub.api.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns.name, name: 'web' }));
  await hub.api.patch({ apiVersion, kind: 'App', namespace: ns.name, name: 'web' }, { spec: { expose: true } }, { type: 'merge' });
  await eventually('Service back', () => hub.api.get({ apiVersion: 'v1', kind: 'Service', namespace: ns.name, name: 'web' }));

  // Deleting the instance removes its children in reverse order, then the instance itself.
  const gone: string[] = [];
  const informers = await Promise.all([['v1', 'ConfigMap'], ['apps/v1', 'Deployment'], ['v1', 'Service']].map(([v, k]) => hub.cache.informer(v as string, k as string, { labelSelector: 'kro.run/owned=true' })));
  const offs = informers.map((inf) => inf.onChange((c) => {
    if (c.type === 'deleted' && c.object.metadata.namespace === ns.name) gone.push(c.object.kind);
  }));
  await hub.api.delete({ apiVersion, kind: 'App', namespace: ns.name, name: 'web' });
  await eventually('instance deleted', async () => ((await hub.api.get({ apiVersion, kind: 'App', namespace: ns.name, name: 'web' })) ? undefined : true));
  offs.forEach((off) => off());
  assert.deepEqual(gone, ['Service', 'Deployment', 'ConfigMap']);
});

test('an RGD whose graph is rejected is Inactive with the builder\'s message, and serves nothing', async () => {
  await hub.api.apply(rgdOf(`broken-${suffix}`, 'Broken'));
  const status = await eventually('RGD Inactive', async () => ((await rgdStatus(`broken-${suffix}`))?.state === 'Inactive' ? rgdStatus(`broken-${suffix}`) : undefined));
  const accepted = status?.conditions?.find((c) => c.type === 'GraphAccepted');
  assert.equal(accepted?.status, 'False');
  assert.match(accepted?.message ?? '', /resource deploy: expression \$\{nope\.metadata\.name\}/);
  assert.ok(!orchestrator.running().includes(`broken-${suffix}`));
});

test('deleting an RGD waits for its instances: their deletion still cleans up, then the controller stops', async () => {
  const name = `apps-${suffix}`;
  const apiVersion = `${group}/v1alpha1`;
  await eventually('controller running', () => (orchestrator.running().includes(name) ? true : undefined));
  await hub.api.apply({ apiVersion, kind: 'App', metadata: { name: 'late', namespace: ns.name }, spec: { expose: false } });
  await eventually('ConfigMap of the late instance', () => hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns.name, name: 'late-config' }));

  await hub.api.delete({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name });
  await new Promise((r) => setTimeout(r, 1500));
  const held = await hub.api.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name });
  assert.ok(held?.metadata.deletionTimestamp, 'the RGD is held by its finalizer while an instance exists');
  assert.ok(orchestrator.running().includes(name), 'the instance controller keeps running for the instance finalizers');

  await hub.api.delete({ apiVersion, kind: 'App', namespace: ns.name, name: 'late' });
  await eventually('instance deleted (its finalizer released)', async () => ((await hub.api.get({ apiVersion, kind: 'App', namespace: ns.name, name: 'late' })) ? undefined : true));
  assert.equal(await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns.name, name: 'late-config' }), undefined, 'no child orphaned');
  await eventually('controller stopped', () => (orchestrator.running().includes(name) ? undefined : true));
  await eventually('RGD gone', async () => ((await hub.api.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name })) ? undefined : true));
});
