import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combineObjects, isRefOnly, pinnedRevisions, refSourceIndex, refValueFiles, revisionKey, sourcesOf } from './sources.js';
import { historyEntry, revisionFields } from './run-operation.js';
import { rollbackOperation, rollbackRefusal } from './rollback.js';
import type { Application, ApplicationSource, OperationState } from './types.js';

const git = (path: string, extra: Partial<ApplicationSource> = {}): ApplicationSource => ({ repoURL: `https://git.example/${path}.git`, path, targetRevision: 'main', ...extra });

function appWith(spec: Partial<Application['spec']>, more: Partial<Application> = {}): Application {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'a', namespace: 'argocd' }, spec: { destination: {}, ...spec }, ...more };
}

test('sourcesOf: spec.sources wins over spec.source; a running or requested rollback renders its own source', () => {
  assert.deepEqual(sourcesOf(appWith({ source: git('one') })), { sources: [git('one')], multi: false });
  assert.deepEqual(sourcesOf(appWith({ source: git('one'), sources: [git('a'), git('b')] })), { sources: [git('a'), git('b')], multi: true });
  assert.deepEqual(sourcesOf(appWith({ source: git('one'), sources: [] })), { sources: [git('one')], multi: false }, 'an empty sources list falls back to source');
  const requested = appWith({ source: git('one') }, { operation: { sync: { revision: 'abc', source: git('old') } } });
  assert.deepEqual(sourcesOf(requested).sources, [git('old')]);
  const running: OperationState = { operation: { sync: { revisions: ['r1', 'r2'], sources: [git('x'), git('y')] } }, phase: 'Running', startedAt: '' };
  assert.deepEqual(sourcesOf(appWith({ source: git('one') }, { status: { operationState: running } })), { sources: [git('x'), git('y')], multi: true });
  const finished: OperationState = { ...running, phase: 'Succeeded' };
  assert.deepEqual(sourcesOf(appWith({ source: git('one') }, { status: { operationState: finished } })).sources, [git('one')], 'a finished rollback no longer overrides the spec');
});

test('pinnedRevisions: a running sync pins its revisions, else a requested one, else nothing', () => {
  const running: OperationState = { operation: {}, phase: 'Running', startedAt: '', syncResult: { revision: '', revisions: ['r1', 'r2'] } };
  assert.deepEqual(pinnedRevisions(appWith({}, { status: { operationState: running } }), 2), ['r1', 'r2']);
  const single: OperationState = { operation: {}, phase: 'Running', startedAt: '', syncResult: { revision: 'sha' } };
  assert.deepEqual(pinnedRevisions(appWith({}, { status: { operationState: single } }), 1), ['sha']);
  assert.deepEqual(pinnedRevisions(appWith({}, { operation: { sync: { revisions: ['', 'v2'] } } }), 2), [undefined, 'v2']);
  assert.deepEqual(pinnedRevisions(appWith({}, { status: { operationState: { ...single, phase: 'Succeeded' } } }), 1), [undefined], 'a finished sync pins nothing');
});

test('ref sources: ref-only renders nothing; $ref value files are parsed and their source found', () => {
  assert.equal(isRefOnly({ repoURL: 'u', ref: 'values' }), true);
  assert.equal(isRefOnly({ repoURL: 'u', ref: 'values', path: 'manifests' }), false, 'a ref source with a path also renders');
  assert.equal(isRefOnly({ repoURL: 'u', path: '.' }), false);
  const chart = git('chart', { helm: { valueFiles: ['values.yaml', '$values/env/prod.yaml', '$other//x.yaml'] } });
  assert.deepEqual(refValueFiles(chart), [
    { entry: '$values/env/prod.yaml', ref: 'values', path: 'env/prod.yaml' },
    { entry: '$other//x.yaml', ref: 'other', path: 'x.yaml' },
  ]);
  assert.throws(() => refValueFiles(git('c', { helm: { valueFiles: ['$values'] } })), /needs a path after the ref/);
  const sources = [chart, { repoURL: 'v', ref: 'values' }, { repoURL: 'h', chart: 'x', ref: 'bad' }];
  assert.equal(refSourceIndex(sources, 'values', '$values/a.yaml'), 1);
  assert.throws(() => refSourceIndex(sources, 'nope', '$nope/a.yaml'), /no source of this application has ref: nope/);
  assert.throws(() => refSourceIndex(sources, 'bad', '$bad/a.yaml'), /is a Helm chart/);
});

