import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRetryable } from '../core/index.js';
import { errorFromStatus, isGone } from './errors.js';
import { resourcePath } from './types.js';
import { toResources } from './discovery.js';

test('errorFromStatus maps apiserver codes to gantry errors with the server message', () => {
  const cases: [number, string, boolean][] = [
    [404, 'NotFoundError', false],
    [409, 'ConflictError', true],
    [422, 'InputError', false],
    [400, 'InputError', false],
    [429, 'TransientError', true],
    [503, 'TransientError', true],
    [403, 'KubeApiError', false],
    [410, 'KubeApiError', true],
  ];
  for (const [code, name, retryable] of cases) {
    const e = errorFromStatus(code, { message: `server says ${code}` }, 'apply Deployment a/b on cluster hub');
    assert.equal(e.name, name, String(code));
    assert.equal(isRetryable(e), retryable, String(code));
    assert.equal(e.message, `apply Deployment a/b on cluster hub: server says ${code}`);
  }
  assert.equal(isGone(errorFromStatus(410, undefined, 'watch')), true);
  assert.equal(isGone(errorFromStatus(500, undefined, 'watch')), false);
});

test('resourcePath builds core, grouped, namespaced, cluster-scoped and subresource paths', () => {
  const deploy = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true };
  const ns = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };
  assert.equal(resourcePath(deploy, { namespace: 'team-a', name: 'web' }), '/apis/apps/v1/namespaces/team-a/deployments/web');
  assert.equal(resourcePath(deploy, {}), '/apis/apps/v1/deployments');
  assert.equal(resourcePath(deploy, { namespace: 'x', name: 'web', subresource: 'status' }), '/apis/apps/v1/namespaces/x/deployments/web/status');
  assert.equal(resourcePath(ns, { namespace: 'ignored', name: 'team-a' }), '/api/v1/namespaces/team-a');
});

test('toResources splits the group version and drops subresources', () => {
  const list = {
    groupVersion: 'apps/v1',
    resources: [
      { name: 'deployments', kind: 'Deployment', namespaced: true, verbs: ['get'], shortNames: ['deploy'] },
      { name: 'deployments/status', kind: 'Deployment', namespaced: true, verbs: ['get'] },
    ],
  };
  assert.deepEqual(toResources(list), [{ group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true, verbs: ['get'], shortNames: ['deploy'] }]);
  assert.equal(toResources({ groupVersion: 'v1', resources: [{ name: 'pods', kind: 'Pod', namespaced: true, verbs: [] }] })[0]?.group, '');
});
