import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { eventually } from '../../testkit/index.js';
import { createAppRig, type AppSpec } from './int-rig.js';
import type { Application, ResourceResult } from './types.js';

// Argo CD's prune and sync options against the real control plane: PruneSkipped, Prune=confirm and
// Delete=confirm with the deletion-approved annotation, Force=true, FailOnSharedResource.
const rig = createAppRig({ name: 'syncopts' });
const { suffix } = rig;
const APPROVED = 'argocd.argoproj.io/deletion-approved';
let hub: Cluster;

/** An Application whose source is the hosted repository of its own name. */
function appOf(name: string, spec: AppSpec, finalizers?: string[]): KubeObject {
  const manifest = rig.application(name, { source: rig.source(name), ...spec });
  return finalizers ? { ...manifest, metadata: { ...manifest.metadata, finalizers } } : manifest;
}

const app = rig.getApp;
const waitApp = rig.waitApp;

/** Requests a sync as `argocd app sync` does, by writing `operation`. */
async function requestSync(name: string, sync: Record<string, unknown>, username: string): Promise<void> {
  await hub.api.patch(rig.appRef(name), { operation: { sync, initiatedBy: { username } } }, { type: 'merge' });
}

function finished(name: string, username: string, timeoutMs = 30_000): Promise<Application> {
  return waitApp(name, `operation of ${username} finished`, (a) => !a.operation && a.status?.operationState?.operation.initiatedBy?.username === username && a.status.operationState.phase !== 'Running', timeoutMs);
}

function result(a: Application, name: string): ResourceResult | undefined {
  return a.status?.operationState?.syncResult?.resources?.find((r) => r.name === name);
}

