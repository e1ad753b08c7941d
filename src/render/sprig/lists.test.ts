import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, renderError } from './test-support.js';
import type { Row } from './test-support.js';

const rows: Row[] = [
  ['{{ list 1 "a" }}|{{ tuple }}|{{ append (list 1) 2 }}|{{ prepend (list 1) 0 }}', '[1 a]|[]|[1 2]|[0 1]'],
  ['{{ list 1 2 3 | first }}|{{ list | first }}|{{ list 1 2 3 | last }}|{{ list | mustLast }}', '1|<no value>|3|<no value>'],
  ['{{ list 1 2 3 | rest }}|{{ list 1 2 3 | initial }}|{{ list | rest }}|{{ list 1 2 3 | reverse }}', '[2 3]|[1 2]|[]|[3 2 1]'],
  ['{{ list 1 1 "a" "a" | uniq }}|{{ without (list 1 2 1 3) 1 }}|{{ list 1 0 "" "x" | compact }}', '[1 a]|[2 3]|[1 x]'],
  ['{{ has 1 (list 1 2) }}|{{ has "1" (list 1 2) }}|{{ has 1 nil }}', 'true|false|false'],
  ['{{ slice (list 1 2 3) 1 }}|{{ slice (list 1 2 3) 0 1 }}|{{ slice list }}', '[2 3]|[1]|<no value>'],
  ['{{ concat (list 1) (list 2 3) (list nil) }}|{{ toJson (concat) }}', '[1 2 3 <nil>]|null'],
  ['{{ range (list 1 2 3 4 5 | chunk 2) }}{{ . }}{{ end }}|{{ tuple | chunk 3 | len }}', '[1 2][3 4][5]|0'],
  ['{{ printf "%T" (regexSplit "/" "a/b" -1 | slice) }}|{{ printf "%T" (list 1 2 | chunk 1) }}', '[]string|[][]interface {}'],
];

test('list functions render as Sprig does', () => {
  for (const [template, want, data] of rows) assert.equal(render(template, data), want, template);
});

test('list functions reject non-lists with Sprig\'s messages', () => {
  assert.match(renderError('{{ first "abc" }}'), /Cannot find first on type string/);
  assert.match(renderError('{{ append 1 2 }}'), /Cannot push on type int/);
  assert.match(renderError('{{ mustHas 1 (dict) }}'), /Cannot find has on type map/);
  assert.match(renderError('{{ chunk 0 (list 1) }}'), /len out of range/);
});
