import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../kube-object.js';
import { decideAutoSync, sharedResourceFailure } from './app-status.js';
import type { ComparedResource } from './compare.js';
import { restorableCopy, isRefusedChange } from './force-recreate.js';
import { decidePrune, deletionConfirmationWait, isDeletionApproved, pruneConfirmationWait, requiresDeletionConfirmation } from './prune-decision.js';
import { ConflictError, InputError, TransientError } from '../../core/index.js';
import type { Application } from './types.js';

const live = (name: string, options?: string, kind = 'ConfigMap', apiVersion = 'v1'): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, namespace: 'team', ...(options ? { annotations: { 'argocd.argoproj.io/sync-options': options } } : {}) },
});

test('a prune is deleted, skipped or held as gitops-engine decides, with its messages', () => {
  const ctx = { prune: true, appOptions: [], confirmed: false };
  assert.deepEqual(decidePrune(live('a'), ctx), { action: 'delete' });
  assert.deepEqual(decidePrune(live('a'), { ...ctx, prune: false }), { action: 'skip', message: 'ignored (requires pruning)' });
  assert.deepEqual(decidePrune(live('a', 'Prune=false'), ctx), { action: 'skip', message: 'ignored (no prune)' });
  assert.deepEqual(decidePrune(live('a', 'Prune=false'), { ...ctx, prune: false }), { action: 'skip', message: 'ignored (requires pruning)' }, 'a sync without prune says so first');
  assert.deepEqual(decidePrune(live('a'), { ...ctx, appOptions: ['Prune=false'] }), { action: 'skip', message: 'ignored (no prune)' }, 'app-wide Prune=false');
  assert.deepEqual(decidePrune(live('a', 'Prune=true'), { ...ctx, appOptions: ['Prune=false'] }), { action: 'delete' }, 'the resource overrides the app');
  assert.deepEqual(decidePrune(live('a', 'Prune=true'), { ...ctx, prune: false }), { action: 'skip', message: 'ignored (requires pruning)' }, 'Prune=true never prunes in a sync that does not prune');
  assert.deepEqual(decidePrune(live('a', 'Prune=confirm'), ctx), { action: 'confirm' });
  assert.deepEqual(decidePrune(live('a', 'Prune=Confirm'), { ...ctx, confirmed: true }), { action: 'delete' });
  assert.deepEqual(decidePrune(live('a'), { ...ctx, appOptions: ['Prune=confirm'] }), { action: 'confirm' }, 'app-wide Prune=confirm');
  assert.deepEqual(decidePrune(live('a', 'Prune=confirm'), { ...ctx, prune: false }), { action: 'skip', message: 'ignored (requires pruning)' }, 'no approval is asked for a prune that will not happen');
});

test('a wave with unapproved prunes waits, naming them as Argo CD does', () => {
  const ctx = { prune: true, appOptions: [], confirmed: false };
  const ns = live('team-a', 'Prune=confirm', 'Namespace');
  const app = live('child', 'Prune=confirm,Delete=confirm', 'Application', 'argoproj.io/v1alpha1');
  assert.equal(pruneConfirmationWait([live('a'), ns], ctx), 'waiting for pruning confirmation of /Namespace/team-a');
  assert.equal(pruneConfirmationWait([ns, live('a'), app], ctx), 'waiting for pruning confirmation of /Namespace/team-a and 1 more resources');
  assert.equal(pruneConfirmationWait([app], ctx), 'waiting for pruning confirmation of argoproj.io/Application/child');
  assert.equal(pruneConfirmationWait([ns, app], { ...ctx, confirmed: true }), undefined);
  assert.equal(pruneConfirmationWait([live('a')], ctx), undefined);
  assert.equal(pruneConfirmationWait([], ctx), undefined);
});

test('an approval counts from the operation start or the deletion on, never before', () => {
  const at = (t: string): Record<string, string> => ({ 'argocd.argoproj.io/deletion-approved': t });
  assert.equal(isDeletionApproved(at('2026-11-23T07:00:05Z'), '2026-11-23T07:00:05Z'), true, 'the same second');
  assert.equal(isDeletionApproved(at('2026-11-23T07:01:00Z'), '2026-11-23T07:00:05Z'), true);
  assert.equal(isDeletionApproved(at('2026-11-23T06:59:59Z'), '2026-11-23T07:00:05Z'), false, 'an approval given before the sync started approves nothing');
  assert.equal(isDeletionApproved(at('yesterday'), '2026-11-23T07:00:05Z'), false);
  assert.equal(isDeletionApproved(at('2026-11-24'), '2026-11-23T07:00:05Z'), false, 'RFC 3339 only');
  assert.equal(isDeletionApproved(at('2026-11-23T08:00:05+01:00'), '2026-11-23T07:00:05Z'), true, 'an offset is honoured');
  assert.equal(isDeletionApproved(at('2026-11-23T07:00:04.5Z'), '2026-11-23T07:00:05Z'), false);
  assert.equal(isDeletionApproved({}, '2026-11-23T07:00:05Z'), false);
  assert.equal(isDeletionApproved(at('2026-11-23T07:01:00Z'), undefined), false);
});

