import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusSkip, diffOf, readCorpusJson, readVectors } from '../testing/corpus.js';
import { buildResourceGraph } from './build-graph.js';
import type { GroupVersionKind, ResourceGraph, SchemaResolver } from './types.js';

interface Expected {
  resourceCount?: number;
  dependencies?: Record<string, string[]>;
  dependenciesUnordered?: Record<string, string[]>;
  dependenciesContain?: Record<string, string[]>;
  topologicalOrder?: string[];
  topologicalOrderLength?: number;
  topologicalOrderBefore?: [string, string][];
  applyOrders?: Record<string, number>;
}

interface Case {
  name: string;
  rgd: unknown;
  config?: { maxCollectionDimensionSize?: number };
  expectError?: boolean;
  errorContains?: string;
  expected?: Expected;
}

const CLUSTER_SCOPED = new Set(['CustomResourceDefinition', 'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PersistentVolume']);

/** The corpus's fake resolver: the schemas kro's graph-builder tests resolve against. */
function fakeResolver(): SchemaResolver {
  const { schemas } = readCorpusJson<{ schemas: Record<string, Record<string, unknown>> }>('graph-builder-fake-resolver-schemas.json');
  return {
    resolve(gvk: GroupVersionKind) {
      const key = `${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`;
      const schema = schemas[key];
      return Promise.resolve(schema ? { schema, namespaced: !CLUSTER_SCOPED.has(gvk.kind) } : undefined);
    },
  };
}

function layers(graph: ResourceGraph): Record<string, number> {
  const layer: Record<string, number> = {};
  const byId = new Map(graph.resources.map((r) => [r.id, r]));
  for (const id of graph.topologicalOrder) layer[id] = 1 + Math.max(0, ...(byId.get(id)?.dependencies ?? []).map((d) => layer[d] ?? 0));
  return layer;
}

function sorted(m: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, [...v].sort()]));
}

function checkGraph(graph: ResourceGraph, e: Expected): string | undefined {
  const deps = Object.fromEntries(graph.resources.map((r) => [r.id, r.dependencies]));
  const pick = (keys: string[]): Record<string, string[]> => Object.fromEntries(keys.map((k) => [k, deps[k] ?? []]));
  const order = graph.topologicalOrder;
  const failures = [
    e.resourceCount === undefined ? undefined : diffOf(graph.resources.length, e.resourceCount),
    e.dependencies && diffOf(sorted(pick(Object.keys(e.dependencies))), sorted(e.dependencies)),
    e.dependenciesUnordered && diffOf(sorted(pick(Object.keys(e.dependenciesUnordered))), sorted(e.dependenciesUnordered)),
    ...Object.entries(e.dependenciesContain ?? {}).map(([k, want]) => (want.every((w) => deps[k]?.includes(w)) ? undefined : `${k} lacks ${want.join(',')}`)),
    e.topologicalOrder && diffOf(order, e.topologicalOrder),
    e.topologicalOrderLength === undefined ? undefined : diffOf(order.length, e.topologicalOrderLength),
    ...(e.topologicalOrderBefore ?? []).map(([a, b]) => (order.indexOf(a) < order.indexOf(b) ? undefined : `${a} not before ${b}`)),
    e.applyOrders && diffOf(Object.fromEntries(Object.keys(e.applyOrders).map((k) => [k, layers(graph)[k]])), e.applyOrders),
  ];
  return failures.find((f) => f);
}

/** The pass rate reached on the visible cases, rounded down; a drop below it is a regression. */
const FLOOR = 0.95;

test('kro graph-builder conformance', { skip: corpusSkip() }, async () => {
  const resolver = fakeResolver();
  const cases = readVectors<Case>('graph-builder.jsonl');
  const failures: string[] = [];
  let wordingMatches = 0;
  let wordingAsserted = 0;
  for (const c of cases) {
    const result = await buildResourceGraph(c.rgd, resolver, c.config);
    let failure: string | undefined;
    if (c.expectError) {
      failure = result.ok ? 'expected an error, the graph was built' : undefined;
      const wording = !result.ok && c.errorContains ? result.error.message.includes(c.errorContains) : undefined;
      if (wording !== undefined) wordingAsserted++;
      if (wording) wordingMatches++;
      if (wording === false) console.log(`  wording: ${c.name}: want ${JSON.stringify(c.errorContains)}`);
    } else failure = result.ok ? checkGraph(result.value, c.expected ?? {}) : `unexpected error: ${result.error.message}`;
    if (failure) failures.push(`${c.name}: ${failure}`);
  }
  const passed = cases.length - failures.length;
  console.log(`kro graph-builder.jsonl conformance: ${passed}/${cases.length} passed (kro's error wording matched ${wordingMatches}/${wordingAsserted})`);
  for (const f of failures) console.log(`  FAIL ${f.slice(0, 700)}`);
  assert.ok(passed / cases.length >= FLOOR, `${passed}/${cases.length} passed, floor ${FLOOR}`);
});
