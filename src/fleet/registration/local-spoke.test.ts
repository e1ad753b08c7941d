import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { localSpokeRegistration } from './local-spoke.js';
import { localTenantProject } from './local-tenant-project.js';
import { parseRegistration } from './parse-registration.js';

const ca = Buffer.from(readFileSync(fileURLToPath(new URL('../../../../src/fleet/registration/testdata/ca.pem', import.meta.url)))).toString('base64');

test('a local spoke registers with the reference architecture labels and annotations, and passes validation', () => {
  const reg = localSpokeRegistration({ name: 'dev', server: 'https://127.0.0.1:16450', caData: ca, credentialsSecret: 'cluster-credentials-dev' });
  assert.deepEqual(reg.labels, { environment: 'dev', region: 'local', 'cluster-type': 'spoke', tenant: 'platform-team', 'resource-prefix': 'gantry', 'workload-type': 'applications' });
  assert.equal(reg.annotations.helm_values_path, 'values/dev.yaml');
  assert.equal(reg.annotations.kustomize_path, 'environments/dev');
  const reparsed = parseRegistration(JSON.parse(JSON.stringify(reg)));
  assert.ok(reparsed.ok, JSON.stringify(!reparsed.ok && reparsed.error));
  assert.deepEqual(reparsed.value, reg);
});

test('the local tenant project allows any repository but only the registered spokes as destinations', () => {
  const project = localTenantProject('argocd', [{ name: 'dev', server: 'https://127.0.0.1:7001' }]);
  assert.equal(project.metadata.name, 'platform-team');
  assert.equal(project.metadata.namespace, 'argocd');
  const spec = project.spec as { sourceRepos: string[]; destinations: { server?: string; name?: string; namespace: string }[] };
  assert.deepEqual(spec.sourceRepos, ['*']);
  assert.deepEqual(spec.destinations, [{ server: 'https://127.0.0.1:7001', namespace: '*' }, { name: 'dev', namespace: '*' }]);
  assert.ok(!spec.destinations.some((d) => d.server === '*' || d.name === '*' || d.server === 'https://kubernetes.default.svc'));
});
