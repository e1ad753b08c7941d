import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../core/index.js';
import { compileJqPath, jqPaths } from './jq-path.js';

const obj = {
  metadata: { name: 'web', annotations: { 'a/b': 'x', plain: 'y' } },
  spec: {
    replicas: 3,
    template: {
      spec: {
        initContainers: [{ name: 'injected-init', image: 'i' }],
        containers: [
          { name: 'web', image: 'web:1', env: [{ name: 'A', value: '1' }] },
          { name: 'istio-proxy', image: 'proxy:1' },
          { name: 'istio-init', image: 'init:1' },
        ],
      },
    },
  },
  webhooks: [{ name: 'w1', clientConfig: { caBundle: 'Q0E=' } }, { name: 'w2', clientConfig: {} }],
};

const run = (expression: string, input: unknown = obj): string[] => jqPaths(compileJqPath(expression), input).map((p) => JSON.stringify(p));

test('jq path expressions select the locations Argo CD users mean', () => {
  const cases: [string, unknown[][]][] = [
    ['.spec.replicas', [['spec', 'replicas']]],
    ['.metadata.annotations["a/b"]', [['metadata', 'annotations', 'a/b']]],
    ['.metadata.annotations."a/b"', [['metadata', 'annotations', 'a/b']]],
    ['.["metadata"].name', [['metadata', 'name']]],
    ['.spec.template.spec.containers[0].image', [['spec', 'template', 'spec', 'containers', 0, 'image']]],
    ['.spec.template.spec.containers[-1]', [['spec', 'template', 'spec', 'containers', 2]]],
    ['.spec.template.spec.containers.[1].name', [['spec', 'template', 'spec', 'containers', 1, 'name']]],
    ['.spec.template.spec.initContainers[] | select(.name == "injected-init")', [['spec', 'template', 'spec', 'initContainers', 0]]],
    ['.spec.template.spec.containers[] | select(.name == "web") | .image', [['spec', 'template', 'spec', 'containers', 0, 'image']]],
    [
      '.spec.template.spec.containers[] | select(.name | startswith("istio-")) | .image',
      [
        ['spec', 'template', 'spec', 'containers', 1, 'image'],
        ['spec', 'template', 'spec', 'containers', 2, 'image'],
      ],
    ],
    ['.spec.template.spec.containers[] | select(.name != "web" and .image == "proxy:1")', [['spec', 'template', 'spec', 'containers', 1]]],
    [
      '.spec.template.spec.containers[] | select(.name == "web" or .name == "istio-init") | .name',
      [
        ['spec', 'template', 'spec', 'containers', 0, 'name'],
        ['spec', 'template', 'spec', 'containers', 2, 'name'],
      ],
    ],
    ['.spec.template.spec.containers[] | select(.name | test("^istio-p")) | .image', [['spec', 'template', 'spec', 'containers', 1, 'image']]],
    ['.spec.template.spec.containers[] | select((.name | endswith("init")) | not) | .name', [['spec', 'template', 'spec', 'containers', 0, 'name'], ['spec', 'template', 'spec', 'containers', 1, 'name']]],
    ['.spec.template.spec.containers[] | select(has("env")) | .env[] | select(.name == "A") | .value', [['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value']]],
    ['.webhooks[]?.clientConfig.caBundle', [['webhooks', 0, 'clientConfig', 'caBundle'], ['webhooks', 1, 'clientConfig', 'caBundle']]],
    ['.spec.replicas, .metadata.name', [['spec', 'replicas'], ['metadata', 'name']]],
    ['.. | select(type == "object" and has("caBundle")) | .caBundle', [['webhooks', 0, 'clientConfig', 'caBundle']]],
    ['.metadata.annotations | .plain', [['metadata', 'annotations', 'plain']]],
    ['.', [[]]],
  ];
  for (const [expression, want] of cases) assert.deepEqual(run(expression), want.map((p) => JSON.stringify(p)), expression);
});

test('a jq runtime error selects nothing for that object, unless made optional', () => {
  const configMap = { data: { a: '1' } };
  assert.deepEqual(run('.spec.template.spec.containers[] | .image', configMap), []);
  assert.deepEqual(run('.webhooks[]?.clientConfig.caBundle', configMap), []);
  assert.deepEqual(run('.data.a.b', configMap), []);
  assert.deepEqual(run('.data.a.b?', configMap), []);
  assert.deepEqual(run('.data[] | select(startswith("1"))', configMap), [JSON.stringify(['data', 'a'])]);
  assert.deepEqual(run('.data[] | select(test("("))', configMap), []);
});

test('unsupported or malformed jq is an InputError naming the expression', () => {
  const bad = [
    '.spec[',
    '.spec.template | del(.x)',
    '.a = 1',
    '.a | .b +',
    '.[1:2]',
    '.a | map(.b)',
    '"literal"',
    '.a == "x"',
    '.spec.x | $var',
    'select(.a == "x"',
    '"\\(.x)"',
    '.a[.b]',
    'startswith("a"; "b")',
    '.a b',
  ];
  for (const expression of bad) {
    assert.throws(
      () => compileJqPath(expression),
      (error: unknown) => error instanceof InputError && error.message.includes(JSON.stringify(expression)),
      expression,
    );
  }
});
