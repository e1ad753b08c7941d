import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { stringify } from 'yaml';
import { isRetryable, systemClock, TransientError } from '../core/index.js';
import { testKubeconfig, testLogger } from '../testkit/index.js';
import { connectCluster, connectKubeconfig, createKubeClient, KubeApiError, loadKubeConfig } from './index.js';

// How the client reports a server it cannot reach, and one it reaches with bad credentials.

/** A kubeconfig with one context, `ctx`, for a server and token. */
function kubeconfigYaml(o: { server: string; token: string; caData?: string }): string {
  const cluster = o.caData ? { server: o.server, 'certificate-authority-data': o.caData } : { server: o.server, 'insecure-skip-tls-verify': true };
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'ctx',
    clusters: [{ name: 'c', cluster }],
    users: [{ name: 'u', user: { token: o.token } }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
  });
}

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

test('a server that does not answer gives a retryable TransientError naming the server', async () => {
  const server = `https://127.0.0.1:${await closedPort()}`;
  const connection = await connectKubeconfig({ yaml: kubeconfigYaml({ server, token: 'unused' }) });
  try {
    const client = createKubeClient(connection);
    await assert.rejects(client.request({ method: 'GET', path: '/version', what: 'read server version' }), (e: unknown) => {
      assert.ok(e instanceof TransientError, `a TransientError (got ${String(e)})`);
      assert.equal(e.retryable, true);
      assert.ok(isRetryable(e));
      assert.ok(e.message.includes(`read server version on cluster ctx: cannot reach ${server}`), e.message);
      assert.match(e.message, /ECONNREFUSED/);
      return true;
    });
  } finally {
    connection.close();
  }
});

test('object calls through a cluster that cannot be reached fail with the same TransientError', async () => {
  const server = `https://127.0.0.1:${await closedPort()}`;
  const cluster = await connectCluster({ kubeconfig: { yaml: kubeconfigYaml({ server, token: 'unused' }) }, clock: systemClock, log: testLogger() });
  try {
    await assert.rejects(
      cluster.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'x' }),
      (e: unknown) => e instanceof TransientError && e.message.includes(server),
    );
  } finally {
    cluster.close();
  }
});

test('a wrong token is a non-retryable 401 KubeApiError after one fresh try', async () => {
  const real = loadKubeConfig({ path: testKubeconfig() }).getCurrentCluster();
  assert.ok(real?.caData, 'the test kubeconfig carries its CA');
  const yaml = kubeconfigYaml({ server: real.server, token: 'not-a-valid-token', caData: real.caData });
  const connection = await connectKubeconfig({ yaml });
  try {
    let invalidations = 0;
    const counting = { ...connection, invalidateAuth: () => void invalidations++, authHeaders: () => connection.authHeaders() };
    const client = createKubeClient(counting);
    await assert.rejects(client.request({ method: 'GET', path: '/api', what: 'discover core API' }), (e: unknown) => {
      assert.ok(e instanceof KubeApiError, `a KubeApiError (got ${String(e)})`);
      assert.equal(e.code, 401);
      assert.equal(e.retryable, false);
      assert.match(e.message, /^discover core API on cluster ctx: /);
      assert.ok(!e.message.includes('not-a-valid-token'), 'the token never reaches the message');
      return true;
    });
    assert.equal(invalidations, 1, 'a 401 drops cached credentials and retries once');
  } finally {
    connection.close();
  }
});
