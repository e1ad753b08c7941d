import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionConfigMap, connectionStatusOf, msUntilCheck, nextConnectionStatus } from './connection-status.js';

const t0 = Date.parse('2026-11-23T04:00:00Z');

test('a successful check records version and contact; a failed one keeps them and says unreachable', () => {
  const ok = nextConnectionStatus(undefined, { reachable: true, serverVersion: 'v1.20.2', authorized: true }, t0);
  assert.deepEqual(ok, { state: 'Successful', reachable: true, message: 'connected', serverVersion: 'v1.20.2', lastContact: '2026-11-23T04:00:00.000Z', attemptedAt: '2026-11-23T04:00:00.000Z' });
  const down = nextConnectionStatus(ok, { reachable: false, message: 'connect ECONNREFUSED' }, t0 + 30_000);
  assert.deepEqual(down, {
    state: 'Failed',
    reachable: false,
    message: 'unreachable: connect ECONNREFUSED',
    serverVersion: 'v1.20.2',
    lastContact: '2026-11-23T04:00:00.000Z',
    attemptedAt: '2026-11-23T04:00:30.000Z',
  });
  const never = nextConnectionStatus(undefined, { reachable: false, message: 'timeout' }, t0);
  assert.equal(never.lastContact, undefined);
  assert.equal(never.serverVersion, undefined);
});

test('rejected credentials are Failed but reachable', () => {
  const s = nextConnectionStatus(undefined, { reachable: true, serverVersion: 'v1.29.0', authorized: false, message: 'the credentials were rejected (HTTP 401)' }, t0);
  assert.equal(s.state, 'Failed');
  assert.equal(s.reachable, true);
  assert.match(s.message, /rejected \(HTTP 401\)/);
});

test('the status ConfigMap is owned by the cluster secret and reads back the same', () => {
  const status = nextConnectionStatus(undefined, { reachable: true, serverVersion: 'v1.20.2', authorized: true }, t0);
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cluster-dev', namespace: 'argocd', uid: 'u-1' } };
  const cm = connectionConfigMap({ clusterSecret: secret, cluster: 'dev', server: 'https://127.0.0.1:6443', status });
  assert.equal(cm.metadata.name, 'cluster-dev-connection');
  assert.equal(cm.metadata.namespace, 'argocd');
  assert.deepEqual(cm.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Secret', name: 'cluster-dev', uid: 'u-1' }]);
  assert.deepEqual(connectionStatusOf(cm), status);
  assert.equal(connectionStatusOf(undefined), undefined);
});

test('a check is due at once without a status or after a server change, else an interval after the last attempt', () => {
  const status = nextConnectionStatus(undefined, { reachable: true, serverVersion: 'v1.20.2', authorized: true }, t0);
  assert.equal(msUntilCheck(undefined, { serverChanged: false, now: t0, intervalMs: 30_000 }), 0);
  assert.equal(msUntilCheck(status, { serverChanged: true, now: t0, intervalMs: 30_000 }), 0);
  assert.equal(msUntilCheck(status, { serverChanged: false, now: t0 + 10_000, intervalMs: 30_000 }), 20_000);
  assert.equal(msUntilCheck(status, { serverChanged: false, now: t0 + 45_000, intervalMs: 30_000 }), 0);
});
