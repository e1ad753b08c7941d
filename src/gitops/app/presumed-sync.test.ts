import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileIgnoreDifferences } from '../diff/ignore-differences.js';
import type { KubeObject } from '../kube-object.js';
import type { ComparedResource } from './compare.js';
import { mayPresumeOutOfSync, unneededSync } from './presumed-sync.js';
import type { Application, OperationState } from './types.js';

const cm = (name: string, data: Record<string, string>, rv = '1', annotations: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns', resourceVersion: rv, annotations }, data });
const synced: OperationState = { operation: { sync: { revision: 'old' }, initiatedBy: { automated: true } }, phase: 'Succeeded', startedAt: '2026-01-01T00:00:00Z', syncResult: { revision: 'old', resources: [] } };
const app = (spec: Partial<Application['spec']> = {}, extra: Partial<Application> = {}): Application => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'a', namespace: 'argocd' },
  spec: { project: 'default', source: { repoURL: 'r' }, destination: { namespace: 'ns' }, syncPolicy: { automated: {} }, ...spec },
  status: { operationState: synced, history: [{ id: 0, revision: 'old', deployedAt: '2026-01-01T00:00:00Z' }] },
  ...extra,
});

test('a changed manifest is presumed OutOfSync only where automated sync applies it in this reconcile', () => {
  const base = { revisions: ['new'], multi: false, resources: [cm('a', { x: '1' })], hooks: [] };
  assert.equal(mayPresumeOutOfSync({ ...base, app: app() }), true);
  assert.equal(mayPresumeOutOfSync({ ...base, app: app({ syncPolicy: {} }) }), false, 'manual sync');
  assert.equal(mayPresumeOutOfSync({ ...base, app: app(), revisions: ['old'] }), false, 'already synced this revision, no selfHeal');
  assert.equal(mayPresumeOutOfSync({ ...base, app: app({ syncPolicy: { automated: { selfHeal: true } } }), revisions: ['old'] }), true, 'selfHeal');
  assert.equal(mayPresumeOutOfSync({ ...base, app: app({}, { operation: { sync: {} } }) }), false, 'a requested operation');
  assert.equal(mayPresumeOutOfSync({ ...base, app: app(), hooks: [cm('h', {})] }), false, 'hooks make the sync span reconciles');
  const waves = [cm('a', {}), cm('b', {}, '1', { 'argocd.argoproj.io/sync-wave': '1' })];
  assert.equal(mayPresumeOutOfSync({ ...base, app: app(), resources: waves }), false, 'several waves');
  assert.equal(mayPresumeOutOfSync({ ...base, app: app({ syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] } }) }), false, 'a namespace to create first');
  assert.equal(mayPresumeOutOfSync({ ...base, app: app({ ignoreDifferences: [{ kind: 'ConfigMap', jsonPointers: ['/data/x'] }] }) }), false, 'ignored fields must not be applied');
  const running = app();
  running.status = { operationState: { ...synced, phase: 'Running' } };
  assert.equal(mayPresumeOutOfSync({ ...base, app: running }), false, 'an operation is running');
});

test('an automated sync started only by presumptions that the apply disproved is unneeded', () => {
  const compare = (a: KubeObject, b: KubeObject): { modified: boolean } => ({ modified: JSON.stringify(a.data) !== JSON.stringify(b.data) });
  const ignore = compileIgnoreDifferences([]);
  const live = cm('a', { x: '1' }, '5');
  const target = cm('a', { x: '1' }, '');
  const presumed: ComparedResource = { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'ns', name: 'a', target, live, status: 'OutOfSync', presumed: true };
  const started: OperationState = { ...synced, operation: { sync: { revision: 'new' }, initiatedBy: { automated: true } }, syncResult: { revision: 'new', resources: [] } };
  const noOp = new Map([['/ConfigMap/ns/a', cm('a', { x: '1' }, '5')]]);
  const input = { app: app(), before: [presumed], state: started, applied: noOp, compare, ignore };
  assert.equal(unneededSync(input), true);
  assert.equal(unneededSync({ ...input, applied: new Map([['/ConfigMap/ns/a', cm('a', { x: '2' }, '6')]]) }), false, 'the apply changed the object');
  assert.equal(unneededSync({ ...input, applied: new Map() }), false, 'not applied');
  assert.equal(unneededSync({ ...input, before: [{ ...presumed, presumed: false }] }), false, 'a dry run found it OutOfSync');
  const missing: ComparedResource = { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'ns', name: 'b', target: cm('b', {}), status: 'OutOfSync' };
  assert.equal(unneededSync({ ...input, before: [presumed, missing] }), false, 'something else was OutOfSync');
  assert.equal(unneededSync({ ...input, state: { ...started, phase: 'Running' } }), false, 'not finished');
  assert.equal(unneededSync({ ...input, state: { ...started, operation: { sync: {} } } }), false, 'a requested sync is always recorded');
  assert.equal(unneededSync({ ...input, state: synced }), false, 'no sync started here');
});
