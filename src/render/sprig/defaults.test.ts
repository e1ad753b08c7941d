import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, renderError } from './test-support.js';
import type { Row } from './test-support.js';

const rows: Row[] = [
  ['{{ "" | default "foo" }}|{{ default "foo" 234 }}|{{ .Nothing | default "x" }}|{{ default "y" }}|{{ 0 | default 5 }}', 'foo|234|x|y|5'],
  ['{{ empty 0 }}|{{ empty 0.0 }}|{{ empty (list) }}|{{ empty (dict) }}|{{ empty "a" }}|{{ empty .none }}|{{ empty (semver "1.0.0") }}', 'true|true|true|true|false|true|false'],
  ['{{ coalesce "" 0 nil 2 }}|{{ coalesce }}|{{ all 1 "a" }}|{{ all 1 "" }}|{{ any 0 "" }}|{{ any 0 "x" }}', '2|<no value>|true|false|false|true'],
  ['{{ ternary "a" "b" true }}|{{ false | ternary "a" "b" }}', 'a|b'],
  ['{{ .In | fromJson }}|{{ (.In | fromJson).a }}|{{ fromJson "{bad" }}', 'map[a:[1 x]]|[1 x]|<no value>', { In: '{"a":[1,"x"]}' }],
  ['{{ toJson .V }}|{{ toRawJson .V }}', '{"a":[1,2.5,"\\u003cb\\u003e"],"b":null}|{"a":[1,2.5,"<b>"],"b":null}', { V: { b: null, a: [1, 2.5, '<b>'] } }],
  ['{{ toPrettyJson .V }}', '{\n  "a": [\n    1\n  ],\n  "e": {}\n}', { V: { a: [1], e: {} } }],
  ['{{ toJson (add 1 2) }}|{{ toJson (toDate "2006-01-02" "2020-05-06") }}|{{ toJson (list | rest) }}', '3|"2020-05-06T00:00:00Z"|null'],
];

test('default and JSON functions render as Sprig does', () => {
  for (const [template, want, data] of rows) assert.equal(render(template, data), want, template);
});

test('must JSON functions report errors, plain ones swallow them', () => {
  assert.match(renderError('{{ mustFromJson "{bad" }}'), /invalid JSON/);
  assert.equal(render('{{ toJson .f }}', { f: Number.NaN }), '');
  assert.match(renderError('{{ mustToJson .f }}', { f: Number.NaN }), /unsupported value: NaN/);
});
