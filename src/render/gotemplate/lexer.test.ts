import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lexer } from './lexer.js';

function lex(input: string, delims: [string, string] = ['{{', '}}']): string[] {
  const lexer = new Lexer(input, { name: 't', leftDelim: delims[0], rightDelim: delims[1], breakOK: true, continueOK: true });
  const tokens = lexer.tokens.map((t) => (t.type === t.val || t.type === 'eof' ? t.type : `${t.type}:${t.val}`));
  return lexer.failure === undefined ? tokens : [...tokens, `error:${lexer.failure.message}`];
}

const cases: Array<{ name: string; input: string; want: string[]; delims?: [string, string] }> = [
  { name: 'text only', input: 'hello', want: ['text:hello', 'eof'] },
  { name: 'field chain', input: '{{.A.b}}', want: ['leftDelim:{{', 'field:.A', 'field:.b', 'rightDelim:}}', 'eof'] },
  { name: 'variables and declare', input: '{{$x := $}}', want: ['leftDelim:{{', 'variable:$x', 'space: ', 'declare::=', 'space: ', 'variable:$', 'rightDelim:}}', 'eof'] },
  { name: 'keywords and bools', input: '{{if true}}{{end}}', want: ['leftDelim:{{', 'if', 'space: ', 'bool:true', 'rightDelim:}}', 'leftDelim:{{', 'end', 'rightDelim:}}', 'eof'] },
  { name: 'numbers', input: '{{1 -2.5e3 0x1F 1+2i}}', want: ['leftDelim:{{', 'number:1', 'space: ', 'number:-2.5e3', 'space: ', 'number:0x1F', 'space: ', 'complex:1+2i', 'rightDelim:}}', 'eof'] },
  { name: 'strings and chars', input: '{{"a\\"b" `raw` \'c\'}}', want: ['leftDelim:{{', 'string:"a\\"b"', 'space: ', 'rawString:`raw`', 'space: ', "charConstant:'c'", 'rightDelim:}}', 'eof'] },
  { name: 'pipes and parens', input: '{{(f .)|g}}', want: ['leftDelim:{{', 'leftParen:(', 'identifier:f', 'space: ', 'dot:.', 'rightParen:)', 'pipe:|', 'identifier:g', 'rightDelim:}}', 'eof'] },
  { name: 'left trim eats preceding space', input: 'a \n {{- 1}}', want: ['text:a', 'leftDelim:{{', 'number:1', 'rightDelim:}}', 'eof'] },
  { name: 'right trim eats following space', input: '{{1 -}} \n b', want: ['leftDelim:{{', 'number:1', 'rightDelim:}}', 'text:b', 'eof'] },
  { name: 'minus without space is a number', input: '{{-1}}', want: ['leftDelim:{{', 'number:-1', 'rightDelim:}}', 'eof'] },
  { name: 'comment is one token', input: 'a {{- /* c */ -}} b', want: ['text:a', 'comment:/* c */', 'text:b', 'eof'] },
  { name: 'custom delimiters', input: '<<.X>>{{.Y}}', delims: ['<<', '>>'], want: ['leftDelim:<<', 'field:.X', 'rightDelim:>>', 'text:{{.Y}}', 'eof'] },
  { name: 'unclosed action', input: 'a{{', want: ['text:a', 'leftDelim:{{', 'error:unclosed action'] },
  { name: 'unclosed comment', input: '{{/* x', want: ['error:unclosed comment'] },
  { name: 'unterminated string', input: '{{"abc}}', want: ['leftDelim:{{', 'error:unterminated quoted string'] },
  { name: 'bad character in identifier', input: '{{a#}}', want: ['leftDelim:{{', "error:bad character U+0023 '#'"] },
  { name: 'bad number', input: '{{3k}}', want: ['leftDelim:{{', 'error:bad number syntax: "3k"'] },
  { name: 'unclosed paren', input: '{{(1}}', want: ['leftDelim:{{', 'leftParen:(', 'number:1', 'error:unclosed left paren'] },
];

for (const c of cases) {
  test(`lexer: ${c.name}`, () => {
    assert.deepEqual(lex(c.input, c.delims), c.want);
  });
}

test('lexer: tokens carry their line', () => {
  const lexer = new Lexer('a\nb{{\n.X}}', { name: 't', leftDelim: '{{', rightDelim: '}}', breakOK: true, continueOK: true });
  assert.deepEqual(
    lexer.tokens.map((t) => t.line),
    [1, 2, 2, 3, 3, 3],
  );
});
