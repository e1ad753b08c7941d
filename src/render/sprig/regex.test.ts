import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, renderError } from './test-support.js';
import type { Row } from './test-support.js';

const rows: Row[] = [
  ['{{ regexMatch "^[a-z]+@[a-z]+\\\\.com$" "test@acme.com" }}|{{ regexMatch "(" "x" }}|{{ regexMatch "(?i)ABC" "xabc" }}', 'true|false|true'],
  ['{{ regexFindAll "a{2}" "aaaaa" -1 }}|{{ regexFindAll "a{2}" "aaaa" 1 }}|{{ regexFindAll "x" "abc" -1 | len }}', '[aa aa]|[aa]|0'],
  ['{{ regexFindAll "a*" "baaac" -1 | len }}|{{ regexReplaceAll "a*" "baaac" "X" }}', '3|XbXcX'],
  ['{{ regexFind "fo.?" "foorbar" }}|{{ regexFind "fo.?" "none" }}', 'foo|'],
  ['{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}|{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}|{{ regexReplaceAll "a(?P<x>x*)b" "-axb-" "[$x]" }}', '-W-xxW-|---|-[x]-'],
  ['{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}|{{ regexReplaceAll "b" "abc" "$$" }}', '-${1}-${1}-|a$c'],
  ['{{ regexSplit "a" "banana" -1 }}|{{ regexSplit "a" "banana" 0 | len }}|{{ regexSplit "z+" "pizza" 2 }}', '[b n n ]|0|[pi a]'],
  ['{{ regexQuoteMeta "1.2.3" }}|{{ regexMatch "\\\\Aab\\\\z" "ab" }}|{{ regexMatch "[[:digit:]]x" "5x" }}|{{ regexMatch "\\\\pL" "é" }}', '1\\.2\\.3|true|true|true'],
  ['{{ regexMatch "a.c" "a\\rc" }}|{{ regexMatch "a\\\\-c" "a-c" }}|{{ regexMatch "x{" "x{" }}', 'true|true|true'],
];

test('regex functions follow Go regexp semantics', () => {
  for (const [template, want, data] of rows) assert.equal(render(template, data), want, template);
});

test('bad patterns fail as Go reports them', () => {
  assert.match(renderError('{{ regexFind "(" "x" }}'), /error parsing regexp/);
  assert.match(renderError('{{ mustRegexMatch "a(?=b)" "ab" }}'), /invalid or unsupported Perl syntax/);
  assert.match(renderError('{{ regexFind "(a)\\\\1" "aa" }}'), /invalid escape sequence/);
});