const cm = (name: string, value: string, options?: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${options ? `  annotations:\n    argocd.argoproj.io/sync-options: ${options}\n` : ''}data:\n  value: "${value}"\n`;

const liveCm = (ns: string, name: string): Promise<(KubeObject & { data?: Record<string, string> }) | undefined> => hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name });

before(async () => {
  ({ hub } = await rig.start());
});

after(() => rig.stop());

test('a prune that is not allowed is recorded PruneSkipped with Argo CD\'s message, deletes nothing, and leaves the app OutOfSync', async () => {
  const ns = `skip-${suffix}`;
  await rig.push('skip', { 'app/a.yaml': cm('a', '1'), 'app/b.yaml': cm('b', '1'), 'app/c.yaml': cm('c', '1', 'Prune=false') });
  await hub.api.apply(appOf('skip', { destNamespace: ns, syncPolicy: { syncOptions: ['CreateNamespace=true'] } }));
  await requestSync('skip', { prune: false }, 'first');
  assert.equal((await finished('skip', 'first')).status?.operationState?.phase, 'Succeeded');

  const second = await rig.push('skip', { 'app/a.yaml': cm('a', '2'), 'app/b.yaml': null, 'app/c.yaml': null });
  await waitApp('skip', 'the removals compared', (a) => a.status?.sync?.revision === second && (a.status.resources ?? []).filter((r) => r.requiresPruning).length === 2);
  // A sync without prune: b and c are skipped, a is applied.
  await requestSync('skip', { prune: false }, 'no-prune');
  const noPrune = await finished('skip', 'no-prune');
  assert.equal(noPrune.status?.operationState?.phase, 'Succeeded');
  assert.deepEqual(result(noPrune, 'b'), { group: '', version: 'v1', kind: 'ConfigMap', namespace: ns, name: 'b', status: 'PruneSkipped', message: 'ignored (requires pruning)', hookPhase: 'Succeeded', syncPhase: 'Sync' });
  assert.equal(result(noPrune, 'c')?.message, 'ignored (requires pruning)');
  assert.equal(result(noPrune, 'a')?.status, 'Synced');
  assert.equal(noPrune.status?.sync?.status, 'OutOfSync', 'resources awaiting a prune keep the app OutOfSync');
  assert.ok(await liveCm(ns, 'b'));
  assert.equal((await liveCm(ns, 'a'))?.data?.value, '2');

  // With prune: b goes, c (Prune=false) stays and says why.
  await requestSync('skip', { prune: true }, 'prune');
  const pruned = await finished('skip', 'prune');
  assert.equal(pruned.status?.operationState?.phase, 'Succeeded');
  assert.equal(result(pruned, 'b')?.status, 'Pruned');
  assert.deepEqual([result(pruned, 'c')?.status, result(pruned, 'c')?.message], ['PruneSkipped', 'ignored (no prune)']);
  await eventually('b deleted', async () => ((await liveCm(ns, 'b')) ? undefined : true), 20_000);
  assert.ok(await liveCm(ns, 'c'), 'Prune=false kept c');
  const after = await waitApp('skip', 'OutOfSync with c still to prune', (a) => (a.status?.resources ?? []).some((r) => r.name === 'c' && r.requiresPruning));
  assert.equal(after.status?.sync?.status, 'OutOfSync');
});

test('an automated sync without prune records the prune it skips when it has something else to apply', async () => {
  const ns = `autoskip-${suffix}`;
  const first = await rig.push('autoskip', { 'app/a.yaml': cm('a', '1'), 'app/b.yaml': cm('b', '1') });
  await hub.api.apply(appOf('autoskip', { destNamespace: ns, syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] } }));
  await waitApp('autoskip', 'Synced at the first commit', (a) => a.status?.sync?.status === 'Synced' && a.status.sync.revision === first, 60_000);
  const second = await rig.push('autoskip', { 'app/a.yaml': cm('a', '2'), 'app/b.yaml': null });
  const synced = await waitApp('autoskip', 'the second commit synced', (a) => a.status?.operationState?.phase === 'Succeeded' && a.status.operationState.syncResult?.revision === second);
  assert.deepEqual([result(synced, 'b')?.status, result(synced, 'b')?.message], ['PruneSkipped', 'ignored (requires pruning)']);
  assert.equal(synced.status?.sync?.status, 'OutOfSync');
  assert.ok(await liveCm(ns, 'b'), 'automated sync without prune never deletes');
  assert.equal((await liveCm(ns, 'a'))?.data?.value, '2');
});

test('Prune=confirm holds the sync until the Application carries an approval given after it started', async () => {
  const ns = `confirm-${suffix}`;
  const first = await rig.push('confirm', { 'app/a.yaml': cm('a', '1'), 'app/guarded.yaml': cm('guarded', '1', 'Prune=confirm') });
  // An approval given before the sync starts approves nothing.
  const stale = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const spec = appOf('confirm', { destNamespace: ns, syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] } });
  await hub.api.apply({ ...spec, metadata: { ...spec.metadata, annotations: { [APPROVED]: stale } } });
  await waitApp('confirm', 'Synced at the first commit', (a) => a.status?.sync?.status === 'Synced' && a.status.sync.revision === first, 60_000);

  const second = await rig.push('confirm', { 'app/guarded.yaml': null, 'app/a.yaml': cm('a', '2') });
  const waiting = await waitApp('confirm', 'waiting for pruning confirmation', (a) => a.status?.operationState?.phase === 'Running' && a.status.operationState.syncResult?.revision === second && a.status.operationState.message === 'waiting for pruning confirmation of /ConfigMap/guarded');
  assert.equal(result(waiting, 'guarded'), undefined, 'nothing of the wave ran');
  await systemClock.sleep(2000);
  assert.ok(await liveCm(ns, 'guarded'), 'nothing is pruned without approval');
  assert.equal((await app('confirm')).status?.operationState?.phase, 'Running');

  // As `argocd app confirm-deletion`: the annotation with the current time.
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await hub.api.patch(rig.appRef('confirm'), { metadata: { annotations: { [APPROVED]: now } } }, { type: 'merge' });
  const done = await waitApp('confirm', 'the sync finished after approval', (a) => a.status?.operationState?.phase === 'Succeeded' && a.status.operationState.syncResult?.revision === second);
  assert.equal(result(done, 'guarded')?.status, 'Pruned');
  await eventually('guarded deleted', async () => ((await liveCm(ns, 'guarded')) ? undefined : true), 20_000);
  assert.equal((await liveCm(ns, 'a'))?.data?.value, '2');
});

test('Delete=confirm holds a cascading deletion of the app, deleting nothing until approved', async () => {
  const ns = `delconfirm-${suffix}`;
  const first = await rig.push('delconfirm', { 'app/a.yaml': cm('a', '1'), 'app/kept.yaml': cm('kept', '1', 'Delete=confirm') });
  await hub.api.apply(appOf('delconfirm', { destNamespace: ns, syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] } }, ['resources-finalizer.argocd.argoproj.io']));
  await waitApp('delconfirm', 'Synced', (a) => a.status?.sync?.status === 'Synced' && a.status.sync.revision === first, 60_000);
  await hub.api.delete(rig.appRef('delconfirm'));
  const held = await waitApp('delconfirm', 'the deletion waits for confirmation', (a) => (a.status?.conditions ?? []).some((c) => c.type === 'DeletionError'));
  assert.match(held.status?.conditions?.find((c) => c.type === 'DeletionError')?.message ?? '', /^waiting for deletion confirmation of \/ConfigMap\/kept: approve with gantry app confirm-deletion delconfirm/);
  assert.ok(await liveCm(ns, 'a'), 'the whole cascade waits, not only the guarded resource');
  assert.ok(await liveCm(ns, 'kept'));

  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await hub.api.patch(rig.appRef('delconfirm'), { metadata: { annotations: { [APPROVED]: now } } }, { type: 'merge' });
  await eventually('the app and its resources deleted', async () => ((await app('delconfirm')) || (await liveCm(ns, 'a')) || (await liveCm(ns, 'kept')) ? undefined : true), 30_000);
});

const job = (name: string, message: string, options: string): string => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  annotations:
    argocd.argoproj.io/sync-options: ${options}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["echo", "${message}"]
`;

const service = (clusterIP: string, options: string): string => `apiVersion: v1
kind: Service
metadata:
  name: svc
  annotations:
    argocd.argoproj.io/sync-options: ${options}
spec:
  clusterIP: ${clusterIP}
  ports:
  - port: 80
`;

async function liveUid(ns: string, kind: string, apiVersion: string, name: string): Promise<string | undefined> {
  return (await hub.api.get({ apiVersion, kind, namespace: ns, name }))?.metadata?.uid;
}

test('Force=true recreates what an immutable field keeps from changing (with Replace, and with apply); an invalid manifest never costs the live object', async () => {
  const ns = `force-${suffix}`;
  await rig.push('force', { 'app/replace.yaml': job('replaced', 'one', 'Force=true,Replace=true'), 'app/apply.yaml': job('applied', 'one', 'Force=true'), 'app/plain.yaml': job('plain', 'one', 'Validate=true') });
  // The namespace exists beforehand, so each sync is one wave and never waits for the Jobs (no node runs them).
  await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await hub.api.apply(appOf('force', { destNamespace: ns }));
  await requestSync('force', {}, 'create');
  assert.equal((await finished('force', 'create')).status?.operationState?.phase, 'Succeeded');
  const before = { replaced: await liveUid(ns, 'Job', 'batch/v1', 'replaced'), applied: await liveUid(ns, 'Job', 'batch/v1', 'applied'), plain: await liveUid(ns, 'Job', 'batch/v1', 'plain') };

  // A Job's template is immutable: only the forced ones can take the change.
  const second = await rig.push('force', { 'app/replace.yaml': job('replaced', 'two', 'Force=true,Replace=true'), 'app/apply.yaml': job('applied', 'two', 'Force=true'), 'app/plain.yaml': job('plain', 'two', 'Validate=true') });
  await waitApp('force', 'the change compared', (a) => a.status?.sync?.revision === second);
  await requestSync('force', {}, 'change');
  const changed = await finished('force', 'change', 60_000);
  assert.equal(changed.status?.operationState?.phase, 'Failed', 'the unforced Job fails the sync');
  assert.equal(result(changed, 'plain')?.status, 'SyncFailed');
  assert.match(result(changed, 'plain')?.message ?? '', /field is immutable/);
  assert.equal(result(changed, 'plain')?.message?.includes('Force=true'), false);
  assert.equal(await liveUid(ns, 'Job', 'batch/v1', 'plain'), before.plain, 'no Force, no deletion');
  for (const name of ['replaced', 'applied'] as const) {
    assert.deepEqual([result(changed, name)?.status, result(changed, name)?.message], ['Synced', 'recreated'], name);
    const live = await hub.api.get({ apiVersion: 'batch/v1', kind: 'Job', namespace: ns, name });
    assert.ok(live && live.metadata?.uid !== before[name], `${name} is a new object`);
    const spec = live?.spec as { template: { spec: { containers: { command: string[] }[] } } };
    assert.deepEqual(spec.template.spec.containers[0]?.command, ['echo', 'two']);
  }

  // A change the apiserver refuses for a new Job too (a negative backoffLimit): the live Job is not deleted.
  const kept = await liveUid(ns, 'Job', 'batch/v1', 'applied');
  const third = await rig.push('force', { 'app/apply.yaml': job('applied', 'three', 'Force=true').replace('backoffLimit: 0', 'backoffLimit: -1'), 'app/plain.yaml': null, 'app/replace.yaml': null });
  await waitApp('force', 'the invalid change compared', (a) => a.status?.sync?.revision === third);
  await requestSync('force', {}, 'invalid');
  const invalid = await finished('force', 'invalid', 60_000);
  assert.equal(invalid.status?.operationState?.phase, 'Failed');
  assert.match(result(invalid, 'applied')?.message ?? '', /^Force=true: Job force-\w+\/applied was left in place, since its manifest is refused as a new object too: .*backoffLimit/);
  assert.equal(await liveUid(ns, 'Job', 'batch/v1', 'applied'), kept, 'the live Job was not deleted');

  // A change only the real create refuses (a dry run allocates no cluster IP): the previous object is restored.
  await rig.push('force', { 'app/apply.yaml': null, 'app/svc.yaml': service('None', 'Force=true') });
  await requestSync('force', { prune: true }, 'svc');
  assert.equal((await finished('force', 'svc', 60_000)).status?.operationState?.phase, 'Succeeded');
  const fourth = await rig.push('force', { 'app/svc.yaml': service('1.2.3.4', 'Force=true') });
  await waitApp('force', 'the clusterIP change compared', (a) => a.status?.sync?.revision === fourth);
  await requestSync('force', {}, 'bad-ip');
  const refused = await finished('force', 'bad-ip', 60_000);
  assert.equal(refused.status?.operationState?.phase, 'Failed');
  assert.match(result(refused, 'svc')?.message ?? '', /^Force=true: Service force-\w+\/svc was deleted to be recreated, but creating it failed \(the previous object was restored\): .*not in the valid range/);
  const restored = await hub.api.get({ apiVersion: 'v1', kind: 'Service', namespace: ns, name: 'svc' });
  assert.equal((restored?.spec as { clusterIP?: string } | undefined)?.clusterIP, 'None', 'the previous Service is back');
});

test('FailOnSharedResource=true fails the sync on a resource another app tracks; the owner keeps it', async () => {
  const ns = `shared-${suffix}`;
  const first = await rig.push('owner', { 'app/shared.yaml': cm('shared', 'owner') });
  await hub.api.apply(appOf('owner', { destNamespace: ns, syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] } }));
  await waitApp('owner', 'Synced', (a) => a.status?.sync?.status === 'Synced' && a.status.sync.revision === first, 60_000);
  await rig.push('strict', { 'app/shared.yaml': cm('shared', 'strict'), 'app/own.yaml': cm('own', 'strict') });
  await hub.api.apply(appOf('strict', { destNamespace: ns, syncPolicy: { syncOptions: ['FailOnSharedResource=true'] } }));
  await waitApp('strict', 'the shared resource reported', (a) => (a.status?.conditions ?? []).some((c) => c.type === 'SharedResourceWarning'));
  await requestSync('strict', {}, 'strict-sync');
  const failed = await finished('strict', 'strict-sync');
  assert.equal(failed.status?.operationState?.phase, 'Failed');
  assert.equal(failed.status?.operationState?.message, 'Shared resource found: ConfigMap/shared is part of applications owner and this one; it is left to owner');
  assert.equal(await liveCm(ns, 'own'), undefined, 'nothing of the failed sync was applied');
  const shared = await liveCm(ns, 'shared');
  assert.equal(shared?.data?.value, 'owner');
  assert.match(shared?.metadata?.annotations?.['argocd.argoproj.io/tracking-id'] ?? '', /^owner:/);
});

