import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyModeOf, isOptionOff, isOptionOn, resourceSyncOptions, undeclaredFieldPath, withoutField } from './sync-options.js';

const annotated = (options: string): { metadata: { annotations: Record<string, string> } } => ({ metadata: { annotations: { 'argocd.argoproj.io/sync-options': options } } });

test('per-resource sync options override the app: Replace, Validate, ServerSideApply, Prune, Delete', () => {
  assert.deepEqual(resourceSyncOptions(annotated(' Replace=true , Validate=false,,')), ['Replace=true', 'Validate=false']);
  assert.deepEqual(resourceSyncOptions({}), []);
  assert.deepEqual(applyModeOf([], {}), { replace: false, validate: true });
  assert.deepEqual(applyModeOf(['Replace=true', 'Validate=false'], {}), { replace: true, validate: false });
  assert.deepEqual(applyModeOf(['Replace=true'], annotated('Replace=false')), { replace: false, validate: true }, 'the resource wins');
  assert.deepEqual(applyModeOf(['Validate=false'], annotated('Validate=true')), { replace: false, validate: true });
  assert.deepEqual(applyModeOf(undefined, annotated('Replace=TRUE,Validate=false')), { replace: true, validate: false });
  assert.equal(isOptionOn(['ServerSideApply=true'], ['ServerSideApply=false'], 'ServerSideApply'), false);
  assert.equal(isOptionOff(['Prune=false'], [], 'Prune'), true, 'app-level Prune=false');
  assert.equal(isOptionOff(['Prune=false'], ['Prune=true'], 'Prune'), false, 'a resource Prune=true overrides the app');
  assert.equal(isOptionOff([], ['Delete=false'], 'Delete'), true);
  assert.equal(isOptionOff(['Delete=false'], ['Delete=confirm'], 'Delete'), false);
});

test('undeclared fields named by a 1.20 apiserver are found and dropped, list items matched by their keys', () => {
  const message = 'PATCH /apis/apps/v1/namespaces/x/deployments/w on cluster test: failed to create typed patch object: .spec.template.spec.containers[name="c"].wrong: field not declared in schema';
  const path = undeclaredFieldPath(message);
  assert.deepEqual(path, [{ field: 'spec' }, { field: 'template' }, { field: 'spec' }, { field: 'containers' }, { keys: { name: 'c' } }, { field: 'wrong' }]);
  const dep = { spec: { template: { spec: { containers: [{ name: 'a', wrong: 1 }, { name: 'c', image: 'x', wrong: 2 }] } } } };
  assert.deepEqual(withoutField(dep, path ?? []), { spec: { template: { spec: { containers: [{ name: 'a', wrong: 1 }, { name: 'c', image: 'x' }] } } } });
  assert.equal(dep.spec.template.spec.containers[1]?.wrong, 2, 'the input is not modified');
  assert.deepEqual(undeclaredFieldPath('x: failed to create typed patch object: .foo: field not declared in schema'), [{ field: 'foo' }]);
  assert.deepEqual(undeclaredFieldPath('.spec.ports[containerPort=80,protocol="TCP"].bad: field not declared in schema'), [{ field: 'spec' }, { field: 'ports' }, { keys: { containerPort: 80, protocol: 'TCP' } }, { field: 'bad' }]);
  assert.deepEqual(undeclaredFieldPath('.spec.list[2].x: field not declared in schema'), [{ field: 'spec' }, { field: 'list' }, { index: 2 }, { field: 'x' }]);
  assert.equal(undeclaredFieldPath('Deployment.apps "w" is invalid: spec.selector: Required value'), undefined);
  assert.equal(withoutField({ a: 1 }, [{ field: 'b' }]), undefined, 'a path leading nowhere drops nothing');
  assert.equal(withoutField({ a: [{ name: 'x' }] }, [{ field: 'a' }, { keys: { name: 'y' } }, { field: 'z' }]), undefined);
});

test('Force=true forces Replace and client-side-style applies, never an explicit server-side apply', () => {
  assert.deepEqual(applyModeOf([], annotated('Force=true,Replace=true')), { replace: true, validate: true, force: true });
  assert.deepEqual(applyModeOf([], annotated('Force=true')), { replace: false, validate: true, force: true }, 'apply --force: recreate on a refused change');
  assert.deepEqual(applyModeOf(['ServerSideApply=true'], annotated('Force=true')), { replace: false, validate: true }, 'ignored with ServerSideApply=true, as Argo CD ignores it');
  assert.deepEqual(applyModeOf(['ServerSideApply=true'], annotated('Force=true,Replace=true')), { replace: true, validate: true, force: true }, 'Replace wins over ServerSideApply');
  assert.deepEqual(applyModeOf([], {}, { force: true }), { replace: false, validate: true, force: true }, 'argocd app sync --force');
  assert.deepEqual(applyModeOf([], annotated('Force=false'), { force: true }), { replace: false, validate: true, force: true }, 'the operation forces every resource');
  assert.deepEqual(applyModeOf(['Force=true'], annotated('Force=false')), { replace: false, validate: true }, 'the resource turns off the app-wide option');
});
