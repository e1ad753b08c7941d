import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registrationDigest, reportOf, reportPatch } from './report-annotations.js';

test('a report becomes a merge patch of three annotations, and nothing when they already say it', () => {
  const patch = reportPatch({ other: 'x' }, { state: 'Invalid', message: 'labels.a: bad' });
  assert.deepEqual(patch, {
    'gantry.io/registration-state': 'Invalid',
    'gantry.io/registration-message': 'labels.a: bad',
    'gantry.io/cluster-secret': null,
    'gantry.io/observed-digest': null,
  });
  const current = { 'gantry.io/registration-state': 'Registered', 'gantry.io/registration-message': 'registered', 'gantry.io/cluster-secret': 'argocd/cluster-dev' };
  assert.equal(reportPatch(current, { state: 'Registered', message: 'registered', clusterSecret: 'argocd/cluster-dev' }), undefined);
  assert.deepEqual(reportOf(current), { state: 'Registered', message: 'registered', clusterSecret: 'argocd/cluster-dev' });
  assert.equal(reportOf({ 'gantry.io/registration-state': 'Weird' }), undefined);
  assert.equal(reportOf(undefined), undefined);
});

test('the digest of registration data ignores key order and changes with any value', () => {
  assert.equal(registrationDigest({ a: '1', b: '2' }), registrationDigest({ b: '2', a: '1' }));
  assert.notEqual(registrationDigest({ a: '1' }), registrationDigest({ a: '2' }));
  assert.match(registrationDigest({}), /^[0-9a-f]{16}$/);
});
