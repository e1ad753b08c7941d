import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusPatchOps } from './write-status.js';
import type { ApplicationStatus } from './types.js';

test('a status write patches only the top-level status fields that changed', () => {
  const old = { sync: { status: 'Synced', revision: 'a' }, health: { status: 'Healthy' }, resources: [{ kind: 'ConfigMap', name: 'x' }], sourceType: 'Directory' } as ApplicationStatus;
  const next = { sync: { status: 'Synced', revision: 'b' }, health: { status: 'Healthy' }, resources: [{ kind: 'ConfigMap', name: 'x' }], reconciledAt: 'now', summary: undefined } as ApplicationStatus;
  assert.deepEqual(statusPatchOps(old, next), [
    { op: 'add', path: '/status/sync', value: { status: 'Synced', revision: 'b' } },
    { op: 'remove', path: '/status/sourceType' },
    { op: 'add', path: '/status/reconciledAt', value: 'now' },
  ]);
  assert.deepEqual(statusPatchOps(undefined, next), [{ op: 'add', path: '/status', value: next }], 'no stored status: the whole status is added');
  assert.deepEqual(statusPatchOps(old, { ...old }), [], 'nothing changed, nothing to patch');
});
