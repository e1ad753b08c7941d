import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/index.js';
import type { ApplicationSet, ApplicationsSyncPolicy } from '../types.js';
import { planApplications } from './plan.js';
import type { GeneratedApp } from './render-apps.js';

const owner = { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', name: 'set', uid: 'u1', controller: true, blockOwnerDeletion: true };

function appset(policy?: ApplicationsSyncPolicy): ApplicationSet {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name: 'set', namespace: 'argocd', uid: 'u1' }, spec: policy ? { syncPolicy: { applicationsSync: policy } } : {} };
}

function generated(name: string, path: string): GeneratedApp {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd', ownerReferences: [owner] }, spec: { source: { path } } };
}

function live(name: string, path: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd', resourceVersion: '7', ownerReferences: [owner], ...extra }, spec: { source: { path } } };
}

test('each applicationsSync policy creates, updates and deletes as Argo CD documents', () => {
  const desired = [generated('a', 'new'), generated('c', 'c')];
  const existing = [live('a', 'old'), live('b', 'b')];
  const summary = (policy?: ApplicationsSyncPolicy): string[][] => {
    const p = planApplications(appset(policy), desired, existing);
    return [p.create.map((a) => a.metadata.name), p.update.map((u) => u.name), p.delete.map((a) => a.metadata.name ?? '')];
  };
  assert.deepEqual(summary(), [['c'], ['a'], ['b']]);
  assert.deepEqual(summary('sync'), [['c'], ['a'], ['b']]);
  assert.deepEqual(summary('create-only'), [['c'], [], []]);
  assert.deepEqual(summary('create-update'), [['c'], ['a'], []]);
  assert.deepEqual(summary('create-delete'), [['c'], [], ['b']]);
});

test('an unchanged Application is not rewritten; kept annotations survive; another set\'s Application is a conflict; invalid ones are skipped but not deleted', () => {
  const same = live('a', 'p', { annotations: { 'argocd.argoproj.io/refresh': 'hard' } });
  assert.deepEqual(planApplications(appset(), [generated('a', 'p')], [same]).update, []);
  const other = live('x', 'p', { ownerReferences: [{ ...owner, name: 'other', uid: 'u2' }] });
  const p = planApplications(appset(), [generated('x', 'p')], [other]);
  assert.deepEqual(p.conflicts, [{ name: 'x', owner: 'other' }]);
  assert.deepEqual([p.create, p.update], [[], []]);
  const invalid = planApplications(appset(), [generated('a', 'changed')], [live('a', 'p')], new Set(['a']));
  assert.deepEqual([invalid.create, invalid.update, invalid.delete], [[], [], []]);
  const changed = planApplications(appset(), [generated('a', 'changed')], [same]);
  assert.deepEqual(changed.update[0]?.annotations, { 'argocd.argoproj.io/refresh': 'hard' });
});
