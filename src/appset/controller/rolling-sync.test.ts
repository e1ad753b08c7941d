import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/index.js';
import type { ApplicationSet } from '../types.js';
import type { GeneratedApp } from './render-apps.js';
import { progressRollingSync } from './rolling-sync.js';

const NOW = '2026-11-23T04:00:00Z';

function appset(status?: ApplicationSet['status'], maxUpdate?: number | string): ApplicationSet {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'roll', namespace: 'argocd' },
    spec: {
      strategy: {
        type: 'RollingSync',
        rollingSync: {
          steps: [
            { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }], ...(maxUpdate !== undefined ? { maxUpdate } : {}) },
            { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] },
          ],
        },
      },
    },
    ...(status ? { status } : {}),
  };
}

function desired(name: string, env: string): GeneratedApp {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd', labels: { env } }, spec: { syncPolicy: { automated: { prune: true } } } };
}

function live(name: string, sync: string, health: string, phase = ''): KubeObject {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name }, status: { sync: { status: sync, revision: 'abc' }, health: { status: health }, ...(phase ? { operationState: { phase } } : {}) } };
}

const apps = [desired('dev-1', 'dev'), desired('dev-2', 'dev'), desired('prod-1', 'prod')];

test('automated sync is withheld from every Application, and only the first step is synced at first', () => {
  const first = progressRollingSync(appset(), apps, new Map(), NOW);
  assert.ok(first.apps.every((a) => (a.spec['syncPolicy'] as { automated?: unknown }).automated === undefined));
  assert.deepEqual(first.applicationStatus, [], 'no status before the Applications exist');

  const outOfSync = new Map(apps.map((a) => [a.metadata.name, live(a.metadata.name, 'OutOfSync', 'Missing')]));
  const second = progressRollingSync(appset(), apps, outOfSync, NOW);
  assert.deepEqual(second.applicationStatus.map((s) => [s.application, s.status, s.step]), [['dev-1', 'Pending', '1'], ['dev-2', 'Pending', '1'], ['prod-1', 'Waiting', '2']]);
  assert.deepEqual(second.apps.map((a) => a.operation !== undefined), [true, true, false]);
  assert.deepEqual(second.apps[0]?.operation?.['sync'], { prune: true });
  assert.equal(second.activeStep, 1);
});

test('the next step starts once every Application of the previous one is Healthy', () => {
  const previous = { applicationStatus: [
    { application: 'dev-1', status: 'Progressing', message: '', step: '1' },
    { application: 'dev-2', status: 'Healthy', message: '', step: '1' },
    { application: 'prod-1', status: 'Waiting', message: '', step: '2' },
  ] };
  const stillProgressing = new Map([['dev-1', live('dev-1', 'Synced', 'Progressing', 'Succeeded')], ['dev-2', live('dev-2', 'Synced', 'Healthy', 'Succeeded')], ['prod-1', live('prod-1', 'OutOfSync', 'Missing')]]);
  const waiting = progressRollingSync(appset(previous), apps, stillProgressing, NOW);
  assert.equal(waiting.applicationStatus.find((s) => s.application === 'prod-1')?.status, 'Waiting');
  assert.equal(waiting.apps[2]?.operation, undefined);

  const healthy = new Map([...stillProgressing, ['dev-1', live('dev-1', 'Synced', 'Healthy', 'Succeeded')]]);
  const afterHealthy = progressRollingSync(appset(previous), apps, healthy, NOW);
  assert.equal(afterHealthy.applicationStatus.find((s) => s.application === 'dev-1')?.status, 'Healthy');
  // dev-1 turned Healthy in this very evaluation; the sync map was built from the previous status, so prod waits one more round.
  const next = progressRollingSync(appset({ applicationStatus: afterHealthy.applicationStatus }), apps, healthy, NOW);
  assert.equal(next.applicationStatus.find((s) => s.application === 'prod-1')?.status, 'Pending');
  assert.notEqual(next.apps[2]?.operation, undefined);
  assert.equal(next.activeStep, 2);
});

test('maxUpdate limits how many Applications of a step update at once (a percentage rounds down, but at least one)', () => {
  const outOfSync = new Map(apps.map((a) => [a.metadata.name, live(a.metadata.name, 'OutOfSync', 'Missing')]));
  const one = progressRollingSync(appset(undefined, 1), apps, outOfSync, NOW);
  const initial = { applicationStatus: one.applicationStatus.map((s) => ({ ...s, status: 'Waiting' })) };
  for (const maxUpdate of [1, '10%', '50%']) {
    const r = progressRollingSync(appset(initial, maxUpdate), apps, outOfSync, NOW);
    assert.deepEqual(r.applicationStatus.filter((s) => s.status === 'Pending').map((s) => s.application), ['dev-1'], `maxUpdate ${maxUpdate}`);
  }
  const all = progressRollingSync(appset(initial, '100%'), apps, outOfSync, NOW);
  assert.deepEqual(all.applicationStatus.filter((s) => s.status === 'Pending').map((s) => s.application), ['dev-1', 'dev-2']);
});
