import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateError } from './errors.js';
import type { MissingKey } from './exec.js';
import { TemplateSet } from './template-set.js';
import type { GoValue } from './value.js';
import { GoStruct, goFunc, goInt } from './value.js';

function render(text: string, data: GoValue = null, missingKey: MissingKey = 'default'): string {
  return new TemplateSet().parse('t', text).execute('t', data, { missingKey });
}

function failure(text: string, data: GoValue = null, missingKey: MissingKey = 'default'): string {
  try {
    render(text, data, missingKey);
  } catch (error) {
    assert.ok(error instanceof TemplateError, String(error));
    return error.message;
  }
  return 'no error';
}

// Outputs as Go 1.19's text/template gives them.
const outputs: Array<[string, string, GoValue, string]> = [
  ['left trim', 'a  \n {{- 1}}', null, 'a1'],
  ['right trim', '{{1 -}} \n\t b', null, '1b'],
  ['both trims and a trimmed comment', 'a {{- 1 -}} b {{- /* c */ -}} d {{- 2}}', null, 'a1bd2'],
  ['trim does not need text', '{{- 3 -}}', null, '3'],
  ['negative number is not a trim', '{{-3}}', null, '-3'],
  ['range with break and continue', '{{range $i, $v := .}}{{if eq $i 1}}{{continue}}{{end}}{{if eq $i 3}}{{break}}{{end}}{{$i}}:{{$v}} {{end}}', [1, 2, 3, 4, 5], '0:1 2:3 '],
  ['range over a map is sorted by key', '{{range $k, $v := .}}{{$k}}={{$v}};{{end}}', { b: 1, a: 2, B: 3 }, 'B=3;a=2;b=1;'],
  ['range else on empty', '{{range .}}x{{else}}empty{{end}}', [], 'empty'],
  ['with else', '{{with .a}}{{.}}{{else}}none{{end}}', { a: 0 }, 'none'],
  ['else if chain', '{{if .a}}1{{else if .b}}2{{else}}3{{end}}', { b: true }, '2'],
  ['assignment reaches the declaration', '{{$x := 1}}{{range .}}{{$x = .}}{{end}}{{$x}}', [1, 2, 3], '3'],
  ['define, template and block', '{{define "T"}}<{{.}}>{{end}}{{template "T" 1}}{{block "B" 2}}[{{.}}]{{end}}', null, '<1>[2]'],
  ['JSON numbers are float64', '{{.a}} {{.b}} {{printf "%T" .a}}', { a: 1000000, b: 1.5 }, '1e+06 1.5 float64'],
  ['literals are int', '{{printf "%T %T %T" 1 1.0 0x10}}', null, 'int float64 int'],
  ['missing key prints no value', '{{.x}} {{.a.b}}', { a: {} }, '<no value> <no value>'],
  ['print turns no value into nil', '{{print .x}}', {}, '<nil>'],
  ['and/or return the deciding value', '{{and 1 0 2}} {{or 0 "" "x"}} {{or 0 ""}}', null, '0 x '],
  ['index and slice', '{{index .a 1 0}} {{slice .a 1}} {{index "abc" 1}} {{slice "abc" 1 2}}', { a: [[1], [2, 3]] }, '2 [[2 3]] 98 b'],
  ['escapers', '{{html "<a&b>"}} {{js "it\'s"}} {{urlquery "a b/c"}}', null, "&lt;a&amp;b&gt; it\\'s a+b%2Fc"],
  ['custom delimiters leave braces alone', '', null, ''],
];

for (const [name, text, data, want] of outputs) {
  test(`execute: ${name}`, () => {
    assert.equal(render(text, data), want);
  });
}

test('execute: custom delimiters', () => {
  const set = new TemplateSet({ delims: ['<<', '>>'] }).parse('t', '<<.a>> {{.a}}');
  assert.equal(set.execute('t', { a: 1 }), '1 {{.a}}');
});

test('execute: missingkey=zero gives nil, and a field of nil is an error', () => {
  assert.equal(render('{{.x}}', {}, 'zero'), '<no value>');
  assert.equal(failure('{{.a.b}}', {}, 'zero'), 'template: t:1:4: executing "t" at <.a.b>: nil pointer evaluating interface {}.b');
});

