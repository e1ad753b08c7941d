import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { connectTestCluster, createTestNamespace, eventually, testLogger } from '../../testkit/index.js';
import { createDefaultOrchestrator } from '../default-orchestrator.js';
import type { Orchestrator } from './rgd-controller.js';

// forEach and externalRef end to end: a real RGD through the real builder, controllers and apiserver.
const suffix = randomBytes(3).toString('hex');
const group = `fe${suffix}.kro.run`;
const selector = { 'gantry.io/test': `foreach-${suffix}` };
const rgdName = `fanouts-${suffix}`;
const apiVersion = `${group}/v1alpha1`;
let hub: Cluster;
let orchestrator: Orchestrator;
let ns: { name: string; cleanup: () => Promise<void> };
const abort = new AbortController();

const RGD: KubeObject = {
  apiVersion: 'kro.run/v1alpha1',
  kind: 'ResourceGraphDefinition',
  metadata: { name: rgdName, labels: selector },
  spec: {
    schema: { apiVersion: 'v1alpha1', kind: 'Fanout', group, spec: { regions: '[]string', settingsName: 'string | required=true' }, status: { colour: '${settings.data.colour}' } },
    resources: [
      { id: 'settings', externalRef: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '${schema.spec.settingsName}' } } },
      {
        id: 'regional',
        forEach: [{ region: '${schema.spec.regions}' }],
        template: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: '${schema.metadata.name}-${region}' },
          data: { region: '${region}', colour: '${settings.data.colour}' },
        },
      },
    ],
  },
};

const configMap = (name: string): Promise<KubeObject | undefined> => hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns.name, name });

before(async () => {
  hub = await connectTestCluster();
  ns = await createTestNamespace(hub, 'kro-foreach');
  orchestrator = createDefaultOrchestrator({ hub, clock: systemClock, log: testLogger(), goldenPaths: false, rgdSelector: `gantry.io/test=foreach-${suffix}` });
  await orchestrator.start(abort.signal);
});

after(async () => {
  await hub.api.delete({ apiVersion, kind: 'Fanout', namespace: ns.name, name: 'shop' }).catch(() => undefined);
  await eventually('instance gone', async () => ((await hub.api.get({ apiVersion, kind: 'Fanout', namespace: ns.name, name: 'shop' }).catch(() => undefined)) ? undefined : true)).catch(() => undefined);
  await hub.api.delete({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: rgdName }).catch(() => undefined);
  await eventually('RGD gone', async () => ((await hub.api.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: rgdName })) ? undefined : true)).catch(() => undefined);
  await orchestrator.stop?.();
  await hub.api.delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: `fanouts.${group}` }).catch(() => undefined);
  await ns.cleanup();
  hub.close();
});

test('an instance reads an existing ConfigMap by name (externalRef) and expands a list into one child per item (forEach); shrinking the list prunes', async () => {
  await hub.api.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'team-settings', namespace: ns.name }, data: { colour: 'teal' } });
  await hub.api.apply(RGD);
  await eventually('RGD Active', async () => {
    const s = (await hub.api.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name: rgdName }))?.status as { state?: string; conditions?: { message: string }[] } | undefined;
    if (s?.state === 'Active') return true;
    throw new Error(`${s?.state}: ${(s?.conditions ?? []).map((c) => c.message).join('; ')}`);
  }, 20_000);

  await hub.api.apply({ apiVersion, kind: 'Fanout', metadata: { name: 'shop', namespace: ns.name }, spec: { regions: ['eu', 'us', 'ap'], settingsName: 'team-settings' } });
  const children = await eventually('three regional ConfigMaps', async () => {
    const all = await Promise.all(['eu', 'us', 'ap'].map((r) => configMap(`shop-${r}`)));
    return all.every((c) => c !== undefined) ? (all as KubeObject[]) : undefined;
  }, 20_000);
  for (const [i, c] of children.entries()) {
    const data = (c as { data?: Record<string, string> }).data;
    assert.equal(data?.region, ['eu', 'us', 'ap'][i]);
    assert.equal(data?.colour, 'teal', 'the external ConfigMap\'s data flows into each child');
    assert.equal(c.metadata.labels?.['kro.run/instance-name'], 'shop');
    assert.equal(c.metadata.labels?.['kro.run/collection-size'], '3');
  }
  await eventually('instance ACTIVE with the external value projected', async () => {
    const st = (await hub.api.get({ apiVersion, kind: 'Fanout', namespace: ns.name, name: 'shop' }))?.status as { state?: string; colour?: string } | undefined;
    return st?.state === 'ACTIVE' && st.colour === 'teal' ? true : undefined;
  }, 20_000);
  assert.ok(await configMap('team-settings'), 'the external object is read, never owned or deleted');
  assert.equal((await configMap('team-settings'))?.metadata.labels?.['kro.run/owned'], undefined);

  await hub.api.patch({ apiVersion, kind: 'Fanout', namespace: ns.name, name: 'shop' }, { spec: { regions: ['eu', 'us'] } }, { type: 'merge' });
  await eventually('the dropped item is pruned', async () => ((await configMap('shop-ap')) ? undefined : true), 20_000);
  assert.ok(await configMap('shop-eu'));
  const us = await eventually('remaining items relabelled to size 2', async () => {
    const c = await configMap('shop-us');
    return c?.metadata.labels?.['kro.run/collection-size'] === '2' ? c : undefined;
  }, 20_000);
  assert.equal((us as { data?: Record<string, string> }).data?.region, 'us');

  await hub.api.delete({ apiVersion, kind: 'Fanout', namespace: ns.name, name: 'shop' });
  await eventually('instance and its children gone', async () => {
    const left = await Promise.all([hub.api.get({ apiVersion, kind: 'Fanout', namespace: ns.name, name: 'shop' }), configMap('shop-eu'), configMap('shop-us')]);
    return left.every((x) => x === undefined) ? true : undefined;
  }, 20_000);
  assert.ok(await configMap('team-settings'), 'deleting the instance leaves the external ConfigMap alone');
});
