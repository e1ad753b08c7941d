import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRegistration } from './parse-registration.js';
import { readRegistration } from './read-registration.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const testdata = join(repoRoot, 'src', 'fleet', 'registration', 'testdata');
const reference = (): Record<string, unknown> => JSON.parse(readFileSync(join(testdata, 'reference-registration.json'), 'utf8')) as Record<string, unknown>;
const seeds = join(repoRoot, '..', 'shared', 'reference', 'seed-examples');

test('the reference JSON parses with every field, labels and annotations as written', () => {
  const parsed = parseRegistration(reference());
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.error));
  const r = parsed.value;
  assert.equal(r.cluster_name, 'spoke-dev-us-east-1');
  assert.equal(r.cluster_endpoint, 'https://ABC123.gr7.us-east-1.eks.amazonaws.com');
  assert.match(Buffer.from(r.cluster_ca_certificate ?? '', 'base64').toString(), /BEGIN CERTIFICATE/);
  assert.deepEqual(
    [r.aws_region, r.resource_prefix, r.environment, r.tenant, r.cluster_type],
    ['us-east-1', 'peeks-workshop', 'dev', 'platform-team', 'spoke'],
  );
  assert.deepEqual(r.labels, {
    environment: 'dev',
    region: 'us-east-1',
    'cluster-type': 'spoke',
    tenant: 'platform-team',
    'resource-prefix': 'peeks-workshop',
    'workload-type': 'applications',
  });
  assert.equal(r.annotations.helm_values_path, 'values/dev.yaml');
  assert.equal(r.annotations.sync_wave, '10');
});

test('the seed example itself is accepted as it is; its elided CA ("LS0tLS1CRUdJTi...") is set aside with a warning', (t) => {
  const file = join(seeds, 'registration-secret.json');
  if (!existsSync(file)) return t.skip(`no ${file} (a user's clone)`);
  const parsed = parseRegistration(JSON.parse(readFileSync(file, 'utf8')));
  assert.ok(parsed.ok);
  assert.equal(parsed.value.cluster_name, 'spoke-dev-us-east-1');
  assert.equal(parsed.value.cluster_ca_certificate, undefined);
  assert.equal(parsed.value.warnings?.length, 1);
  assert.match(parsed.value.warnings?.[0] ?? '', /^cluster_ca_certificate: is not valid base64; ignored, so TLS .* system roots/);
});

test('a CA that is base64 but not a PEM certificate is set aside with a warning too', () => {
  const parsed = parseRegistration({ ...reference(), cluster_ca_certificate: Buffer.from('not a certificate').toString('base64') });
  assert.ok(parsed.ok);
  assert.equal(parsed.value.cluster_ca_certificate, undefined);
  assert.match(parsed.value.warnings?.[0] ?? '', /does not decode to a PEM certificate/);
});

test('GitOps Bridge label names and non-string scalars are kept as text', () => {
  const parsed = parseRegistration({ ...reference(), labels: { enable_aws_load_balancer_controller: true, enable_metrics_server: 'true', replicas: 3 } });
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value.labels, { enable_aws_load_balancer_controller: 'true', enable_metrics_server: 'true', replicas: '3' });
});

test('every problem names its field', () => {
  const cases: { name: string; doc: unknown; fields: string[]; mentions?: RegExp }[] = [
    { name: 'not an object', doc: ['x'], fields: ['(document)'] },
    { name: 'missing cluster_name', doc: { ...reference(), cluster_name: undefined }, fields: ['cluster_name'], mentions: /missing/ },
    { name: 'cluster_name not a string', doc: { ...reference(), cluster_name: 7 }, fields: ['cluster_name'] },
    { name: 'cluster_name with spaces', doc: { ...reference(), cluster_name: 'my cluster' }, fields: ['cluster_name'] },
    { name: 'missing endpoint', doc: { ...reference(), cluster_endpoint: undefined }, fields: ['cluster_endpoint'] },
    { name: 'endpoint not a URL', doc: { ...reference(), cluster_endpoint: 'ABC123.eks.amazonaws.com' }, fields: ['cluster_endpoint'], mentions: /not a URL/ },
    { name: 'endpoint ftp', doc: { ...reference(), cluster_endpoint: 'ftp://host' }, fields: ['cluster_endpoint'] },
    { name: 'endpoint with query', doc: { ...reference(), cluster_endpoint: 'https://host/?a=1' }, fields: ['cluster_endpoint'] },
    { name: 'label value too long', doc: { ...reference(), labels: { tier: 'x'.repeat(64) } }, fields: ['labels.tier'], mentions: /63/ },
    { name: 'label value with space', doc: { ...reference(), labels: { team: 'platform team' } }, fields: ['labels.team'] },
    { name: 'label key with two slashes', doc: { ...reference(), labels: { 'a/b/c': 'x' } }, fields: ['labels.a/b/c'] },
    { name: 'label key bad prefix', doc: { ...reference(), labels: { 'Example.com/x': 'y' } }, fields: ['labels.Example.com/x'] },
    { name: 'label value object', doc: { ...reference(), labels: { x: { y: 1 } } }, fields: ['labels.x'] },
    { name: 'reserved label', doc: { ...reference(), labels: { 'argocd.argoproj.io/secret-type': 'repository' } }, fields: ['labels.argocd.argoproj.io/secret-type'], mentions: /gantry/ },
    { name: 'labels an array', doc: { ...reference(), labels: ['a'] }, fields: ['labels'] },
    { name: 'annotation key invalid', doc: { ...reference(), annotations: { 'bad key': 'v' } }, fields: ['annotations.bad key'] },
    { name: 'tenant a number', doc: { ...reference(), tenant: 5 }, fields: ['tenant'] },
    { name: 'credentials_secret not a name', doc: { ...reference(), credentials_secret: 'Bad_Name' }, fields: ['credentials_secret'] },
  ];
  for (const c of cases) {
    const parsed = parseRegistration(c.doc);
    assert.ok(!parsed.ok, `${c.name}: expected a problem`);
    assert.deepEqual(parsed.error.map((p) => p.field), c.fields, c.name);
    if (c.mentions) assert.match(parsed.error[0]?.message ?? '', c.mentions, c.name);
  }
});

test('several problems are reported together', () => {
  const parsed = parseRegistration({ cluster_endpoint: 'nope', labels: { ok: 'fine', bad: 'no way' } });
  assert.ok(!parsed.ok);
  assert.deepEqual(parsed.error.map((p) => p.field), ['cluster_name', 'cluster_endpoint', 'labels.bad']);
});

test('readRegistration names the secret and the field, and never quotes the text of bad JSON', () => {
  const secret = 'registration secret gantry-fleet/cluster-registration-dev';
  const bad = readRegistration(secret, { config: '{"cluster_name": "dev", "bearer_token": "s3cr3t-token" ' });
  assert.ok(!bad.ok);
  assert.match(bad.error.message, /^registration secret gantry-fleet\/cluster-registration-dev: data\.config: is not valid JSON/);
  assert.doesNotMatch(bad.error.message, /s3cr3t/);
  const missing = readRegistration(secret, { config: JSON.stringify({ ...reference(), cluster_name: '' }) });
  assert.ok(!missing.ok);
  assert.equal(missing.error.message, `${secret}: cluster_name: is missing: every registration names its cluster`);
});
