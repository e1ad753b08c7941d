import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, renderError } from './test-support.js';
import type { Row } from './test-support.js';

const rows: Row[] = [
  ['{{ $d := dict "a" 1 "b" }}{{ $d }}|{{ dict 1 2 }}', 'map[a:1 b:]|map[1:2]'],
  ['{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $_ := unset $d "a" }}{{ $d }}|{{ hasKey $d "b" }}', 'map[b:2]|true'],
  ['{{ get (dict "a" 1) "a" }}|{{ get (dict) "x" }}|{{ get .missing "x" }}', '1||'],
  ['{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }}|{{ keys (dict "b" 1 "a" 2) }}|{{ values (dict "b" 1 "a" 2) }}', '[1 3]|[a b]|[2 1]'],
  ['{{ pick (dict "a" 1 "b" 2) "a" "z" }}|{{ omit (dict "a" 1 "b" 2) "a" }}', 'map[a:1]|map[b:2]'],
  ['{{ dig "a" "b" 0 (dict "a" (dict "b" 1)) }}|{{ dig "a" "z" "def" (dict "a" (dict)) }}', '1|def'],
  ['{{ merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "y" 2)) }}', 'map[a:1 b:3 n:map[x:1 y:2]]'],
  ['{{ mergeOverwrite (dict "a" 1 "l" (list 1)) (dict "a" 2 "l" (list 2)) }}', 'map[a:2 l:[2]]'],
  ['{{ merge (dict "a" "" "l" (list)) (dict "a" "x" "l" (list 1)) }}|{{ merge (dict "l" (list 1)) (dict "l" (list 2)) }}', 'map[a:x l:[1]]|map[l:[1]]'],
  ['{{ mergeOverwrite (dict "a" 1) (dict "a" nil) }}|{{ merge (dict "a" 1) (dict "a" nil) }}', 'map[a:<nil>]|map[a:1]'],
  ['{{ $a := dict "x" (dict "y" 1) }}{{ $c := deepCopy $a }}{{ $_ := set $c.x "y" 2 }}{{ $a.x.y }}{{ $c.x.y }}', '12'],
];

test('dict functions render as Sprig does', () => {
  for (const [template, want, data] of rows) assert.equal(render(template, data), want, template);
});

test('dict functions fail as Go does', () => {
  assert.match(renderError('{{ set nil "a" 1 }}'), /assignment to entry in nil map/);
  assert.match(renderError('{{ dig "a" (dict) }}'), /dig needs at least three arguments/);
  assert.match(renderError('{{ keys (split "," "a") }}'), /expected map\[string\]interface \{\}; got map\[string\]string/);
});
