import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../kube-object.js';
import { diffObjects } from './diff-objects.js';
import type { ResourceIgnoreDifferences } from './ignore-differences.js';
import { applyIgnoredFromLive } from './respect-ignore.js';

const testdata = fileURLToPath(new URL('../../../../src/gitops/diff/testdata/', import.meta.url));
const golden = (name: string): KubeObject => JSON.parse(readFileSync(testdata + name, 'utf8')) as KubeObject;

const deployment = (spec: Record<string, unknown>, name = 'web'): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec });
const rule = (fields: Partial<ResourceIgnoreDifferences>): ResourceIgnoreDifferences[] => [{ group: 'apps', kind: 'Deployment', ...fields }];

const desired = deployment({
  replicas: 2,
  paused: false,
  template: {
    spec: {
      containers: [{ name: 'web', image: 'web:2' }, { name: 'proxy', image: 'p:2' }],
      tolerations: [{ key: 'mine', operator: 'Exists' }],
    },
  },
});
const live = deployment({
  replicas: 5,
  template: {
    spec: {
      containers: [{ name: 'proxy', image: 'p:1' }, { name: 'web', image: 'web:1' }],
      initContainers: [{ name: 'injected', image: 'i:1' }],
      tolerations: [{ key: 'theirs', operator: 'Exists' }, { key: 'mine', operator: 'Exists' }],
    },
  },
});
const spec = (obj: KubeObject): Record<string, unknown> => obj.spec as Record<string, unknown>;
const podSpec = (obj: KubeObject): Record<string, unknown> => (spec(obj).template as { spec: Record<string, unknown> }).spec;

test('ignored fields take their live values; everything else stays desired', () => {
  const result = applyIgnoredFromLive(desired, live, rule({ jsonPointers: ['/spec/replicas'] }));
  assert.equal(spec(result).replicas, 5);
  assert.deepEqual(podSpec(result).containers, podSpec(desired).containers);
  assert.equal(spec(desired).replicas, 2, 'the input is not mutated');
});

test('an ignored field live does not have is dropped from desired', () => {
  const result = applyIgnoredFromLive(desired, live, rule({ jsonPointers: ['/spec/paused'] }));
  assert.equal('paused' in spec(result), false);
});

test('a jq path that names a field live lacks creates nothing in desired', () => {
  const result = applyIgnoredFromLive(desired, live, rule({ jqPathExpressions: ['.spec.strategy.rollingUpdate.maxSurge', '.. | .caBundle?'] }));
  assert.deepEqual(result, desired);
});

test('jq-selected fields of keyed items land on the same item, whatever the order', () => {
  const result = applyIgnoredFromLive(desired, live, rule({ jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "proxy") | .image'] }));
  assert.deepEqual(podSpec(result).containers, [{ name: 'web', image: 'web:2' }, { name: 'proxy', image: 'p:1' }]);
});

test('whole items selected in live are added, never written over a different desired item', () => {
  const result = applyIgnoredFromLive(
    desired,
    live,
    rule({
      jqPathExpressions: [
        '.spec.template.spec.initContainers[] | select(.name == "injected")',
        '.spec.template.spec.tolerations[] | select(.key == "theirs")',
      ],
    }),
  );
  assert.deepEqual(podSpec(result).initContainers, [{ name: 'injected', image: 'i:1' }]);
  assert.deepEqual(podSpec(result).tolerations, [{ key: 'mine', operator: 'Exists' }, { key: 'theirs', operator: 'Exists' }]);
});

test('no live object, or no matching rule: desired is applied as it is', () => {
  assert.deepEqual(applyIgnoredFromLive(desired, undefined, rule({ jsonPointers: ['/spec/replicas'] })), desired);
  assert.deepEqual(applyIgnoredFromLive(desired, live, rule({ kind: 'StatefulSet', jsonPointers: ['/spec/replicas'] })), desired);
  assert.deepEqual(applyIgnoredFromLive(desired, live, undefined), desired);
});

test('fields owned by trusted managers keep their live values, injected items included', () => {
  const goldenLive = golden('deployment-live.json');
  const ownDesired = deployment({ replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'registry.example.com/web:1.1' }] } } });
  const result = applyIgnoredFromLive(ownDesired, goldenLive, rule({ managedFieldsManagers: ['keda-operator', 'istio-sidecar-injector'] }));
  assert.equal(spec(result).replicas, 5);
  assert.deepEqual(podSpec(result).containers, [
    { name: 'web', image: 'registry.example.com/web:1.1', resources: { limits: { memory: '256Mi' } } },
    (podSpec(goldenLive).containers as unknown[])[0],
  ]);
});

test('after RespectIgnoreDifferences, the ignored fields are the only differences left out', () => {
  const ignore = rule({ jsonPointers: ['/spec/replicas'], jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "proxy") | .image'] });
  const applied = applyIgnoredFromLive(desired, live, ignore);
  const withoutIgnore = diffObjects(applied, live).changes.map((c) => c.path);
  assert.equal(withoutIgnore.includes('spec.replicas'), false);
  assert.equal(withoutIgnore.includes('spec.template.spec.containers[name=proxy].image'), false);
  assert.equal(withoutIgnore.includes('spec.template.spec.containers[name=web].image'), true);
});
