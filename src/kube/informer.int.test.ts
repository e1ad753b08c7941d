import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../core/index.js';
import { connectTestCluster, createTestNamespace, eventually, testLogger, testConfigMap, configMapTarget } from '../testkit/index.js';
import { createWatchCache, startInformer, type Cluster, type KubeObject, type ObjectChange } from './index.js';

// Informers and the watch cache against the run's real apiserver: the first list fills the store,
// the watch then delivers every change in order, and stopping ends delivery.

let cluster: Cluster;
let ns: { name: string; cleanup: () => Promise<void> };

before(async () => {
  cluster = await connectTestCluster();
  ns = await createTestNamespace(cluster, 'kube-informer');
});

after(async () => {
  await ns.cleanup();
  cluster.close();
});

const configMap = (name: string, data: Record<string, string>, labels?: Record<string, string>): KubeObject => testConfigMap(ns.name, name, data, labels);
const target = (name: string): ReturnType<typeof configMapTarget> => configMapTarget(ns.name, name);

/** Records changes to objects whose name starts with `prefix` (the namespace also gets kube-root-ca.crt). */
function recordChanges(subscribe: (h: (c: ObjectChange) => void) => () => void, prefix: string): { seen: ObjectChange[]; unsubscribe: () => void } {
  const seen: ObjectChange[] = [];
  const unsubscribe = subscribe((c) => {
    if (c.object.metadata.name?.startsWith(prefix)) seen.push(c);
  });
  return { seen, unsubscribe };
}

const dataOf = (o: KubeObject | undefined): unknown => o?.data;

test('an informer from the watch cache is synced with existing objects, then sees add, update and delete in order', async () => {
  await cluster.api.apply(configMap('pre-1', { n: '1' }));
  await cluster.api.apply(configMap('pre-2', { n: '2' }));
  const informer = await cluster.cache.informer('v1', 'ConfigMap', { namespace: ns.name });
  assert.equal(informer.resource.resource, 'configmaps');
  const names = informer.list(ns.name).map((o) => o.metadata.name);
  assert.ok(names.includes('pre-1') && names.includes('pre-2'), `synced store holds the existing objects (got ${names.join(', ')})`);
  assert.deepEqual(dataOf(informer.get(ns.name, 'pre-1')), { n: '1' });
  assert.equal(informer.get(ns.name, 'pre-1')?.kind, 'ConfigMap', 'listed items carry their kind');

  const { seen, unsubscribe } = recordChanges((h) => informer.onChange(h), 'live');
  await cluster.api.apply(configMap('live', { v: '1' }));
  await cluster.api.apply(configMap('live', { v: '2' }));
  await cluster.api.delete(target('live'));
  await eventually('three changes of live', () => (seen.length >= 3 ? true : undefined), 10_000);
  unsubscribe();

  assert.deepEqual(seen.map((c) => c.type), ['added', 'updated', 'deleted']);
  assert.deepEqual(dataOf(seen[0]?.object), { v: '1' });
  assert.deepEqual(dataOf(seen[1]?.object), { v: '2' });
  assert.deepEqual(dataOf(seen[1]?.old), { v: '1' }, 'an update carries the previous object');
  assert.equal(informer.get(ns.name, 'live'), undefined, 'the deleted object left the store');
  assert.ok(informer.get(ns.name, 'pre-2'), 'other objects stay');
});

test('the watch cache shares one informer per kind and scope', async () => {
  const cache = cluster.cache;
  const [a, b] = await Promise.all([
    cache.informer('v1', 'ConfigMap', { namespace: ns.name }),
    cache.informer('v1', 'ConfigMap', { namespace: ns.name }),
  ]);
  assert.equal(a, b, 'concurrent first calls get the same informer');
  assert.equal(await cache.informer('v1', 'ConfigMap', { namespace: ns.name }), a, 'a later call gets it too');
  const labelled = await cache.informer('v1', 'ConfigMap', { namespace: ns.name, labelSelector: 'tier=web' });
  assert.notEqual(labelled, a, 'another scope has its own informer');

  await cluster.api.apply(configMap('web-1', { a: '1' }, { tier: 'web' }));
  await cluster.api.apply(configMap('db-1', { a: '1' }, { tier: 'db' }));
  await eventually('web-1 in both informers', () => (labelled.get(ns.name, 'web-1') && a.get(ns.name, 'web-1') ? true : undefined), 10_000);
  await eventually('db-1 in the namespace informer', () => a.get(ns.name, 'db-1'), 10_000);
  assert.equal(labelled.get(ns.name, 'db-1'), undefined, 'the label selector keeps db-1 out');
});

test('a stopped informer delivers no more changes; stopping the cache stops its informers', async () => {
  const log = testLogger();
  const resource = await cluster.api.discovery.resolve('v1', 'ConfigMap');
  const informer = startInformer({ api: cluster.api, resource, namespace: ns.name, clock: systemClock, log });
  await informer.synced();
  const direct = recordChanges((h) => informer.onChange(h), 'after-stop');

  const cache = createWatchCache({ api: cluster.api, clock: systemClock, log });
  const cached = await cache.informer('v1', 'ConfigMap', { namespace: ns.name });
  const viaCache = recordChanges((h) => cached.onChange(h), 'after-stop');

  // Both see a change before they are stopped, which shows their watches were open.
  await cluster.api.apply(configMap('after-stop-0', { a: '1' }));
  await eventually('both informers to see after-stop-0', () => (direct.seen.length === 1 && viaCache.seen.length === 1 ? true : undefined), 10_000);

  informer.stop();
  cache.stop();
  await cluster.api.apply(configMap('after-stop-1', { a: '1' }));
  await cluster.api.apply(configMap('after-stop-0', { a: '2' }));
  await cluster.api.delete(target('after-stop-0'));
  await sleep(1500);
  assert.deepEqual(direct.seen.map((c) => c.type), ['added'], 'no change reached the stopped informer');
  assert.deepEqual(viaCache.seen.map((c) => c.type), ['added'], 'no change reached the informer of the stopped cache');
  assert.equal(informer.get(ns.name, 'after-stop-1'), undefined);
});
