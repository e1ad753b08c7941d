import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../kube-object.js';
import { buildSyncTasks, type SyncTaskInput } from './build-tasks.js';
import { taskWave } from './sync-task.js';

const pod = (name: string, annotations: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, annotations } });
const base: SyncTaskInput = { resources: [], namespace: 'apps', revision: 'ABCDEF1234', startedAtSeconds: 1700000000 };

test('a hook with only generateName is named after revision, phase and start time, and gets the hook finalizer', () => {
  const hook: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { generateName: 'migrate-', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } } };
  const [task] = buildSyncTasks({ ...base, hooks: [hook] });
  assert.equal(task?.target?.metadata?.name, 'migrate-abcdef1-presync-1700000000');
  assert.deepEqual(task?.target?.metadata?.finalizers, ['argocd.argoproj.io/hook-finalizer']);
  assert.equal(task?.target?.metadata?.namespace, 'apps');
});

test('skipHooks leaves hooks out; a managed resource that is a hook is never a resource task', () => {
  const hook = pod('h', { 'argocd.argoproj.io/hook': 'Sync' });
  const tasks = buildSyncTasks({ ...base, resources: [{ target: hook }], hooks: [hook], skipHooks: true });
  assert.equal(tasks.length, 0);
});

test('a hook that already exists live is matched to its live object (for BeforeHookCreation)', () => {
  const hook = pod('h', { 'argocd.argoproj.io/hook': 'PreSync' });
  const live = { ...hook, metadata: { ...hook.metadata, namespace: 'apps' } };
  const [task] = buildSyncTasks({ ...base, resources: [{ live }], hooks: [hook] });
  assert.equal(task?.live, live);
});

test('auto-created namespace: added as PreSync unless the app manages that Namespace', () => {
  const withNs = buildSyncTasks({ ...base, resources: [{ target: pod('a') }], autoCreateNamespace: true });
  assert.deepEqual(withNs.map((t) => [t.phase, t.target?.kind]), [['PreSync', 'Namespace'], ['Sync', 'Pod']]);
  const managed: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } };
  const without = buildSyncTasks({ ...base, resources: [{ target: managed }], autoCreateNamespace: true });
  assert.equal(without.length, 1);
});

test('prune waves are mirrored and PruneLast goes after the last Sync wave', () => {
  const tasks = buildSyncTasks({
    ...base,
    resources: [
      { target: pod('keep', { 'argocd.argoproj.io/sync-wave': '2' }) },
      { live: pod('old-1', { 'argocd.argoproj.io/sync-wave': '1' }) },
      { live: pod('old-3', { 'argocd.argoproj.io/sync-wave': '3' }) },
      { live: pod('last', { 'argocd.argoproj.io/sync-wave': '-5', 'argocd.argoproj.io/sync-options': 'PruneLast=true' }) },
    ],
  });
  const waves = Object.fromEntries(tasks.map((t) => [(t.target ?? t.live)?.metadata?.name, taskWave(t)]));
  assert.deepEqual(waves, { keep: 2, 'old-1': 1, 'old-3': -5, last: 4 });
});

test('results recorded by earlier steps are attached by key and phase', () => {
  const tasks = buildSyncTasks({
    ...base,
    resources: [{ target: pod('a') }],
    results: [{ group: '', kind: 'Pod', namespace: 'apps', name: 'a', phase: 'Sync', status: 'Synced', operationState: 'Running' }],
  });
  assert.equal(tasks[0]?.operationState, 'Running');
  assert.equal(tasks[0]?.syncStatus, 'Synced');
});
