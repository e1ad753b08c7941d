import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateError } from './errors.js';
import { parseTemplateText, treeString } from './parser.js';

const builtins = new Set(['printf', 'print', 'len', 'and']);
const options = { leftDelim: '{{', rightDelim: '}}', hasFunction: (f: string) => builtins.has(f) };

function parseError(text: string): string {
  try {
    parseTemplateText('t', text, options);
  } catch (error) {
    assert.ok(error instanceof TemplateError);
    assert.equal(error.phase, 'parse');
    return error.message;
  }
  return 'parsed';
}

// Messages as Go 1.19 reports them for the same input (checked against go's text/template).
const errors: Array<[string, string]> = [
  ['{{end}}', 'template: t:1: unexpected {{end}}'],
  ['{{if .X}}a{{else}}b{{else}}c{{end}}', 'template: t:1: expected end; found {{else}}'],
  ['{{if .X}}a', 'template: t:1: unexpected EOF'],
  ['line1\n{{', 'template: t:2: unclosed action'],
  ['line1\n{{"x"\n"y"\n', 'template: t:4: unclosed action started at t:2'],
  ['{{undefined}}', 'template: t:1: function "undefined" not defined'],
  ['{{$x}}', 'template: t:1: undefined variable "$x"'],
  ['{{with $x := 1}}{{end}}{{$x}}', 'template: t:1: undefined variable "$x"'],
  ['{{range $k, .}}{{end}}', 'template: t:1: range can only initialize variables'],
  ['{{range $a, $b, $c := .}}{{end}}', 'template: t:1: too many declarations in range'],
  ['{{range $k, $v := }}{{end}}', 'template: t:1: missing value for range'],
  ['{{printf 3, 4}}', 'template: t:1: unexpected "," in operand'],
  ['{{.X | 3}}', 'template: t:1: non executable command in pipeline stage 2'],
  ['{{"x".y}}', 'template: t:1: unexpected . after term "\\"x\\""'],
  ['{{break}}', 'template: t:1: {{break}} outside {{range}}'],
  ['{{define "a"}}a{{end}}{{define "a"}}b{{end}}', 'template: t:1: template: multiple definition of template "a"'],
  ['{{template .X}}', 'template: t:1: unexpected ".X" in template clause'],
  ['{{block "b"}}x{{end}}', 'template: t:1: missing value for block clause'],
  ['{{08}}', 'template: t:1: integer overflow: "08"'],
  ['{{( )}}', 'template: t:1: missing value for parenthesized pipeline'],
];

for (const [text, want] of errors) {
  test(`parse error: ${JSON.stringify(text)}`, () => {
    assert.equal(parseError(text), want);
  });
}

test('parse: a source yields its own tree plus every define and block', () => {
  const trees = parseTemplateText('main', 'a{{define "x"}}X{{end}}{{block "y" .}}Y{{end}}', options);
  assert.deepEqual([...trees.keys()].sort(), ['main', 'x', 'y']);
  assert.equal(trees.get('x')?.parseName, 'main');
  assert.equal(treeString(trees.get('main') ?? assert.fail()), '"a"{{template "y" .}}');
});

test('parse: else if nests an if in the else branch', () => {
  const trees = parseTemplateText('t', '{{if .A}}a{{else if .B}}b{{else}}c{{end}}', options);
  assert.equal(treeString(trees.get('t') ?? assert.fail()), '{{if .A}}"a"{{else}}{{if .B}}"b"{{else}}"c"{{end}}{{end}}');
});

test('parse: an empty redefinition does not replace a template', () => {
  const trees = parseTemplateText('t', '{{define "a"}}A{{end}}{{define "a"}} {{end}}', options);
  assert.equal(treeString(trees.get('a') ?? assert.fail()), '"A"');
});
