import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../kube-object.js';
import { sortTasks, sortTasksWithDependencies } from './sort-tasks.js';
import { taskWave, type SyncTask } from './sync-task.js';

type Named = SyncTask & { id: string };

const obj = (kind: string, name: string, extra: Partial<KubeObject> = {}): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name }, ...extra });
const wave = (n: number): Partial<KubeObject> => ({ metadata: { name: '', annotations: { 'argocd.argoproj.io/sync-wave': String(n) } } });

test('sortTasks orders phase, then wave, then kind, then name', () => {
  const tasks: Named[] = [
    { id: 'post', phase: 'PostSync', target: obj('Pod', 'a') },
    { id: 'cr', phase: 'Sync', target: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'a' } } },
    { id: 'deploy-b', phase: 'Sync', target: obj('Deployment', 'b') },
    { id: 'deploy-a', phase: 'Sync', target: obj('Deployment', 'a') },
    { id: 'ns', phase: 'Sync', target: obj('Namespace', 'z') },
    { id: 'early', phase: 'Sync', target: { ...obj('Pod', 'x'), ...wave(-1) } },
    { id: 'pre', phase: 'PreSync', target: obj('Job', 'j') },
  ];
  assert.deepEqual(
    (sortTasks(tasks) as Named[]).map((t) => t.id),
    ['pre', 'early', 'ns', 'deploy-a', 'deploy-b', 'cr', 'post'],
  );
});

test('a CRD moves before the first custom resource of its kind and takes its phase and wave', () => {
  const crd: KubeObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com', annotations: { 'argocd.argoproj.io/sync-wave': '5' } },
    spec: { group: 'example.com', names: { kind: 'Widget' } },
  };
  const cr: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', annotations: { 'argocd.argoproj.io/sync-wave': '1' } } };
  const tasks: Named[] = [
    { id: 'crd', phase: 'Sync', target: crd },
    { id: 'cr', phase: 'PreSync', target: cr },
  ];
  const sorted = sortTasksWithDependencies(tasks) as Named[];
  assert.deepEqual(sorted.map((t) => t.id), ['crd', 'cr']);
  assert.equal(sorted[0]?.phase, 'PreSync');
  assert.equal(taskWave(sorted[0] as SyncTask), 1);
});

test('a Namespace moves before the first task in it; one nothing uses stays where it is', () => {
  const tasks: Named[] = [
    { id: 'pod', phase: 'PreSync', target: { ...obj('Pod', 'p'), metadata: { name: 'p', namespace: 'team' } } },
    { id: 'team', phase: 'Sync', target: obj('Namespace', 'team') },
    { id: 'other', phase: 'Sync', target: obj('Namespace', 'other') },
  ];
  assert.deepEqual((sortTasksWithDependencies(tasks) as Named[]).map((t) => t.id), ['team', 'pod', 'other']);
});

test('prune tasks are not moved as dependencies (only targets provide)', () => {
  const tasks: Named[] = [
    { id: 'pod', phase: 'Sync', target: { ...obj('Pod', 'p'), metadata: { name: 'p', namespace: 'gone' } } },
    { id: 'ns', phase: 'Sync', live: { ...obj('Namespace', 'gone'), ...wave(3) } },
  ];
  assert.deepEqual((sortTasksWithDependencies(tasks) as Named[]).map((t) => t.id), ['pod', 'ns']);
});