test('SkipDryRunOnMissingResource=true: a custom resource whose kind the cluster does not know yet is compared without a dry run, and syncs once its CRD exists', async (t) => {
  const ns = `nocrd-${suffix}`;
  const group = `sync${suffix}.gantry.test`;
  const crdTarget = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: `widgets.${group}` };
  t.after(async () => {
    await hub.api.delete(crdTarget);
  });
  const widget = `apiVersion: ${group}/v1\nkind: Widget\nmetadata:\n  name: w1\n  annotations:\n    argocd.argoproj.io/sync-options: SkipDryRunOnMissingResource=true\nspec:\n  size: 3\n`;
  const first = await rig.push('nocrd', { 'app/a.yaml': cm('a', '1'), 'app/widget.yaml': widget });
  await hub.api.apply(appOf('nocrd', { destNamespace: ns, syncPolicy: { syncOptions: ['CreateNamespace=true'] } }));
  const compared = await waitApp('nocrd', 'compared', (a) => a.status?.sync?.revision === first && (a.status.resources ?? []).length === 2);
  assert.deepEqual(compared.status?.conditions ?? [], [], 'no ComparisonError for the unknown kind');
  assert.deepEqual(compared.status?.resources?.find((r) => r.kind === 'Widget')?.health, { status: 'Missing' });

  // The kind still unknown at sync time: the rest is applied, the Widget fails and says why.
  await requestSync('nocrd', {}, 'before-crd');
  const failed = await finished('nocrd', 'before-crd');
  assert.equal(failed.status?.operationState?.phase, 'Failed');
  assert.equal(result(failed, 'a')?.status, 'Synced');
  assert.equal(result(failed, 'w1')?.status, 'SyncFailed');
  assert.match(result(failed, 'w1')?.message ?? '', new RegExp(`serves no kind Widget in ${group.replace(/\./g, '\\.')}/v1: check the apiVersion, or install its CRD first`));

  // Installed by someone else (as gatekeeper creates the CRDs of its constraints), the kind syncs.
  await hub.api.apply({
    apiVersion: crdTarget.apiVersion,
    kind: crdTarget.kind,
    metadata: { name: crdTarget.name },
    spec: { group, scope: 'Namespaced', names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }] },
  } as KubeObject);
  await eventually('the CRD established', async () => {
    const live = (await hub.api.get(crdTarget)) as (KubeObject & { status?: { conditions?: { type: string; status: string }[] } }) | undefined;
    return live?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ? true : undefined;
  });
  await requestSync('nocrd', {}, 'after-crd');
  const synced = await finished('nocrd', 'after-crd');
  assert.equal(synced.status?.operationState?.phase, 'Succeeded', JSON.stringify(synced.status?.operationState));
  const live = await hub.api.get({ apiVersion: `${group}/v1`, kind: 'Widget', namespace: ns, name: 'w1' });
  assert.deepEqual(live?.spec, { size: 3 });
});

