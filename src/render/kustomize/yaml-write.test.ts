import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonValue } from './json-value.js';
import { formatYamlDocument } from './yaml-write.js';

// Expected text was produced by `kubectl kustomize` (Kustomize v5.5.0) for the same values.
const cases: Array<{ name: string; value: JsonValue; want: string }> = [
  { name: 'keys sort as yaml.v2 sorts them', value: { b: 1, a10: 1, a2: 1, A: 1, _c: 1, '-x': 1, '1': 1 }, want: '-x: 1\n_c: 1\n"1": 1\nA: 1\na2: 1\na10: 1\nb: 1\n' },
  { name: 'strings that read as other types are quoted', value: { a: 'true', b: 'yes', c: '123', d: '', e: '1e3', f: '2001-12-14' }, want: 'a: "true"\nb: "yes"\nc: "123"\nd: ""\ne: "1e3"\nf: "2001-12-14"\n' },
  { name: 'indicators force single quotes', value: { a: 'a: b', b: '*x', c: ' x', d: 'a #b' }, want: "a: 'a: b'\nb: '*x'\nc: ' x'\nd: 'a #b'\n" },
  { name: 'multi-line strings are literal blocks', value: { a: 'x\ny\n', b: 'x\ny' }, want: 'a: |\n  x\n  y\nb: |-\n  x\n  y\n' },
  { name: 'sequences sit flush under their key', value: { l: [{ k: 1, j: 2 }, 'x'], e: [], m: {} }, want: 'e: []\nl:\n- j: 2\n  k: 1\n- x\nm: {}\n' },
  {
    name: 'long plain strings fold after column 80',
    value: { long: 'this is a very long string that has many words in it and should exceed the eighty column limit of the emitter for sure yes' },
    want: 'long: this is a very long string that has many words in it and should exceed the eighty\n  column limit of the emitter for sure yes\n',
  },
  { name: 'tabs force double quotes', value: { a: 'x\ty' }, want: 'a: "x\\ty"\n' },
];

for (const c of cases) {
  test(`yaml output: ${c.name}`, () => {
    assert.equal(formatYamlDocument(c.value), c.want);
  });
}
