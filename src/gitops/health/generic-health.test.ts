import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessResourceHealth } from './generic-health.js';

test('assessResourceHealth covers app-of-apps and condition-reporting custom resources', () => {
  const cases: [string, Record<string, unknown>, unknown][] = [
    ['child app healthy', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', status: { health: { status: 'Healthy' } } }, { status: 'Healthy' }],
    ['child app degraded with message', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', status: { health: { status: 'Degraded', message: 'x' } } }, { status: 'Degraded', message: 'x' }],
    ['child app not reported', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' }, { status: 'Progressing', message: 'waiting for the application to report its health' }],
    ['kro instance active', { apiVersion: 'kro.run/v1alpha1', kind: 'WebApplication', status: { state: 'ACTIVE' } }, { status: 'Healthy' }],
    ['kro instance error', { apiVersion: 'kro.run/v1alpha1', kind: 'WebApplication', status: { state: 'ERROR' } }, { status: 'Degraded' }],
    ['Ready True', { apiVersion: 'x.io/v1', kind: 'Thing', status: { conditions: [{ type: 'Ready', status: 'True' }] } }, { status: 'Healthy' }],
    ['Ready False failure', { apiVersion: 'x.io/v1', kind: 'Thing', status: { conditions: [{ type: 'Ready', status: 'False', reason: 'InvalidConfig', message: 'bad' }] } }, { status: 'Degraded', message: 'bad' }],
    ['Ready False progressing', { apiVersion: 'x.io/v1', kind: 'Thing', status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Reconciling' }] } }, { status: 'Progressing', message: 'Reconciling' }],
    ['Available Unknown', { apiVersion: 'x.io/v1', kind: 'Thing', status: { conditions: [{ type: 'Available', status: 'Unknown' }] } }, { status: 'Progressing' }],
    ['no status', { apiVersion: 'x.io/v1', kind: 'Thing' }, undefined],
    ['a built-in check wins', { apiVersion: 'v1', kind: 'Pod', status: { phase: 'Succeeded' } }, { status: 'Healthy', message: undefined }],
  ];
  for (const [name, obj, expected] of cases) {
    const got = assessResourceHealth(obj as never);
    if (name === 'a built-in check wins') assert.equal(got?.status, 'Healthy', name);
    else assert.deepEqual(got, expected, name);
  }
});
