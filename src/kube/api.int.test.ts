import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, InputError, NotFoundError } from '../core/index.js';
import { connectTestCluster, createTestNamespace, testConfigMap, configMapTarget } from '../testkit/index.js';
import { FIELD_MANAGER, type Cluster, type KubeApi, type KubeObject } from './index.js';

// The object API against the run's real apiserver: server-side apply semantics, reads, deletes,
// and how the apiserver's refusals become gantry's named errors.

let cluster: Cluster;
let api: KubeApi;
let ns: { name: string; cleanup: () => Promise<void> };

before(async () => {
  cluster = await connectTestCluster();
  api = cluster.api;
  ns = await createTestNamespace(cluster, 'kube-api');
});

after(async () => {
  await ns.cleanup();
  cluster.close();
});

const configMap = (name: string, data: Record<string, string>, labels?: Record<string, string>): KubeObject => testConfigMap(ns.name, name, data, labels);
const target = (name: string): ReturnType<typeof configMapTarget> => configMapTarget(ns.name, name);

interface ManagedField {
  manager?: string;
  operation?: string;
}

test('server-side apply creates, updates and prunes fields it no longer sets, as manager gantry', async () => {
  const created = await api.apply(configMap('ssa', { a: '1', b: '2' }));
  assert.deepEqual(created.data, { a: '1', b: '2' });
  assert.ok(created.metadata.uid, 'the apiserver assigned a uid');
  const managers = (created.metadata.managedFields ?? []) as ManagedField[];
  assert.ok(
    managers.some((f) => f.manager === FIELD_MANAGER && f.operation === 'Apply'),
    `managedFields name manager gantry with operation Apply (got ${JSON.stringify(managers.map((f) => [f.manager, f.operation]))})`,
  );

  const updated = await api.apply(configMap('ssa', { a: '1', c: '3' }));
  assert.deepEqual(updated.data, { a: '1', c: '3' }, 'b, no longer applied by its only manager, is removed');
  assert.equal(updated.metadata.uid, created.metadata.uid, 'the same object was updated');
  assert.notEqual(updated.metadata.resourceVersion, created.metadata.resourceVersion);

  const live = await api.get<KubeObject>(target('ssa'));
  assert.deepEqual(live?.data, { a: '1', c: '3' });
});

test('server-side apply with dryRun answers with the result but persists nothing', async () => {
  await api.apply(configMap('dry', { a: '1' }));
  const answer = await api.apply(configMap('dry', { a: 'changed' }), { dryRun: true });
  assert.deepEqual(answer.data, { a: 'changed' }, 'the dry run shows what would be stored');
  assert.deepEqual((await api.get<KubeObject>(target('dry')))?.data, { a: '1' }, 'the stored object is unchanged');

  const fresh = await api.apply(configMap('dry-new', { x: 'y' }), { dryRun: true });
  assert.equal(fresh.metadata.name, 'dry-new');
  assert.equal(await api.get(target('dry-new')), undefined, 'a dry-run create stores nothing');
});

test('apply without force conflicts on fields another manager owns; with force (the default) takes them over', async () => {
  await api.apply(configMap('owned', { key: 'by-gantry' }));
  await assert.rejects(
    api.apply(configMap('owned', { key: 'by-other' }), { fieldManager: 'someone-else', force: false }),
    (e: unknown) => e instanceof ConflictError && /conflict/i.test(e.message) && e.retryable,
  );
  const taken = await api.apply(configMap('owned', { key: 'by-other' }), { fieldManager: 'someone-else' });
  assert.equal((taken.data as Record<string, string>).key, 'by-other');
});

test('get of a missing object is undefined; delete answers true, then false once it is gone', async () => {
  assert.equal(await api.get(target('never-created')), undefined);
  await api.apply(configMap('doomed', { a: '1' }));
  assert.equal(await api.delete(target('doomed')), true);
  assert.equal(await api.get(target('doomed')), undefined);
  assert.equal(await api.delete(target('doomed')), false);
});

test('list filters by labelSelector and fills in apiVersion and kind of items', async () => {
  await api.apply(configMap('red-1', { a: '1' }, { colour: 'red' }));
  await api.apply(configMap('red-2', { a: '1' }, { colour: 'red' }));
  await api.apply(configMap('blue-1', { a: '1' }, { colour: 'blue' }));
  const red = await api.list('v1', 'ConfigMap', { namespace: ns.name, labelSelector: 'colour=red' });
  assert.deepEqual(red.items.map((i) => i.metadata.name).sort(), ['red-1', 'red-2']);
  for (const item of red.items) {
    assert.equal(item.apiVersion, 'v1');
    assert.equal(item.kind, 'ConfigMap');
  }
  const coloured = await api.list('v1', 'ConfigMap', { namespace: ns.name, labelSelector: 'colour in (red,blue)' });
  assert.deepEqual(coloured.items.map((i) => i.metadata.name).sort(), ['blue-1', 'red-1', 'red-2']);
  const none = await api.list('v1', 'ConfigMap', { namespace: ns.name, labelSelector: 'colour=green' });
  assert.deepEqual(none.items, []);
  assert.ok(none.metadata.resourceVersion, 'a list carries the resourceVersion to watch from');
});

test('a namespaced kind without a namespace is an InputError, and nothing is sent', async () => {
  const orphan: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'no-namespace' }, data: {} };
  await assert.rejects(api.apply(orphan), (e: unknown) => e instanceof InputError && /ConfigMap no-namespace is namespaced/.test(e.message));
  await assert.rejects(api.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'x' }), InputError);
});

test('an unknown kind is a NotFoundError that says to install its CRD', async () => {
  const widget: KubeObject = { apiVersion: 'widgets.example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: ns.name } };
  await assert.rejects(api.apply(widget), (e: unknown) => {
    assert.ok(e instanceof NotFoundError, `a NotFoundError (got ${String(e)})`);
    assert.match(e.message, /no kind Widget in widgets\.example\.com\/v1/);
    assert.match(e.message, /install its CRD/);
    return true;
  });
});

test('an object the apiserver finds invalid is an InputError carrying the apiserver message', async () => {
  const bad: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bad', namespace: ns.name }, spec: { replicas: 1 } };
  await assert.rejects(api.apply(bad), (e: unknown) => {
    assert.ok(e instanceof InputError, `an InputError (got ${String(e)})`);
    assert.equal(e.retryable, false);
    // The client names the cluster by its kubeconfig context, not by the name the Cluster was given.
    assert.ok(e.message.startsWith(`apply Deployment ${ns.name}/bad on cluster ${api.cluster}: `), e.message);
    assert.match(e.message, /spec\.selector: Required value/);
    assert.match(e.message, /spec\.template/);
    return true;
  });
  assert.equal(await api.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns.name, name: 'bad' }), undefined);
});

test('create refuses an existing name with a ConflictError; patch flavours change the live object', async () => {
  await api.create(configMap('made', { a: '1' }));
  await assert.rejects(api.create(configMap('made', { a: '2' })), ConflictError);
  const merged = await api.patch<KubeObject>(target('made'), { data: { b: '2' } }, { type: 'merge' });
  assert.deepEqual(merged.data, { a: '1', b: '2' });
  const jsonPatched = await api.patch<KubeObject>(target('made'), [{ op: 'remove', path: '/data/a' }], { type: 'json' });
  assert.deepEqual(jsonPatched.data, { b: '2' });
  await assert.rejects(api.patch(target('not-there'), { data: {} }, { type: 'merge' }), NotFoundError);
});
