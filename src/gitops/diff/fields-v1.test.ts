import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../core/index.js';
import { managerFieldSets, ownedLocations, parseFieldsV1 } from './fields-v1.js';

test('parseFieldsV1 reads f:, k: (several key fields), v:, i: and the . member marker', () => {
  const set = parseFieldsV1({
    'f:spec': {
      'f:ports': { 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {}, 'f:targetPort': {} } },
      'f:finalizers': { 'v:"example.com/a"': {} },
      'f:args': { 'i:2': {} },
    },
  });
  assert.equal(set.member, false);
  const spec = set.children[0];
  assert.deepEqual(spec?.element, { kind: 'field', name: 'spec' });
  const [ports, finalizers, args] = spec?.set.children ?? [];
  assert.deepEqual(ports?.set.children[0]?.element, { kind: 'key', keys: { port: 80, protocol: 'TCP' } });
  assert.equal(ports?.set.children[0]?.set.member, true);
  assert.deepEqual(ports?.set.children[0]?.set.children.map((c) => c.element), [
    { kind: 'field', name: 'port' },
    { kind: 'field', name: 'targetPort' },
  ]);
  assert.deepEqual(finalizers?.set.children[0]?.element, { kind: 'value', value: 'example.com/a' });
  assert.equal(finalizers?.set.children[0]?.set.member, true);
  assert.deepEqual(args?.set.children[0]?.element, { kind: 'index', index: 2 });
});

test('malformed FieldsV1 is an InputError', () => {
  for (const raw of [[], { 'x:y': {} }, { 'k:{bad': {} }, { 'k:"str"': {} }, { 'i:x': {} }, { 'f:a': 'str' }]) {
    assert.throws(() => parseFieldsV1(raw), InputError, JSON.stringify(raw));
  }
});

const service = {
  metadata: { name: 's', annotations: { mine: '1', theirs: '2' }, finalizers: ['a', 'example.com/b'] },
  spec: {
    ports: [
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
    ],
    args: ['x', 'y', 'z'],
  },
};

test('ownedLocations resolves keyed items by all their key fields, set values by value, indices by position', () => {
  const set = parseFieldsV1({
    'f:metadata': { 'f:annotations': { 'f:theirs': {}, 'f:absent': {} }, 'f:finalizers': { 'v:"example.com/b"': {} } },
    'f:spec': {
      'f:ports': {
        'k:{"port":53,"protocol":"TCP"}': { '.': {}, 'f:port': {}, 'f:protocol': {}, 'f:targetPort': {}, 'f:name': {} },
        'k:{"port":80,"protocol":"TCP"}': { 'f:targetPort': {} },
        'k:{"port":9,"protocol":"TCP"}': { 'f:targetPort': {} },
      },
      'f:args': { 'i:1': {}, 'i:7': {} },
    },
  });
  const owned = ownedLocations(set, service);
  assert.deepEqual(owned.leaves, [
    ['metadata', 'annotations', 'theirs'],
    ['metadata', 'finalizers', 1],
    ['spec', 'ports', 2, 'targetPort'],
    ['spec', 'ports', 2, 'name'],
    ['spec', 'ports', 0, 'targetPort'],
    ['spec', 'args', 1],
  ]);
  assert.deepEqual(owned.items, [{ path: ['spec', 'ports', 2], keys: ['port', 'protocol'] }]);
});

test('a wholly owned keyed item ({} without children) is one leaf', () => {
  const owned = ownedLocations(parseFieldsV1({ 'f:spec': { 'f:ports': { 'k:{"port":80,"protocol":"TCP"}': {} } } }), service);
  assert.deepEqual(owned.leaves, [['spec', 'ports', 0]]);
});

test('managerFieldSets takes only the listed managers FieldsV1 entries from the live object', () => {
  const live = {
    metadata: {
      managedFields: [
        { manager: 'gantry', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
        { manager: 'hpa', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
        { manager: 'other', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } },
      ],
    },
  };
  assert.equal(managerFieldSets(live, ['hpa', 'other']).length, 2);
  assert.equal(managerFieldSets(live, ['nobody']).length, 0);
  assert.equal(managerFieldSets(live, []).length, 0);
  assert.equal(managerFieldSets({ metadata: {} }, ['hpa']).length, 0);
});
