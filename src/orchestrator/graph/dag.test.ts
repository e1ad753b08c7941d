import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFloor, corpusSkip, diffOf, readVectors, tally } from '../testing/corpus.js';
import { createDag, CycleError, type Dag } from './dag.js';

interface Call {
  addVertex?: { id: string };
  addDependencies?: { vertex: string; dependsOn: string[] };
  forceDependency?: { vertex: string; dependsOn: string };
  assert?: string;
  expectError?: boolean;
}

interface Case {
  name: string;
  function: string;
  nodes?: string[];
  edges?: [string, string][];
  expected?: unknown;
  vertices?: { id: string }[];
  calls?: Call[];
}

function outcome(run: () => void): boolean {
  try {
    run();
    return false;
  } catch {
    return true;
  }
}

function runCall(dag: Dag, call: Call): string | undefined {
  if (call.addVertex) {
    const id = call.addVertex.id;
    if (outcome(() => dag.addVertex(id)) !== call.expectError) return `addVertex ${id}: error expected ${String(call.expectError)}`;
  } else if (call.addDependencies) {
    const { vertex, dependsOn } = call.addDependencies;
    if (outcome(() => dag.addDependencies(vertex, dependsOn)) !== call.expectError) return `addDependencies ${vertex}: error expected ${String(call.expectError)}`;
  } else if (call.forceDependency) {
    dag.forceDependency(call.forceDependency.vertex, call.forceDependency.dependsOn);
  } else if (call.assert === 'no cycle') {
    if (outcome(() => dag.topologicalSort())) return 'unexpected cycle';
  } else if (call.assert?.startsWith('cycle detected')) {
    if (!outcome(() => dag.topologicalSort()) || !outcome(() => dag.reverseTopologicalLayers())) return 'cycle not detected';
  }
  return undefined;
}

function check(c: Case): string | undefined {
  const dag = createDag();
  for (const v of c.vertices ?? []) dag.addVertex(v.id);
  for (const n of c.nodes ?? []) dag.addVertex(n);
  for (const [from, to] of c.edges ?? []) dag.addDependencies(to, [from]);
  for (const call of c.calls ?? []) {
    const failure = runCall(dag, call);
    if (failure) return failure;
  }
  if (c.function === 'TopologicalSort') return diffOf(dag.topologicalSort(), c.expected);
  if (c.function === 'ReverseTopologicalLayers') return diffOf(dag.reverseTopologicalLayers(), c.expected);
  const count = (c.expected as { vertexCount?: number } | undefined)?.vertexCount;
  return count === undefined ? undefined : diffOf(dag.vertices().length, count);
}

test('kro dag conformance', { skip: corpusSkip() }, () => {
  const cases = readVectors<Case>('dag.jsonl');
  const passed = tally('dag.jsonl', cases, check);
  assertFloor(passed, cases.length);
});

test('a cycle error names the vertices on the cycle', () => {
  const dag = createDag();
  for (const id of ['a', 'b', 'c']) dag.addVertex(id);
  dag.addDependencies('a', ['b']);
  dag.addDependencies('b', ['c']);
  assert.throws(() => dag.addDependencies('c', ['a']), (e: unknown) => e instanceof CycleError && /c -> a -> b -> c/.test(e.message));
});

test('reverse layers put dependants before what they depend on', () => {
  const dag = createDag();
  for (const id of ['ns', 'deploy', 'svc']) dag.addVertex(id);
  dag.addDependencies('deploy', ['ns']);
  dag.addDependencies('svc', ['deploy']);
  assert.deepEqual(dag.reverseTopologicalLayers(), [['svc'], ['deploy'], ['ns']]);
  assert.deepEqual(dag.topologicalSort(), ['ns', 'deploy', 'svc']);
});