test('combineObjects: the last source producing a resource wins and the repeat is reported; hooks with generateName never clash', () => {
  const cm = (name: string, tag: string, namespace?: string): { object: object; namespaced: boolean; tag: string } => ({ object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace ? { namespace } : {}) } }, namespaced: true, tag });
  const hook = { object: { apiVersion: 'batch/v1', kind: 'Job', metadata: { generateName: 'migrate-' } }, namespaced: true, tag: 'hook' };
  const { objects, repeated } = combineObjects([[cm('a', 'first'), cm('b', 'first'), hook], [cm('a', 'second', 'team'), { ...hook, tag: 'hook2' }]] as never, 'team');
  assert.deepEqual((objects as unknown as { tag: string }[]).map((o) => o.tag), ['first', 'hook', 'second', 'hook2']);
  assert.deepEqual(repeated, ['/ConfigMap/team/a']);
  const other = combineObjects([[cm('a', 'first', 'x')], [cm('a', 'second', 'y')]] as never, 'team');
  assert.equal(other.objects.length, 2, 'same name in different namespaces is not a repeat');
});

test('revision fields and history entries are written as Argo CD writes them, single or multi-source', () => {
  const single = { sources: { sources: [git('one')], multi: false }, revisions: ['sha1'] };
  const multi = { sources: { sources: [git('a'), git('b')], multi: true }, revisions: ['sha1', '1.2.3'] };
  assert.deepEqual(revisionFields(single), { revision: 'sha1', source: git('one') });
  assert.deepEqual(revisionFields(multi), { revision: '', revisions: ['sha1', '1.2.3'], sources: [git('a'), git('b')] });
  assert.equal(revisionKey({ revision: 'sha1' }), 'sha1');
  assert.equal(revisionKey({ revision: '', revisions: ['a', 'b'] }), 'a,b');
  const state: OperationState = { operation: { initiatedBy: { automated: true } }, phase: 'Succeeded', startedAt: 's', finishedAt: 'f', syncResult: revisionFields(multi) };
  assert.deepEqual(historyEntry(state, { id: 3, deployedAt: 'now', multi: true }), { id: 3, revisions: ['sha1', '1.2.3'], sources: [git('a'), git('b')], deployedAt: 'f', deployStartedAt: 's', initiatedBy: { automated: true } });
  const one: OperationState = { ...state, syncResult: revisionFields(single) };
  assert.deepEqual(historyEntry(one, { id: 0, deployedAt: 'now', multi: false }), { id: 0, revision: 'sha1', source: git('one'), deployedAt: 'f', deployStartedAt: 's', initiatedBy: { automated: true } });
});

test('rollbackOperation builds the sync of a history entry as argocd app rollback does, and refuses what Argo CD refuses', () => {
  const history = [
    { id: 0, revision: 'sha0', source: git('one'), deployedAt: 't0' },
    { id: 1, revisions: ['a1', 'b1'], sources: [git('a'), git('b')], deployedAt: 't1' },
    { id: 2, revision: 'sha2', deployedAt: 't2' },
  ];
  const manual = appWith({ source: git('one') }, { status: { history } });
  assert.deepEqual(rollbackOperation(manual, 0, { username: 'me' }), { sync: { revision: 'sha0', source: git('one'), prune: false }, initiatedBy: { username: 'me' } });
  assert.deepEqual(rollbackOperation(manual, 1, { prune: true }).sync, { revisions: ['a1', 'b1'], sources: [git('a'), git('b')], prune: true });
  assert.throws(() => rollbackOperation(manual, 7), /does not have deployment with id 7 \(history ids: 0, 1, 2\)/);
  assert.throws(() => rollbackOperation(manual, 2), /does not record its source/);
  const automated = appWith({ source: git('one'), syncPolicy: { automated: { prune: true } } }, { status: { history } });
  assert.throws(() => rollbackOperation(automated, 0), /rollback cannot be initiated when auto-sync is enabled/);
  assert.doesNotThrow(() => rollbackOperation(appWith({ source: git('one'), syncPolicy: { automated: { enabled: false } } }, { status: { history } }), 0), 'automated with enabled: false is off');
  const running = appWith({ source: git('one') }, { status: { history, operationState: { operation: {}, phase: 'Running', startedAt: '' } } });
  assert.throws(() => rollbackOperation(running, 0), /another operation is already in progress/);
  // The controller refuses a rollback written directly while automated sync is on, and renders the spec meanwhile.
  const direct = { ...automated, operation: rollbackOperation(manual, 0) };
  assert.match(rollbackRefusal(direct) ?? '', /auto-sync is enabled/);
  assert.equal(rollbackRefusal({ ...manual, operation: rollbackOperation(manual, 0) }), undefined);
  assert.equal(rollbackRefusal({ ...automated, operation: { sync: { revision: 'x' } } }), undefined, 'a plain sync is no rollback');
  assert.deepEqual(sourcesOf(direct).sources, [git('one')]);
  assert.deepEqual(pinnedRevisions(direct, 1), [undefined]);
});