test('execute: missingkey=error names the key', () => {
  assert.equal(failure('{{.x}} {{.y}}', { x: 99 }, 'error'), 'template: t:1:9: executing "t" at <.y>: map has no entry for key "y"');
  assert.equal(failure('{{.x}}', null, 'error'), 'template: t:1:2: executing "t" at <.x>: nil data; no entry for key "x"');
});

// Errors as Go 1.19 words them, with template, line and byte column.
const errors: Array<[string, GoValue, string]> = [
  ['{{nil}}', null, 'template: t:1:2: executing "t" at <nil>: nil is not a command'],
  ['{{index .a 1.0}}', { a: [1] }, 'template: t:1:2: executing "t" at <index .a 1.0>: error calling index: cannot index slice/array with type float64'],
  ['x\n  {{len 3}}', null, 'template: t:2:4: executing "t" at <len 3>: error calling len: len of type int'],
  ['{{eq 2 2.0}}', null, 'template: t:1:2: executing "t" at <eq 2 2.0>: error calling eq: incompatible types for comparison'],
  ['{{template "nope"}}', null, 'template: t:1:11: executing "t" at <{{template "nope"}}>: template "nope" not defined'],
  ['{{.x 1}}', { x: 1 }, 'template: t:1:2: executing "t" at <.x>: x is not a method but has arguments'],
  ['{{1 2}}', null, 'template: t:1:2: executing "t" at <1>: can\'t give argument to non-function 1'],
  ['{{range .}}{{end}}', 5, 'template: t:1:8: executing "t" at <.>: range can\'t iterate over 5'],
  ['{{1.1|printf}}', null, 'template: t:1:6: executing "t" at <printf>: wrong type for value; expected string; got float64'],
];

for (const [text, data, want] of errors) {
  test(`execute error: ${JSON.stringify(text)}`, () => {
    assert.equal(failure(text, data), want);
  });
}

test('execute: errors inside a defined template name it and its source', () => {
  const set = new TemplateSet().parse('file.yaml', '{{define "inner"}}\n{{.a.b}}{{end}}{{template "inner" .}}');
  assert.throws(() => set.execute('file.yaml', { a: null }), {
    message: 'template: file.yaml:2:4: executing "inner" at <.a.b>: nil pointer evaluating interface {}.b',
  });
});

test('execute: functions plug in with Go signatures, and structs expose fields and methods', () => {
  const funcs = {
    repeat: goFunc(['int', 'string'], ([n, s]) => String(s).repeat(Number((n as ReturnType<typeof goInt>).value))),
    include: goFunc(['string', 'interface {}'], ([name, data], ctx) => ctx.executeTemplate(String(name), data)),
  };
  const release = new GoStruct('chart.Release', { Name: 'demo' }, { IsUpgrade: goFunc([], () => false) });
  const set = new TemplateSet({ funcs }).parse('t', '{{define "n"}}[{{.Name}}]{{end}}{{repeat 2 "ab"}} {{include "n" .}} {{.IsUpgrade}}');
  assert.equal(set.execute('t', release), 'abab [demo] false');
  const bad = new TemplateSet({ funcs }).parse('t', '{{repeat .n "x"}}');
  assert.throws(() => bad.execute('t', { n: 2 }), { message: /wrong type for value; expected int; got float64/ });
});

test('execute: a later parse replaces a block, an empty redefinition does not', () => {
  const set = new TemplateSet().parse('t', 'a({{block "inner" .}}default{{end}})').parse('o', '{{define "inner"}}override{{end}}');
  assert.equal(set.execute('t', null), 'a(override)');
  set.parse('e', '{{define "inner"}} {{end}}');
  assert.equal(set.execute('t', null), 'a(override)');
});

test('execute: runaway recursion stops with a template error', () => {
  const set = new TemplateSet().parse('t', '{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}');
  assert.throws(() => set.execute('t', null), { name: 'TemplateError', message: /exceeded maximum template depth/ });
});

test('execute: an int from a function is an int', () => {
  const set = new TemplateSet({ funcs: { n: goFunc([], () => goInt(3)) } }).parse('t', '{{printf "%T %d" n n}}');
  assert.equal(set.execute('t', null), 'int 3');
});
