import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../kube-object.js';
import { hookDeletePoliciesOf, hookTypesOf, isHook, isSkipped } from './hooks.js';
import { syncPhasesOf, waveOf } from './phases.js';

const withAnnotations = (annotations: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations } });

const hookRows: Array<{ annotations: Record<string, string>; hook: boolean; skip: boolean; phases: string[] }> = [
  { annotations: {}, hook: false, skip: false, phases: ['Sync'] },
  { annotations: { 'argocd.argoproj.io/hook': 'Skip' }, hook: false, skip: true, phases: [] },
  { annotations: { 'argocd.argoproj.io/hook': 'Skip,PreSync' }, hook: true, skip: false, phases: ['PreSync'] },
  { annotations: { 'argocd.argoproj.io/hook': 'Garbage' }, hook: true, skip: false, phases: [] },
  { annotations: { 'argocd.argoproj.io/hook': ' PostSync , PreSync,PostSync' }, hook: true, skip: false, phases: ['PreSync', 'PostSync'] },
  { annotations: { 'helm.sh/hook': 'post-upgrade,post-install' }, hook: true, skip: false, phases: ['PostSync'] },
  { annotations: { 'helm.sh/hook': 'crd-install' }, hook: false, skip: false, phases: ['Sync'] },
  { annotations: { 'helm.sh/hook': 'test' }, hook: true, skip: false, phases: [] },
  { annotations: { 'argocd.argoproj.io/hook': 'Sync', 'helm.sh/hook': 'pre-install' }, hook: true, skip: false, phases: ['Sync'] },
];

for (const row of hookRows) {
  test(`hooks: ${JSON.stringify(row.annotations)}`, () => {
    const obj = withAnnotations(row.annotations);
    assert.equal(isHook(obj), row.hook);
    assert.equal(isSkipped(obj), row.skip);
    assert.deepEqual(syncPhasesOf(obj), row.phases);
  });
}

test('Argo CD hook types win over Helm ones; Helm types are used only when Argo CD names none', () => {
  assert.deepEqual(hookTypesOf(withAnnotations({ 'argocd.argoproj.io/hook': 'Garbage', 'helm.sh/hook': 'pre-upgrade' })), ['PreSync']);
});

const policyRows: Array<[Record<string, string>, string[]]> = [
  [{}, ['BeforeHookCreation']],
  [{ 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded,HookFailed' }, ['HookSucceeded', 'HookFailed']],
  [{ 'helm.sh/hook-delete-policy': 'hook-succeeded,before-hook-creation' }, ['HookSucceeded', 'BeforeHookCreation']],
  [{ 'argocd.argoproj.io/hook-delete-policy': 'Never' }, ['BeforeHookCreation']],
];

for (const [annotations, want] of policyRows) {
  test(`hook delete policies: ${JSON.stringify(annotations)}`, () => {
    assert.deepEqual(hookDeletePoliciesOf(withAnnotations(annotations)), want);
  });
}

const waveRows: Array<[Record<string, string>, number]> = [
  [{}, 0],
  [{ 'argocd.argoproj.io/sync-wave': '-3' }, -3],
  [{ 'argocd.argoproj.io/sync-wave': '+2' }, 2],
  [{ 'argocd.argoproj.io/sync-wave': '1.5', 'helm.sh/hook-weight': '7' }, 7],
  [{ 'argocd.argoproj.io/sync-wave': ' 1' }, 0],
  [{ 'helm.sh/hook-weight': 'x' }, 0],
];

for (const [annotations, want] of waveRows) {
  test(`waveOf: ${JSON.stringify(annotations)} -> ${want}`, () => {
    assert.equal(waveOf(withAnnotations(annotations)), want);
  });
}
