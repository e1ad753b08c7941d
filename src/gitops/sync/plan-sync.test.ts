import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Health } from '../health/health-status.js';
import type { KubeObject } from '../kube-object.js';
import { describeWaiting, planSyncStep, refreshTask } from './plan-sync.js';
import type { SyncTask } from './sync-task.js';

const pod = (name: string, annotations: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, annotations } });
const hook = (name: string, phase: string, policy?: string): KubeObject =>
  pod(name, { 'argocd.argoproj.io/hook': phase, ...(policy ? { 'argocd.argoproj.io/hook-delete-policy': policy } : {}) });
const healthOf = (h: Health | undefined) => (): Health | undefined => h;

const refreshRows: Array<{ name: string; task: SyncTask; health: Health | undefined; want: [string | undefined, string | undefined] }> = [
  { name: 'a hook without health succeeds as created', task: { phase: 'Sync', target: hook('h', 'Sync'), live: hook('h', 'Sync'), operationState: 'Running' }, health: undefined, want: ['Succeeded', 'h created'] },
  { name: 'a Degraded hook fails', task: { phase: 'Sync', target: hook('h', 'Sync'), live: hook('h', 'Sync'), operationState: 'Running' }, health: { status: 'Degraded', message: 'boom' }, want: ['Failed', 'boom'] },
  { name: 'a Suspended hook keeps running', task: { phase: 'Sync', target: hook('h', 'Sync'), live: hook('h', 'Sync'), operationState: 'Running' }, health: { status: 'Suspended' }, want: ['Running', ''] },
  { name: 'a Progressing resource keeps running', task: { phase: 'Sync', target: pod('p'), live: pod('p'), operationState: 'Running' }, health: { status: 'Progressing' }, want: ['Running', undefined] },
  { name: 'a resource without health succeeds', task: { phase: 'Sync', target: pod('p'), live: pod('p'), operationState: 'Running' }, health: undefined, want: ['Succeeded', undefined] },
  { name: 'a pending task is left alone', task: { phase: 'Sync', target: pod('p'), live: pod('p') }, health: { status: 'Degraded' }, want: [undefined, undefined] },
];

for (const row of refreshRows) {
  test(`refreshTask: ${row.name}`, () => {
    const got = refreshTask(row.task, healthOf(row.health));
    assert.deepEqual([got.operationState, got.message], row.want);
  });
}

test('runs one wave at a time and says when it is the final one', () => {
  const tasks: SyncTask[] = [
    { phase: 'Sync', target: pod('a', { 'argocd.argoproj.io/sync-wave': '-1' }) },
    { phase: 'Sync', target: pod('b') },
    { phase: 'PostSync', target: hook('c', 'PostSync') },
  ];
  const first = planSyncStep(tasks, healthOf(undefined));
  assert.equal(first.action, 'run');
  assert.deepEqual(first.action === 'run' && [first.phase, first.wave, first.final, first.run.length, first.remaining.length], ['Sync', -1, false, 1, 2]);
  const last = planSyncStep([{ ...(tasks[2] as SyncTask) }], healthOf(undefined));
  assert.deepEqual(last.action === 'run' && [last.phase, last.final], ['PostSync', true]);
});

test('waits for running hooks, naming the first and counting the rest', () => {
  const running: SyncTask[] = ['h1', 'h2'].map((n) => ({ phase: 'PreSync', target: hook(n, 'PreSync'), live: hook(n, 'PreSync'), operationState: 'Running' }));
  const step = planSyncStep([...running, { phase: 'Sync', target: pod('a') }], healthOf({ status: 'Progressing' }));
  assert.deepEqual(step.action === 'wait' && step.message, 'waiting for completion of hook /Pod/h1 and 1 more hooks');
});

test('a failed task fails the sync and starts pending SyncFail hooks; HookFailed hooks are deleted', () => {
  const failed: SyncTask = { phase: 'PreSync', target: hook('h', 'PreSync', 'HookFailed'), live: hook('h', 'PreSync', 'HookFailed'), operationState: 'Failed', syncStatus: 'SyncFailed', message: 'quota' };
  const onFail: SyncTask = { phase: 'SyncFail', target: hook('notify', 'SyncFail') };
  const step = planSyncStep([failed, { phase: 'Sync', target: pod('a') }, onFail], healthOf(undefined));
  assert.equal(step.action, 'fail');
  if (step.action !== 'fail') return;
  assert.equal(step.message, 'one or more synchronization tasks completed unsuccessfully, reason: quota');
  assert.deepEqual(step.runSyncFail.map((t) => t.target?.metadata?.name), ['notify']);
  assert.deepEqual(step.deleteHooks.map((t) => t.live?.metadata?.name), ['h']);
});

test('succeeds when nothing is pending and deletes HookSucceeded hooks', () => {
  const done: SyncTask = { phase: 'PostSync', target: hook('h', 'PostSync', 'HookSucceeded'), live: hook('h', 'PostSync', 'HookSucceeded'), operationState: 'Succeeded' };
  const step = planSyncStep([done], healthOf(undefined));
  assert.deepEqual(step.action === 'succeed' && [step.message, step.deleteHooks.length], ['successfully synced (no more tasks)', 1]);
});

test('describeWaiting names resources and pending deletions', () => {
  const tasks: SyncTask[] = [{ phase: 'Sync', target: pod('a') }, { phase: 'Sync', target: pod('b') }];
  assert.equal(describeWaiting(tasks, false), 'waiting for healthy state of /Pod/a and 1 more resources');
  assert.equal(describeWaiting(tasks.slice(0, 1), true), 'waiting for deletion of /Pod/a');
});
