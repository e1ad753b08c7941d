import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadKubeConfig } from '../../kube/index.js';
import { kubeconfigFor } from './connection-probe.js';

test('a cluster secret config becomes a kubeconfig the one loader reads: server, CA, token, client certificate', () => {
  const yaml = kubeconfigFor({
    name: 'dev',
    server: 'https://10.0.0.1:6443',
    config: { bearerToken: 'tok', tlsClientConfig: { insecure: false, caData: 'Q0E=', certData: 'Q0VSVA==', keyData: 'S0VZ' } },
  });
  const kc = loadKubeConfig({ yaml });
  assert.equal(kc.getCurrentCluster()?.server, 'https://10.0.0.1:6443');
  assert.equal(kc.getCurrentCluster()?.caData, 'Q0E=');
  assert.equal(kc.getCurrentCluster()?.skipTLSVerify, false);
  assert.equal(kc.getCurrentUser()?.token, 'tok');
  assert.equal(kc.getCurrentUser()?.certData, 'Q0VSVA==');
  assert.equal(kc.getCurrentUser()?.keyData, 'S0VZ');
  const bare = loadKubeConfig({ yaml: kubeconfigFor({ name: 'x', server: 'https://h', config: { tlsClientConfig: { insecure: true } } }) });
  assert.equal(bare.getCurrentCluster()?.skipTLSVerify, true);
  assert.equal(bare.getCurrentUser()?.token, undefined);
});