test('a forced recreation whose old object is held by a finalizer waits, pending, and creates the object once it is gone', async () => {
  const ns = `forcewait-${suffix}`;
  await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await rig.push('forcewait', { 'app/held.yaml': cm('held', '1', 'Force=true,Replace=true') });
  await hub.api.apply(appOf('forcewait', { destNamespace: ns }));
  await requestSync('forcewait', {}, 'create');
  assert.equal((await finished('forcewait', 'create')).status?.operationState?.phase, 'Succeeded');
  const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'held' };
  const oldUid = (await hub.api.get(ref))?.metadata?.uid;
  await hub.api.patch(ref, { metadata: { finalizers: ['gantry.test/hold'] } }, { type: 'merge' });

  // Replace with Force recreates on every sync; the finalizer keeps the old object terminating.
  await requestSync('forcewait', {}, 'recreate');
  await eventually('the old object terminating', async () => ((await hub.api.get(ref))?.metadata?.deletionTimestamp ? true : undefined), 20_000);
  await systemClock.sleep(17_000);
  const pending = await app('forcewait');
  assert.equal(pending.status?.operationState?.phase, 'Running', 'the sync waits instead of failing');
  assert.equal(result(pending, 'held'), undefined, 'the task is still pending');
  assert.equal((await hub.api.get(ref))?.metadata?.uid, oldUid);

  await hub.api.patch(ref, { metadata: { finalizers: [] } }, { type: 'merge' });
  const done = await finished('forcewait', 'recreate', 40_000);
  assert.equal(done.status?.operationState?.phase, 'Succeeded');
  assert.equal(result(done, 'held')?.status, 'Synced');
  const created = await hub.api.get(ref);
  assert.ok(created && created.metadata?.uid !== oldUid && !created.metadata?.deletionTimestamp, 'a new object');
});
