import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegex } from './files.js';
import { parseGoYaml } from './go-yaml-read.js';
import { toYaml, toYamlPretty } from './go-yaml-write.js';
import { parseSetArgument, setValue } from './set-values.js';
import { decodeToml } from './toml-decode.js';
import { encodeToml } from './toml-encode.js';
import { validateValues } from './values-schema.js';
import { coalesceTables } from './values-coalesce.js';
import { goInt } from '../gotemplate/value.js';

test('YAML reads as Helm reads values (yaml.v2 scalars through JSON)', () => {
  const cases: Array<[string, unknown]> = [
    ['a: yes\nb: off\nc: ~\nd: 0x1F\ne: 1_000\nf: 1.5e3\ng: "007"\nh: 2024-01-02\ni: 0777', { a: true, b: false, c: null, d: 31, e: 1000, f: 1500, g: '007', h: '2024-01-02', i: 511 }],
    ['base: &b {p: 1, q: 2}\nderived:\n  <<: *b\n  q: 3\ny: n', { base: { p: 1, q: 2 }, derived: { p: 1, q: 3 }, true: false }],
    ['1: one\ntrue: t', { '1': 'one', true: 't' }],
    ['', null],
  ];
  for (const [text, want] of cases) assert.deepEqual(parseGoYaml(text), want, text);
  assert.throws(() => parseGoYaml('a: [1,\n'), /yaml: line \d+/);
});

test('toYaml and toYamlPretty write as Go does', () => {
  assert.equal(toYaml({ b: [1, 2], a: { 'on': 'yes', n: 1e6 } }), 'a:\n  "n": 1000000\n  "on": "yes"\nb:\n- 1\n- 2');
  assert.equal(toYamlPretty({ b: [1, { c: 'd' }] }), 'b:\n  - 1\n  - c: d');
  assert.equal(toYaml(null), 'null');
});

test('--set syntax', () => {
  const v = parseSetArgument({}, 'a.b=1,list[1]=x,s=010,t=true,n=null,l={a,b},esc=x\\,y');
  assert.deepEqual(v, { a: { b: 1 }, list: [null, 'x'], s: '010', t: true, n: null, l: ['a', 'b'], esc: 'x,y' });
  assert.deepEqual(setValue({}, 'x[0].name', '5', true), { x: [{ name: '5' }] });
  assert.throws(() => parseSetArgument({}, 'novalue'), /has no value/);
});

test('coalescing: destination wins, null deletes, tables merge', () => {
  const dst = { a: 1, gone: null, t: { x: 1 } };
  assert.deepEqual(coalesceTables(dst, { a: 2, gone: 'default', t: { x: 2, y: 3 }, z: { k: null, j: 1 } }, false), { a: 1, t: { x: 1, y: 3 }, z: { j: 1 } });
});

test('TOML round trip', () => {
  assert.equal(encodeToml({ a: 1, s: 'x"y', t: { b: true, u: { c: goInt(2) } }, arr: [{ n: 'p' }, { n: 'q' }] }), 'a = 1.0\ns = "x\\"y"\n\n[[arr]]\n  n = "p"\n\n[[arr]]\n  n = "q"\n\n[t]\n  b = true\n  [t.u]\n    c = 2\n');
  const doc = decodeToml('# c\nname = "x" # trailing\n[server]\nport = 8_080\nhosts = ["a", \'b\']\n[[users]]\nid = 1\n[[users]]\nid = 2\ninline = { k = 1.5 }\n');
  assert.deepEqual(JSON.parse(JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'object' && v !== null && 'value' in v ? String((v as { value: bigint }).value) : v))), {
    name: 'x',
    server: { port: '8080', hosts: ['a', 'b'] },
    users: [{ id: '1' }, { id: '2', inline: { k: 1.5 } }],
  });
  assert.throws(() => decodeToml('a = \n'), /toml: line 1/);
});

test('.Files.Glob patterns keep * within a path segment', () => {
  assert.equal(globToRegex('config/*.yaml').test('config/a.yaml'), true);
  assert.equal(globToRegex('config/*.yaml').test('config/x/a.yaml'), false);
  assert.equal(globToRegex('config/**.{yaml,json}').test('config/x/a.json'), true);
  assert.equal(globToRegex('file?.txt').test('file1.txt'), true);
});

test('values.schema.json subset', () => {
  const schema = {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', pattern: '^[a-z]+$' },
      port: { type: 'integer', minimum: 1, maximum: 65535 },
      mode: { enum: ['a', 'b'] },
      list: { type: 'array', items: { $ref: '#/definitions/item' } },
    },
    definitions: { item: { type: 'object', required: ['id'] } },
  };
  assert.deepEqual(validateValues({ name: 'ok', port: 80, mode: 'a', list: [{ id: 1 }] }, schema), []);
  assert.deepEqual(validateValues({ name: 'Bad', port: 0, mode: 'c', list: [{}], extra: 1 }, schema), [
    "name: Does not match pattern '^[a-z]+$'",
    'port: Must be greater than or equal to 1',
    'mode: mode must be one of the following: "a", "b"',
    'list.0: id is required',
    '(root): Additional property extra is not allowed',
  ]);
  assert.deepEqual(validateValues({}, schema), ['(root): name is required']);
});
