import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCelEvaluator } from '../cel/evaluate.js';
import { expandIterators, expandResource, renderTemplate } from './expand.js';
import { adaptCelEvaluator } from './kro-evaluator.js';
import { field, resource } from './testdata.js';

const evaluator = adaptCelEvaluator(createCelEvaluator());
const schema = { metadata: { name: 'web', namespace: 'apps' }, spec: { replicas: 2, regions: ['eu', 'us'], tiers: ['a', 'b'] } };
const instance = { gvk: { group: 'test.kro.run', version: 'v1alpha1', kind: 'App' }, name: 'web', namespace: 'apps', uid: 'u1' };
const ctx = { evaluator, variables: { schema }, instance };

test('renderTemplate fills standalone and template fields, keeps types, leaves absent optionals out', () => {
  const r = resource({
    id: 'svc',
    template: { apiVersion: 'v1', kind: 'Service', metadata: { name: '${schema.metadata.name}-svc', labels: { tier: '${schema.spec.?tier}' } }, spec: { replicas: '${schema.spec.replicas}' } },
    fields: [
      field('metadata.name', '(schema.metadata.name) + "-svc"', ['schema'], false),
      field('metadata.labels.tier', 'schema.spec.?tier', ['schema']),
      field('spec.replicas', 'schema.spec.replicas', ['schema']),
    ],
  });
  assert.deepEqual(renderTemplate(r, ctx), { ok: true, object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-svc', labels: {} }, spec: { replicas: 2 } } });
  const waiting = renderTemplate({ ...r, fields: [field('spec.x', 'db.status.endpoint', ['db'])] }, ctx);
  assert.equal(waiting.ok, false);
  assert.equal(!waiting.ok && waiting.pending, true);
  assert.match(!waiting.ok ? waiting.message : '', /resource svc: expression \$\{db\.status\.endpoint\} waits for data/);
});

test('forEach expands to the cartesian product, first dimension outermost; a non-list is an error', () => {
  const r = resource({ id: 'cm', template: { apiVersion: 'v1', kind: 'ConfigMap' }, forEach: [{ name: 'region', expression: 'schema.spec.regions' }, { name: 'tier', expression: 'schema.spec.tiers' }] });
  assert.deepEqual(expandIterators(r, ctx), {
    ok: true,
    bindings: [
      { region: 'eu', tier: 'a' },
      { region: 'eu', tier: 'b' },
      { region: 'us', tier: 'a' },
      { region: 'us', tier: 'b' },
    ],
  });
  const bad = expandIterators({ ...r, forEach: [{ name: 'x', expression: 'schema.metadata.name' }] }, ctx);
  assert.equal(bad.ok, false);
  assert.equal(!bad.ok && bad.pending, false);
  assert.match(!bad.ok ? bad.message : '', /forEach x .* must yield a list/);
});

test('expandResource names each forEach item by its iterator and stamps collection labels and the namespace', () => {
  const r = resource({
    id: 'cm',
    template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '${region}' } },
    fields: [field('metadata.name', '"cm-" + region', ['region'], false)],
    forEach: [{ name: 'region', expression: 'schema.spec.regions' }],
  });
  const out = expandResource(r, ctx);
  assert.equal(out.ok, true);
  const objects = out.ok ? out.objects : [];
  assert.deepEqual(objects.map((o) => [o.metadata.name, o.metadata.namespace, o.metadata.labels?.['kro.run/collection-index'], o.metadata.labels?.['kro.run/collection-size']]), [
    ['cm-eu', 'apps', '0', '2'],
    ['cm-us', 'apps', '1', '2'],
  ]);
});
