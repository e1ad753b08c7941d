import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKubeConfig } from '../kube/index.js';
import { renderKubeconfig } from './kubeconfig.js';

test('renderKubeconfig writes a kubeconfig that client-node reads back, a context per cluster', () => {
  const yaml = renderKubeconfig(
    [
      { context: 'gantry-hub', server: 'https://127.0.0.1:16443', caPem: '-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n', token: 'a'.repeat(32) },
      { context: 'gantry-dev', server: 'https://127.0.0.1:16444', caPem: 'ca2', token: 'b'.repeat(32) },
    ],
    'gantry-hub',
  );
  const kc = loadKubeConfig({ yaml });
  assert.equal(kc.getCurrentContext(), 'gantry-hub');
  assert.equal(kc.getCurrentCluster()?.server, 'https://127.0.0.1:16443');
  assert.equal(Buffer.from(kc.getCurrentCluster()?.caData ?? '', 'base64').toString(), '-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n');
  assert.equal(kc.getCurrentUser()?.token, 'a'.repeat(32));
  assert.deepEqual(kc.getContexts().map((c) => c.name), ['gantry-hub', 'gantry-dev']);
  assert.throws(() => loadKubeConfig({ yaml, context: 'gantry-prod' }), /has no context "gantry-prod" \(contexts: gantry-hub, gantry-dev\)/);
});
