import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deletePaths } from './object-path.js';

test('deletePaths deletes several indices of one list without shifting, and prunes what it empties', () => {
  const obj = { a: { list: [0, 1, 2, 3], only: { x: 1 } }, keep: {} as Record<string, unknown> };
  deletePaths(obj, [['a', 'list', 1], ['a', 'list', 3], ['a', 'only', 'x'], ['missing', 'x'], ['a', 'list', 9]]);
  assert.deepEqual(obj, { a: { list: [0, 2] }, keep: {} });
  deletePaths(obj, [['a', 'list', 0], ['a', 'list', 1]]);
  assert.deepEqual(obj, { keep: {} }, 'emptied containers go, untouched empty ones stay');
});
