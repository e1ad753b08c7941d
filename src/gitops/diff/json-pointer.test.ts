import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../core/index.js';
import { parseJsonPointer, resolveJsonPointer } from './json-pointer.js';

test('JSON pointers unescape ~1 and ~0 and resolve only what exists', () => {
  const obj = { metadata: { annotations: { 'a/b': '1', 'c~d': '2' } }, spec: { list: [{ x: 1 }, { x: 2 }] } };
  const cases: [string, unknown][] = [
    ['/metadata/annotations/a~1b', ['metadata', 'annotations', 'a/b']],
    ['/metadata/annotations/c~0d', ['metadata', 'annotations', 'c~d']],
    ['/spec/list/1/x', ['spec', 'list', 1, 'x']],
    ['/spec/list/2', undefined],
    ['/spec/list/01', undefined],
    ['/spec/list/-', undefined],
    ['/spec/missing', undefined],
    ['/spec/list/0/x/deeper', undefined],
    ['', []],
  ];
  for (const [pointer, want] of cases) assert.deepEqual(resolveJsonPointer(obj, parseJsonPointer(pointer)), want, pointer);
});

test('a malformed JSON pointer is an InputError naming it', () => {
  for (const pointer of ['spec/replicas', '/a/~2', '/a~']) {
    assert.throws(() => parseJsonPointer(pointer), (e: unknown) => e instanceof InputError && e.message.includes(pointer));
  }
});
