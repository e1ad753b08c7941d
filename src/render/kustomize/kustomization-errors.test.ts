// Errors name the kustomization file and the field at fault: wrong types, unknown fields (also
// nested ones), and files that are missing or outside the kustomization root, for every field
// that names a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderKustomization } from './render-kustomization.js';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
const FILE = '/overlays/prod/kustomization.yaml';

function errorOf(fields: string): string {
  const files = new Map([
    ['overlays/prod/kustomization.yaml', Buffer.from(`resources:\n- cm.yaml\n${fields}`)],
    ['overlays/prod/cm.yaml', Buffer.from(CM)],
    ['overlays/prod/ok.yaml', Buffer.from(`${CM}data: {a: b}\n`)],
    ['overlays/outside.yaml', Buffer.from(CM)],
    ['overlays/prod/ok.env', Buffer.from('A=1\n')],
  ]);
  try {
    renderKustomization(files, { path: 'overlays/prod' });
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

const MISSING = (field: string, file: string): string => `${FILE}: ${field}: file '/overlays/prod/${file}' doesn't exist`;

const CASES: Array<[string, string, string]> = [
  ['patches path', 'patches:\n- path: ok.yaml\n- path: nope.yaml\n', MISSING('patches[1].path', 'nope.yaml')],
  ['patchesJson6902 path', 'patchesJson6902:\n- target: {kind: ConfigMap, name: x}\n  path: nope.yaml\n', MISSING('patchesJson6902[0].path', 'nope.yaml')],
  ['patchesStrategicMerge', 'patchesStrategicMerge:\n- ok.yaml\n- nope.yaml\n', MISSING('patchesStrategicMerge[1]', 'nope.yaml')],
  ['configMapGenerator files', 'configMapGenerator:\n- name: a\n  files: [nope.txt]\n', MISSING('configMapGenerator[0].files[0]', 'nope.txt')],
  ['configMapGenerator envs', 'configMapGenerator:\n- name: a\n  envs: [ok.env, nope.env]\n', MISSING('configMapGenerator[0].envs[1]', 'nope.env')],
  ['secretGenerator files', 'secretGenerator:\n- name: a\n  files: [k=nope.txt]\n', MISSING('secretGenerator[0].files[0]', 'nope.txt')],
  ['replacements path', 'replacements:\n- path: nope.yaml\n', MISSING('replacements[0].path', 'nope.yaml')],
  ['configurations', 'configurations:\n- nope.yaml\n', MISSING('configurations[0]', 'nope.yaml')],
  ['crds', 'crds:\n- nope.json\n', MISSING('crds[0]', 'nope.json')],
  ['openapi', 'openapi:\n  path: nope.json\n', MISSING('openapi.path', 'nope.json')],
  ['resources', 'resources:\n- cm.yaml\n- nope.yaml\n', `${FILE}: resources[1]: 'nope.yaml': '/overlays/prod/nope.yaml' doesn't exist`],
  ['components', 'components:\n- nope\n', `${FILE}: components[0]: 'nope'`],
  ['transformers', 'transformers:\n- nope.yaml\n', `${FILE}: transformers[0]: 'nope.yaml'`],
  ['outside the root', 'patches:\n- path: ../outside.yaml\n', `${FILE}: patches[0].path: security; file '/overlays/outside.yaml' is not in or below '/overlays/prod'`],
  ['a list where a string belongs', 'namePrefix: [a]\n', `${FILE}: namePrefix: expected a string, got a list`],
  ['a string where a list belongs', 'components: base\n', `${FILE}: components: expected a list, got string "base"`],
  ['a string count', 'replicas:\n- name: x\n  count: two\n', `${FILE}: replicas[0].count: expected an integer, got string "two"`],
  ['a map as a tag', 'images:\n- name: nginx\n  newTag: {a: 1}\n', `${FILE}: images[0].newTag: expected a string, got a map`],
  ['a list as labels', 'commonLabels: [a]\n', `${FILE}: commonLabels: expected a map of strings, got a list`],
  ['a nested label value', 'labels:\n- pairs: {a: {b: c}}\n', `${FILE}: labels[0].pairs.a: expected a string, got a map`],
  ['a nested unknown field', 'patches:\n- path: ok.yaml\n  pathx: 1\n', `${FILE}: patches[0]: invalid Kustomization: json: unknown field "pathx"`],
  ['an unknown target field', 'patches:\n- path: ok.yaml\n  target: {knd: ConfigMap}\n', `${FILE}: patches[0].target: invalid Kustomization: json: unknown field "knd"`],
  ['a top-level unknown field', 'namePrefx: a\n', `${FILE}: invalid Kustomization: json: unknown field "namePrefx"`],
  ['a YAML 1.1 boolean as a namespace', 'namespace: n\n', `${FILE}: namespace: expected a string, got boolean false`],
  ['a number as a label', 'commonLabels: {a: 1}\n', `${FILE}: commonLabels.a: expected a string, got number 1`],
  ['a number as a tag', 'images:\n- name: nginx\n  newTag: 1.0\n', `${FILE}: images[0].newTag: expected a string, got number 1`],
  ['a number as a literal', 'configMapGenerator:\n- name: a\n  literals: [1]\n', `${FILE}: configMapGenerator[0].literals[0]: expected a string, got number 1`],
  ['a string as a patch option', 'patches:\n- path: ok.yaml\n  options: {allowNameChange: "true"}\n', `${FILE}: patches[0].options.allowNameChange: expected true or false, got string "true"`],
  ['an unknown helmCharts field', 'helmCharts:\n- name: x\n  foo: 1\n', `${FILE}: helmCharts[0]: invalid Kustomization: json: unknown field "foo"`],
  ['a generator without a name', 'configMapGenerator:\n- literals: [a=b]\n', `${FILE}: configMapGenerator[0].name: a configmap must have a name`],
  ['an unknown sort order', 'sortOptions:\n  order: sideways\n', `${FILE}: the field 'sortOptions.order' must be one of [fifo, legacy]`],
  ['an unknown generator behavior', 'configMapGenerator:\n- name: a\n  behavior: foo\n', `${FILE}: configMapGenerator[0].behavior: unknown behavior 'foo'`],
  ['a string as a bool', 'generatorOptions:\n  disableNameSuffixHash: maybe\n', `${FILE}: generatorOptions.disableNameSuffixHash: expected true or false, got string "maybe"`],
];

test('kustomization errors name the file and the field at fault', () => {
  for (const [what, fields, expected] of CASES) {
    const message = errorOf(fields);
    assert.ok(message.includes(expected), `${what}:\n  got  ${message}\n  want ${expected}`);
  }
});

test('fields spelled with another case are taken, as Go decodes them; YAML 1.1 booleans read as booleans', () => {
  assert.equal(errorOf('Patches:\n- Path: ok.yaml\n  Target: {Kind: ConfigMap}\n'), 'no error');
  assert.equal(errorOf('generatorOptions:\n  disableNameSuffixHash: yes\n'), 'no error');
});
