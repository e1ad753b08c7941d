import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../core/index.js';
import type { KubeObject } from '../kube-object.js';
import { diffObjects } from './diff-objects.js';
import { compileIgnoreDifferences, globPattern, ignoreRulesFor, type ResourceIgnoreDifferences } from './ignore-differences.js';

const testdata = fileURLToPath(new URL('../../../../src/gitops/diff/testdata/', import.meta.url));
const golden = (name: string): KubeObject => JSON.parse(readFileSync(testdata + name, 'utf8')) as KubeObject;

const deployment = (name: string, namespace: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, annotations },
  spec,
});

const changedPaths = (predicted: KubeObject, live: KubeObject, ignore: ResourceIgnoreDifferences[]): string[] =>
  diffObjects(predicted, live, { ignoreDifferences: ignore }).changes.map((c) => c.path);

const predicted = deployment('web', 'shop', {
  replicas: 2,
  template: { spec: { containers: [{ name: 'web', image: 'web:2' }, { name: 'proxy', image: 'p:2' }], initContainers: [] } },
}, { 'a/b': 'desired', keep: 'x' });
const live = deployment('web', 'shop', {
  replicas: 5,
  template: { spec: { containers: [{ name: 'proxy', image: 'p:1' }, { name: 'web', image: 'web:1' }], initContainers: [{ name: 'injected' }] } },
}, { 'a/b': 'live', keep: 'x' });
const all = [
  'metadata.annotations["a/b"]',
  'spec.replicas',
  'spec.template.spec.containers[name=web].image',
  'spec.template.spec.containers[name=proxy].image',
  'spec.template.spec.initContainers[name=injected]',
];

test('each ignore rule suppresses exactly its fields', () => {
  const cases: [string, ResourceIgnoreDifferences[], string[]][] = [
    ['none', [], all],
    ['jsonPointer', [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }], all.filter((p) => p !== 'spec.replicas')],
    ['escaped jsonPointer', [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/metadata/annotations/a~1b'] }], all.slice(1)],
    ['jsonPointer to a missing field', [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/paused'] }], all],
    [
      'jq select on a keyed item field',
      [{ group: 'apps', kind: 'Deployment', jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "proxy") | .image'] }],
      all.filter((p) => !p.includes('proxy')),
    ],
    [
      'jq select of a whole injected item',
      [{ group: 'apps', kind: 'Deployment', jqPathExpressions: ['.spec.template.spec.initContainers[] | select(.name == "injected")'] }],
      all.filter((p) => !p.includes('initContainers')),
    ],
    [
      'several rules add up',
      [
        { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
        { group: '*', kind: '*', jqPathExpressions: ['.metadata.annotations["a/b"]'] },
      ],
      all.slice(2),
    ],
  ];
  for (const [name, ignore, want] of cases) assert.deepEqual(changedPaths(predicted, live, ignore), want, name);
});

test('rules apply only to the matching group, kind, name and namespace', () => {
  const replicas = (rule: Partial<ResourceIgnoreDifferences>): boolean =>
    changedPaths(predicted, live, [{ kind: 'Deployment', jsonPointers: ['/spec/replicas'], ...rule }]).includes('spec.replicas');
  assert.equal(replicas({ group: 'apps' }), false);
  assert.equal(replicas({ group: '' }), true, 'group "" is the core group');
  assert.equal(replicas({}), true, 'an omitted group is the core group');
  assert.equal(replicas({ group: 'extensions' }), true);
  assert.equal(replicas({ group: '*' }), false);
  assert.equal(replicas({ group: 'app?' }), false);
  assert.equal(replicas({ group: 'apps', kind: 'StatefulSet' }), true);
  assert.equal(replicas({ group: 'apps', kind: '*' }), false);
  assert.equal(replicas({ group: 'apps', name: 'web' }), false);
  assert.equal(replicas({ group: 'apps', name: 'api' }), true);
  assert.equal(replicas({ group: 'apps', namespace: 'shop' }), false);
  assert.equal(replicas({ group: 'apps', namespace: 'other' }), true);
  assert.equal(replicas({ group: 'apps', name: 'web', namespace: 'other' }), true);
});

test('globs match as Argo CD does for group and kind', () => {
  const cases: [string, string, boolean][] = [
    ['*', '', true],
    ['*', 'apps', true],
    ['', '', true],
    ['', 'apps', false],
    ['*.k8s.io', 'networking.k8s.io', true],
    ['*.k8s.io', 'apps', false],
    ['{apps,batch}', 'batch', true],
    ['{apps,batch}', 'policy', false],
    ['a.b', 'axb', false],
  ];
  for (const [glob, text, want] of cases) assert.equal(globPattern(glob).test(text), want, `${glob} ~ ${text}`);
  const compiled = compileIgnoreDifferences([{ group: 'apps', kind: 'Deploy*' }]);
  assert.equal(ignoreRulesFor(compiled, predicted).length, 1);
});

test('managedFieldsManagers hide exactly the fields those managers own in the live object', () => {
  const goldenLive = golden('deployment-live.json');
  const goldenPredicted = golden('deployment-predicted.json');
  const paths = (managers: string[]): string[] =>
    changedPaths(goldenPredicted, goldenLive, [{ group: 'apps', kind: 'Deployment', managedFieldsManagers: managers }]);
  assert.deepEqual(paths([]), ['spec.replicas', 'spec.template.spec.containers[name=web].image']);
  assert.deepEqual(paths(['keda-operator']), ['spec.template.spec.containers[name=web].image']);
  assert.deepEqual(paths(['kube-controller-manager']), ['spec.replicas', 'spec.template.spec.containers[name=web].image']);
  assert.deepEqual(paths(['gantry']), [], 'gantry owns replicas and the image: ignoring its own fields hides both');
});

test('a trusted manager that injected a container: the container and its other fields are no diff', () => {
  const goldenLive = golden('deployment-live.json');
  const withoutSidecar = golden('deployment-live.json');
  const spec = withoutSidecar.spec as { template: { spec: { containers: { name: string; resources?: unknown }[] } } };
  spec.template.spec.containers = spec.template.spec.containers.filter((c) => c.name !== 'istio-proxy');
  for (const c of spec.template.spec.containers) delete c.resources;
  assert.deepEqual(changedPaths(withoutSidecar, goldenLive, []), [
    'spec.template.spec.containers[name=web].resources',
    'spec.template.spec.containers[name=istio-proxy]',
  ]);
  assert.deepEqual(changedPaths(withoutSidecar, goldenLive, [{ group: 'apps', kind: 'Deployment', managedFieldsManagers: ['istio-sidecar-injector'] }]), [
    'spec.template.spec.containers[name=istio-proxy]',
  ], 'the injected container keeps the fields no manager listed (defaults), so it still differs from a prediction without it');
});

test('an invalid rule is an InputError naming the entry and expression', () => {
  assert.throws(
    () => compileIgnoreDifferences([{ group: 'apps', kind: 'Deployment', jqPathExpressions: ['.spec.replicas', '.spec[('] }]),
    (e: unknown) => e instanceof InputError && e.message.includes('ignoreDifferences[0] (apps/Deployment)') && e.message.includes('".spec[("'),
  );
  assert.throws(() => compileIgnoreDifferences([{ kind: 'Secret', jsonPointers: ['data'] }]), /ignoreDifferences\[0\] \(\/Secret\).*"data"/);
  assert.throws(() => diffObjects(predicted, live, { ignoreDifferences: [{ kind: '*', group: '*', jqPathExpressions: ['.a |'] }] }), InputError);
});
