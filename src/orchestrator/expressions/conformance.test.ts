import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFloor, corpusSkip, diffOf, readVectors, tally } from '../testing/corpus.js';
import { buildStringTemplate, extractExpressions, isStandaloneExpression, type ExpressionMatch } from './extract.js';
import { parseSchemalessResource } from './schemaless.js';

const skip = corpusSkip();

test('kro expressions-extract conformance', { skip }, () => {
  type Case = { name: string; input: string; expected?: ExpressionMatch[]; expectError?: boolean };
  const cases = readVectors<Case>('expressions-extract.jsonl');
  const passed = tally('expressions-extract.jsonl', cases, (c) => {
    try {
      const got = extractExpressions(c.input);
      return c.expectError ? `expected an error, got ${JSON.stringify(got)}` : diffOf(got, c.expected);
    } catch (error) {
      return c.expectError ? undefined : `unexpected error ${(error as Error).message}`;
    }
  });
  assertFloor(passed, cases.length);
});

test('kro expressions-standalone conformance', { skip }, () => {
  type Case = { name: string; input: string; expected: boolean };
  const cases = readVectors<Case>('expressions-standalone.jsonl');
  const passed = tally('expressions-standalone.jsonl', cases, (c) => diffOf(isStandaloneExpression(c.input), c.expected));
  assertFloor(passed, cases.length);
});

test('kro expressions-string-template conformance', { skip }, () => {
  type Case = { name: string; input: string; matches: ExpressionMatch[]; expected: string };
  const cases = readVectors<Case>('expressions-string-template.jsonl');
  const passed = tally('expressions-string-template.jsonl', cases, (c) => diffOf(buildStringTemplate(c.input, c.matches), c.expected));
  assertFloor(passed, cases.length);
});

test('kro expressions-schemaless-parse conformance', { skip }, () => {
  type Want = { expressions: { path: string; expression: string }[]; plainFieldPaths: string[] };
  type Case = { name: string; resource: unknown; expected?: Want; expectError?: boolean };
  const byPath = (a: { path: string }, b: { path: string }): number => a.path.localeCompare(b.path);
  const cases = readVectors<Case>('expressions-schemaless-parse.jsonl');
  const passed = tally('expressions-schemaless-parse.jsonl', cases, (c) => {
    try {
      const got = parseSchemalessResource(c.resource);
      if (c.expectError) return 'expected an error';
      const fields = got.fields.map((f) => ({ path: f.path, expression: f.expression })).sort(byPath);
      return (
        diffOf(fields, [...(c.expected?.expressions ?? [])].sort(byPath)) ??
        diffOf([...got.plainFieldPaths].sort(), [...(c.expected?.plainFieldPaths ?? [])].sort())
      );
    } catch (error) {
      return c.expectError ? undefined : `unexpected error ${(error as Error).message}`;
    }
  });
  assertFloor(passed, cases.length);
});

test('offsets are UTF-8 bytes, as kro reports them', () => {
  assert.deepEqual(extractExpressions('é-${a}'), [{ expr: 'a', start: 3, end: 7 }]);
  assert.equal(buildStringTemplate('é-${a}!', extractExpressions('é-${a}!')), '"é-" + (a) + "!"');
});

test('keys that are not identifiers are quoted in paths', () => {
  const got = parseSchemalessResource({ metadata: { annotations: { 'a.b/c': '${x}' } } });
  assert.equal(got.fields[0]?.path, 'metadata.annotations["a.b/c"]');
});
