import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, renderError } from './test-support.js';
import type { Row } from './test-support.js';

const rows: Row[] = [
  ['{{ "foooooo" | trunc 3 }}|{{ "baaaaaar" | trunc -3 }}|{{ "ab" | trunc 5 }}', 'foo|aar|ab'],
  ['{{ substr 1 3 "hello" }}|{{ substr -1 3 "hello" }}|{{ substr 2 -1 "hello" }}', 'el|hel|llo'],
  ['{{ trim "  x \\t" }}|{{ trimAll "$" "$5$" }}|{{ trimPrefix "$" "$5" }}|{{ trimSuffix "$" "5$" }}', 'x|5|5|5'],
  ['{{ upper "abß" }}|{{ lower "ABC" }}|{{ title "hello wOrld-foo_bar" }}|{{ untitle "First Try" }}', 'ABß|abc|Hello WOrld-Foo_bar|first try'],
  ['{{ repeat 3 "ab" }}|{{ nospace "h e l l o " }}|{{ initials "First Try" }}|{{ swapcase "Hello World" }}', 'ababab|hello|FT|hELLO wORLD'],
  ['{{ snakecase "HTTPServer" }}|{{ snakecase "NoHTTPS" }}|{{ snakecase "HTTP20xOK" }}|{{ snakecase "Bld4Floor3rd" }}', 'http_server|no_https|http_20x_ok|bld4_floor_3rd'],
  ['{{ kebabcase "FirstName" }}|{{ kebabcase "GO PATH" }}|{{ camelcase "http_server" }}|{{ camelcase "_complex__case_" }}', 'first-name|go-path|HttpServer|_Complex_Case_'],
  ['{{ abbrev 5 "hello world" }}|{{ abbrevboth 5 10 "1234 5678 9123" }}|{{ abbrev 3 "hello" }}', 'he...|...5678...|hello'],
  ['{{ wrap 5 "Hello World" }}|{{ wrapWith 5 "\\t" "Hello World" }}', 'Hello\nWorld|Hello\tWorld'],
  ['{{ quote "a" 1 nil }}|{{ squote "a" 1 }}|{{ cat "a" 1 nil (list 1 2) }}', '"a" "1"|\'a\' \'1\'|a 1 [1 2]'],
  ['{{ indent 2 "a\\nb" }}|{{ nindent 1 "a" }}', '  a\n  b|\n a'],
  ['{{ replace " " "-" "a b c" }}|{{ replace "" "-" "ab" }}|{{ plural "one" "many" 1 }}|{{ plural "one" "many" 2 }}', 'a-b-c|-a-b-|one|many'],
  ['{{ contains "cat" "fair catch" }}|{{ hasPrefix "cat" "catch" }}|{{ hasSuffix "cat" "ducat" }}', 'true|true|true'],
  ['{{ $v := split "$" "a$b" }}{{ $v._1 }}|{{ splitn "$" 2 "a$b$c" }}|{{ splitList "," "a,b" }}', 'b|map[_0:a _1:b$c]|[a b]'],
  ['{{ join "-" (list 1 nil "x") }}|{{ join "-" "abc" }}|{{ list 3 1 2 | sortAlpha }}|{{ toStrings (list 1 nil 2) }}', '1-x|abc|[1 2 3]|[1 2]'],
  ['{{ toString 1.5 }}|{{ toString nil }}|{{ printf "%T" (toStrings (list 1)) }}', '1.5|<nil>|[]string'],
  ['{{ hello }}', 'Hello!'],
];

test('string functions render as Sprig does', () => {
  for (const [template, want, data] of rows) assert.equal(render(template, data), want, template);
});

test('string functions fail as Go does', () => {
  assert.match(renderError('{{ substr 5 9 "abc" }}'), /slice bounds out of range/);
  assert.match(renderError('{{ repeat -1 "a" }}'), /negative Repeat count/);
  assert.match(renderError('{{ trunc 1.5 "abc" }}'), /expected integer/);
});