test('Delete=confirm on the resource or the app holds a deletion, and the wait says how to approve', () => {
  assert.equal(requiresDeletionConfirmation(live('a', 'Delete=confirm'), []), true);
  assert.equal(requiresDeletionConfirmation(live('a'), ['Delete=confirm']), true);
  assert.equal(requiresDeletionConfirmation(live('a', 'Delete=true'), ['Delete=confirm']), false);
  assert.equal(requiresDeletionConfirmation(live('a', 'Prune=confirm'), []), false);
  assert.equal(
    deletionConfirmationWait([live('a', 'Delete=confirm'), live('b', 'Delete=confirm')], 'shop'),
    'waiting for deletion confirmation of /ConfigMap/a and 1 more resources: approve with gantry app confirm-deletion shop (annotation argocd.argoproj.io/deletion-approved)',
  );
});

const compared = (name: string, extra: Partial<ComparedResource>): ComparedResource => ({ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'team', name, status: 'OutOfSync', ...extra });

test('FailOnSharedResource fails a sync on a resource another app tracks; without it nothing fails', () => {
  const shared = [compared('a', { status: 'Synced' }), compared('b', { sharedWith: 'other' })];
  assert.equal(sharedResourceFailure(['FailOnSharedResource=true'], shared), 'Shared resource found: ConfigMap/b is part of applications other and this one; it is left to other');
  assert.equal(sharedResourceFailure([], shared), undefined);
  assert.equal(sharedResourceFailure(['FailOnSharedResource=false'], shared), undefined);
  assert.equal(sharedResourceFailure(['FailOnSharedResource=true'], [compared('a', {})]), undefined);
});

function automatedApp(automated: NonNullable<Application['spec']['syncPolicy']>['automated'], syncOptions: string[] = [], lastRevision?: string): Application {
  const status = lastRevision ? { operationState: { operation: {}, phase: 'Succeeded' as const, startedAt: '', syncResult: { revision: lastRevision } } } : {};
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'a', namespace: 'argocd' }, spec: { destination: {}, syncPolicy: { automated, syncOptions } }, status } as Application;
}

test('automated sync skips a sync that could only skip prunes, and runs one that has more to do', () => {
  const rendered = { revisions: ['c2'], multi: false };
  const pruneOnly = [compared('keep', { status: 'Synced', target: {} }), compared('gone', { requiresPruning: true, live: live('gone') })];
  assert.deepEqual(decideAutoSync(automatedApp({}), pruneOnly, rendered), { skip: 'need to prune extra resources only but automated prune is disabled' });
  assert.ok('start' in decideAutoSync(automatedApp({}), [...pruneOnly, compared('changed', { target: {} })], rendered), 'a change besides the prune syncs (the prune is recorded PruneSkipped)');
  assert.ok('start' in decideAutoSync(automatedApp({ prune: true }), pruneOnly, rendered));
  const kept = [compared('keep', { status: 'Synced', target: {} }), compared('gone', { requiresPruning: true, live: live('gone', 'Prune=false') })];
  assert.ok('start' in decideAutoSync(automatedApp({ prune: true, selfHeal: true }), kept, rendered), 'a new revision syncs once, recording the skipped prune');
  assert.deepEqual(decideAutoSync(automatedApp({ prune: true, selfHeal: true }, [], 'c2'), kept, rendered), { skip: 'only resources with Prune=false are OutOfSync' }, 'self-heal does not loop on a Prune=false resource');
  assert.deepEqual(decideAutoSync(automatedApp({ prune: true, selfHeal: true }, ['Prune=false'], 'c2'), [compared('keep', { status: 'Synced', target: {} }), compared('gone', { requiresPruning: true, live: live('gone') })], rendered), { skip: 'only resources with Prune=false are OutOfSync' });
});

test('a forced recreation recreates only what the apiserver refused as a change, from a clean copy of the live object', () => {
  assert.equal(isRefusedChange(new InputError('Job.batch "j" is invalid: spec.template: Invalid value: field is immutable')), true);
  assert.equal(isRefusedChange(new ConflictError('conflict')), true);
  assert.equal(isRefusedChange(new TransientError('connection refused')), false, 'a transient error never deletes');
  assert.equal(isRefusedChange(new Error('boom')), false);
  const copy = restorableCopy({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j', namespace: 'team', uid: 'u', resourceVersion: '7', creationTimestamp: 't', generation: 2, managedFields: [], labels: { a: 'b' } },
    spec: { template: {} },
    status: { succeeded: 1 },
  } as KubeObject);
  assert.deepEqual(copy, { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'team', labels: { a: 'b' } }, spec: { template: {} } });
});
