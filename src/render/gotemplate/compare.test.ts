import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, ge, gt, le, lt, ne } from './compare.js';
import { formatValue } from './fmt.js';
import type { GoValue } from './value.js';
import { GoComplex, goInt } from './value.js';

const int = (n: number): GoValue => goInt(n);
const uint = (n: number): GoValue => goInt(n, 'uint');

// [function, a, b, result or the error Go reports]
const cases: Array<[string, GoValue, GoValue, boolean | string]> = [
  ['eq', int(1), int(1), true],
  ['eq', 1.5, 1.5, true],
  ['eq', 'xy', 'xyz', false],
  ['eq', true, true, true],
  ['eq', new GoComplex(1, 2), new GoComplex(1, 3), false],
  ['eq', int(3), uint(3), true],
  ['eq', int(-1), uint(3), false],
  ['eq', int(2), 2.0, 'incompatible types for comparison'],
  ['eq', 1, 'x', 'incompatible types for comparison'],
  ['eq', null, null, true],
  ['eq', undefined, int(0), false],
  ['eq', { a: 1 }, null, false],
  ['eq', { a: 1 }, int(1), 'incompatible types for comparison'],
  ['eq', [1], [1], 'non-comparable type [%!s(float64=1)]: []interface {}'],
  ['ne', int(1), int(2), true],
  ['ne', 'a', 'a', false],
  ['lt', int(1), int(2), true],
  ['lt', 'b', 'a', false],
  ['lt', 'Z', 'a', true],
  ['lt', int(-1), uint(3), true],
  ['lt', uint(3), int(-1), false],
  ['lt', int(1), 2.0, 'incompatible types for comparison'],
  ['lt', true, false, 'invalid type for comparison'],
  ['lt', new GoComplex(1, 0), new GoComplex(1, 0), 'invalid type for comparison'],
  ['lt', undefined, int(1), 'invalid type for comparison'],
  ['le', 1.5, 1.5, true],
  ['le', 'xyz', 'xy', false],
  ['gt', int(2), int(1), true],
  ['gt', 1.5, 2.5, false],
  ['ge', 'xy', 'xy', true],
  ['ge', int(1), int(2), false],
];

const fns: Record<string, (a: GoValue, b: GoValue) => boolean> = { eq: (a, b) => eq(a, [b]), ne, lt, le, gt, ge };

for (const [name, a, b, want] of cases) {
  test(`${name} ${formatValue(a)} ${formatValue(b)}`, () => {
    const fn = fns[name] ?? assert.fail(name);
    if (typeof want === 'string') assert.throws(() => fn(a, b), { message: want });
    else assert.equal(fn(a, b), want);
  });
}

test('eq compares the first argument with each of the others', () => {
  assert.equal(eq(int(3), [int(4), int(5), int(3)]), true);
  assert.equal(eq(int(3), [int(4), int(5)]), false);
  assert.throws(() => eq(int(3), []), { message: 'missing argument for comparison' });
});
