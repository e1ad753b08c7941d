import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/index.js';
import type { ApplicationSet } from '../types.js';
import { fieldChanges, previewApplications } from './preview.js';
import type { GeneratedApp } from './render-apps.js';

const owner = { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', name: 'set', uid: 'u1', controller: true };
const appset = (policy?: 'create-only'): ApplicationSet => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name: 'set', namespace: 'argocd', uid: 'u1' }, spec: policy ? { syncPolicy: { applicationsSync: policy } } : {} });
const gen = (name: string, path: string): GeneratedApp => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd', ownerReferences: [owner] }, spec: { source: { path } } });
const live = (name: string, path: string): KubeObject => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd', resourceVersion: '1', ownerReferences: [owner] }, spec: { source: { path } } });

test('a preview lists creations, field-level updates, unchanged, deletions and refusals', () => {
  const entries = previewApplications(appset(), [gen('new', 'n'), gen('same', 's'), gen('moved', 'v2'), gen('bad', 'b')], [live('same', 's'), live('moved', 'v1'), live('gone', 'g')], new Map([['bad', 'application references project x which does not exist']]));
  assert.deepEqual(entries.map((e) => [e.name, e.action, ...e.changes]), [
    ['new', 'create'],
    ['same', 'unchanged'],
    ['moved', 'update', 'spec.source.path: "v1" -> "v2"'],
    ['bad', 'invalid'],
    ['gone', 'delete'],
  ]);
});

test('under create-only a changed or dropped Application is kept, and the preview says why', () => {
  const entries = previewApplications(appset('create-only'), [gen('moved', 'v2')], [live('moved', 'v1'), live('gone', 'g')]);
  assert.deepEqual(entries.map((e) => [e.name, e.action]), [['moved', 'keep'], ['gone', 'keep']]);
  assert.deepEqual(fieldChanges({ a: { b: 1 } }, { a: { b: 1, c: 'x' } }), ['a.c: (none) -> "x"']);
});
