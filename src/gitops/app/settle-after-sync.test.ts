import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../kube-object.js';
import type { ComparedResource } from './compare.js';
import { appliedKey, settleAfterSync } from './settle-after-sync.js';
import type { OperationState } from './types.js';

const cm = (name: string, rv: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns', resourceVersion: rv } });
const entry = (name: string, status: 'Synced' | 'OutOfSync', extra: Partial<ComparedResource> = {}): ComparedResource => ({ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'ns', name, status, target: cm(name, ''), ...extra });
const state = (phase: OperationState['phase'], pruned: string[] = []): OperationState => ({
  operation: { sync: {} },
  phase,
  startedAt: '2026-01-01T00:00:00Z',
  syncResult: { revision: 'r', resources: pruned.map((name) => ({ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'ns', name, status: 'Pruned' })) },
} as OperationState);

test('after a sync that succeeded here, applied resources are Synced at what the apiserver returned, pruned ones are gone', () => {
  const compared = [entry('changed', 'OutOfSync', { live: cm('changed', '1'), message: 'x' }), entry('same', 'Synced'), entry('failed', 'OutOfSync'), entry('old', 'OutOfSync', { requiresPruning: true }), entry('kept', 'OutOfSync', { requiresPruning: true }), entry('theirs', 'OutOfSync', { sharedWith: 'other' })];
  const applied = new Map([[appliedKey(cm('changed', '')), cm('changed', '2')], [appliedKey(cm('theirs', '')), cm('theirs', '9')]]);
  const settled = settleAfterSync(compared, state('Succeeded', ['old']), applied);
  assert.deepEqual(settled.map((c) => `${c.name}:${c.status}${c.requiresPruning ? ':prune' : ''}:${c.live?.metadata?.resourceVersion ?? '-'}:${c.message ?? ''}`), ['changed:Synced:2:', 'same:Synced:-:', 'failed:OutOfSync:-:', 'kept:OutOfSync:prune:-:', 'theirs:OutOfSync:-:']);
});

test('nothing settles while a sync runs, after it failed, or when nothing was applied here', () => {
  const compared = [entry('changed', 'OutOfSync')];
  const applied = new Map([[appliedKey(cm('changed', '')), cm('changed', '2')]]);
  for (const phase of ['Running', 'Failed', 'Error'] as const) assert.equal(settleAfterSync(compared, state(phase), applied), compared);
  assert.equal(settleAfterSync(compared, state('Succeeded'), new Map()), compared);
  assert.equal(settleAfterSync(compared, undefined, applied), compared);
});
