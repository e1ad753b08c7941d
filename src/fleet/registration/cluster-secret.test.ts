import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildClusterSecret, clusterSecretName, registrationSecretName } from './cluster-secret.js';
import { credentialsFromSecret, inlineCredentials } from './credentials.js';
import { parseRegistration } from './parse-registration.js';
import type { ClusterRegistration } from './registration.js';

const file = fileURLToPath(new URL('../../../../src/fleet/registration/testdata/reference-registration.json', import.meta.url));
const reference = (): ClusterRegistration => {
  const parsed = parseRegistration(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error('testdata does not parse');
  return parsed.value;
};
const decode = (s: string | undefined): string => Buffer.from(s ?? '', 'base64').toString('utf8');

test('a registration maps to an Argo CD declarative cluster secret', () => {
  const reg = reference();
  const secret = buildClusterSecret(reg, { namespace: 'argocd', registrationRef: 'gantry-fleet/cluster-registration-spoke-dev-us-east-1', credentials: { bearerToken: 'tok' } });
  assert.equal(secret.metadata.name, 'cluster-spoke-dev-us-east-1');
  assert.equal(secret.metadata.namespace, 'argocd');
  assert.deepEqual(secret.metadata.labels, {
    'app.kubernetes.io/managed-by': 'gantry',
    ...reg.labels,
    'argocd.argoproj.io/secret-type': 'cluster',
    'gantry.io/fleet-managed': 'true',
  });
  const data = secret.data as Record<string, string>;
  assert.equal(decode(data.name), 'spoke-dev-us-east-1');
  assert.equal(decode(data.server), 'https://ABC123.gr7.us-east-1.eks.amazonaws.com');
  assert.deepEqual(JSON.parse(decode(data.config)), { bearerToken: 'tok', tlsClientConfig: { insecure: false, caData: reg.cluster_ca_certificate } });
});

test('annotations: top-level metadata, then the registration annotations (which win), then the source', () => {
  const reg = { ...reference(), annotations: { ...reference().annotations, environment: 'from-annotation' } };
  const secret = buildClusterSecret(reg, { namespace: 'argocd', registrationRef: 'ns/r', credentials: {} });
  assert.deepEqual(secret.metadata.annotations, {
    aws_region: 'us-east-1',
    resource_prefix: 'peeks-workshop',
    environment: 'from-annotation',
    tenant: 'platform-team',
    cluster_type: 'spoke',
    addons_repo_basepath: 'gitops/addons/',
    workloads_repo_basepath: 'gitops/workloads/',
    kustomize_path: 'environments/dev',
    helm_values_path: 'values/dev.yaml',
    sync_wave: '10',
    'gantry.io/registration': 'ns/r',
  });
  assert.deepEqual(JSON.parse(decode((secret.data as Record<string, string>).config)), { tlsClientConfig: { insecure: false, caData: reg.cluster_ca_certificate } });
});

test('a registration may set app.kubernetes.io/managed-by but never the cluster secret type', () => {
  const reg = { ...reference(), labels: { 'app.kubernetes.io/managed-by': 'terraform', enable_x: 'true' } };
  const labels = buildClusterSecret(reg, { namespace: 'argocd', registrationRef: 'r', credentials: {} }).metadata.labels;
  assert.equal(labels?.['app.kubernetes.io/managed-by'], 'terraform');
  assert.equal(labels?.enable_x, 'true');
});

test('cluster secret names: cluster-<name>, or a cleaned name with a hash when the name is not a valid object name', () => {
  assert.equal(clusterSecretName('dev'), 'cluster-dev');
  assert.equal(clusterSecretName('spoke-dev-us-east-1'), 'cluster-spoke-dev-us-east-1');
  const a = clusterSecretName('Peeks_Dev');
  const b = clusterSecretName('peeks-dev');
  assert.match(a, /^cluster-peeks-dev-[0-9a-f]{6}$/);
  assert.notEqual(a, b);
  assert.equal(registrationSecretName('dev'), 'cluster-registration-dev');
  assert.match(registrationSecretName('Peeks_Dev'), /^cluster-registration-peeks-dev-[0-9a-f]{6}$/);
});

test('credentials come from a token or TLS Secret; the problem names keys, never values', () => {
  assert.deepEqual(credentialsFromSecret({ token: 'abc\n', 'ca.crt': 'x', namespace: 'y' }, 'dev-creds'), { ok: true, value: { bearerToken: 'abc' } });
  const tls = credentialsFromSecret({ 'tls.crt': 'CERT', 'tls.key': 'KEY' }, 'c');
  assert.ok(tls.ok);
  assert.equal(decode(tls.value.certData), 'CERT');
  assert.equal(decode(tls.value.keyData), 'KEY');
  const half = credentialsFromSecret({ 'tls.crt': 'CERT' }, 'c');
  assert.ok(!half.ok);
  assert.match(half.error.message, /tls.key/);
  const none = credentialsFromSecret({ password: 'hunter2' }, 'c');
  assert.ok(!none.ok);
  assert.match(none.error.message, /Secret c has no credentials.*\(has password\)/);
  assert.doesNotMatch(none.error.message, /hunter2/);
  assert.deepEqual(inlineCredentials({ ...reference(), bearer_token: 't' }), { bearerToken: 't' });
  assert.deepEqual(inlineCredentials(reference()), {});
});
