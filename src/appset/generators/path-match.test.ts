import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathMatch } from './path-match.js';

test('pathMatch follows Go path.Match', () => {
  const cases: [string, string, boolean][] = [
    ['*', 'app1', true],
    ['*', 'p1/app1', false],
    ['p1/*', 'p1/app2', true],
    ['p1/*/*', 'p1/p2/app3', true],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['[a-c]x', 'bx', true],
    ['[^a-c]x', 'bx', false],
    ['[^a-c]x', 'dx', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['app_*', 'app_3', true],
  ];
  for (const [pattern, name, want] of cases) assert.equal(pathMatch(pattern, name), want, `${pattern} ~ ${name}`);
});

test('a malformed pattern is an error', () => {
  assert.throws(() => pathMatch('[abc', 'a'), /syntax error in pattern/);
  assert.throws(() => pathMatch('abc\\', 'a'), /syntax error in pattern/);
});
