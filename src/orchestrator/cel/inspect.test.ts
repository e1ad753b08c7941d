import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFloor, corpusSkip, diffOf, readVectors, tally } from '../testing/corpus.js';
import { inspectExpression, type Inspection, type Reference } from './inspect.js';

interface Case {
  name: string;
  env: 'declared' | 'kro-default';
  resources: string[];
  functions: string[];
  expression: string;
  expectError?: boolean;
  expected?: {
    resourceDependencies: Reference[];
    unknownResources?: Reference[];
    unknownFunctions?: string[];
    functionNamesInclude?: string[];
  };
}

/**
 * Scores the portable part (see the corpus README): resource dependencies, unknown resources and
 * functions, and the function names that must appear. cel-go's exact rendering of call arguments
 * and macro internals (createList, @__sortBy_input__) is not compared.
 */
function check(c: Case): string | undefined {
  let got: Inspection;
  try {
    got = inspectExpression(c.expression, { resources: c.resources, functions: c.functions, kroLibraries: c.env === 'kro-default' });
  } catch (error) {
    return c.expectError ? undefined : `unexpected error ${(error as Error).message}`;
  }
  if (c.expectError || !c.expected) return 'expected an error';
  const e = c.expected;
  const names = got.functionCalls.map((f) => f.name);
  return (
    diffOf(got.resourceDependencies, e.resourceDependencies) ??
    (e.unknownResources ? diffOf(got.unknownResources, e.unknownResources) : undefined) ??
    (e.unknownFunctions ? diffOf(got.unknownFunctions, e.unknownFunctions) : undefined) ??
    (e.functionNamesInclude?.filter((n) => !names.includes(n)).length ? `missing function names in ${JSON.stringify(names)}` : undefined)
  );
}

test('kro cel-inspector conformance', { skip: corpusSkip() }, () => {
  const cases = readVectors<Case>('cel-inspector.jsonl');
  const passed = tally('cel-inspector.jsonl', cases, check);
  assertFloor(passed, cases.length);
});

test('optional selects stop the dependency path where the optional starts', () => {
  const got = inspectExpression('schema.spec.?tier.orValue("x") + svc.status.?ip.orValue("")', { resources: ['schema', 'svc'] });
  assert.deepEqual(got.resourceDependencies, [
    { id: 'schema', path: 'schema.spec' },
    { id: 'svc', path: 'svc.status' },
  ]);
});

test('comprehension variables are not references; the same name outside is', () => {
  const got = inspectExpression('i.ready && items.all(i, i.ok)', { resources: ['items'] });
  assert.deepEqual(got.unknownResources, [{ id: 'i', path: 'i.ready' }]);
});
