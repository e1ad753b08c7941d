import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { corpusSkip, KRO_CORPUS, readCorpusJson } from '../testing/corpus.js';
import { createCelEvaluator } from '../cel/evaluate.js';
import type { JSONSchemaProps } from '../schema/openapi-types.js';
import { buildResourceGraph } from './build-graph.js';
import { evaluateFor, expandResource } from '../instance/expand.js';
import { adaptCelEvaluator } from '../instance/kro-evaluator.js';
import type { GroupVersionKind, ResourceGraph, SchemaResolver } from './types.js';

// kro's upstream example RGDs (built-in kinds only, or instances of other examples) must be accepted.
// Built-in kinds resolve to a schemaless object here (the corpus carries no OpenAPI for them), so
// this exercises parsing, SimpleSchema, scoping, dependencies and the instance types; the
// graph-builder vectors exercise type-checking against real schemas.

const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding', 'Namespace', 'StorageClass', 'PersistentVolume', 'CustomResourceDefinition']);

function resolverWith(generated: Map<string, Record<string, unknown>>): SchemaResolver {
  return {
    resolve(gvk: GroupVersionKind) {
      const own = generated.get(`${gvk.group}/${gvk.version}/${gvk.kind}`);
      const schema = own ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
      return Promise.resolve({ schema, namespaced: !CLUSTER_SCOPED.has(gvk.kind) });
    },
  };
}

function rgdsIn(file: string): unknown[] {
  return parseAllDocuments(readFileSync(join(KRO_CORPUS, 'examples', file), 'utf8'))
    .map((d) => d.toJSON() as { kind?: string })
    .filter((d) => d?.kind === 'ResourceGraphDefinition');
}

test('kro example RGDs are accepted', { skip: corpusSkip() }, async () => {
  const index = readCorpusJson<{ examples: { file: string; usesInstancesOfRGDKinds: string[] }[] }>('examples/INDEX.json');
  const ordered = [...index.examples].sort((a, b) => a.usesInstancesOfRGDKinds.length - b.usesInstancesOfRGDKinds.length);
  const generated = new Map<string, Record<string, unknown>>();
  const failures: string[] = [];
  let total = 0;
  for (const example of ordered) {
    for (const rgd of rgdsIn(example.file)) {
      total++;
      const result = await buildResourceGraph(rgd, resolverWith(generated));
      if (!result.ok) {
        failures.push(`${example.file}: ${result.error.message}`);
        continue;
      }
      const { gvk, crd } = result.value.instance;
      const versions = (crd.spec as { versions: { schema: { openAPIV3Schema: Record<string, unknown> } }[] }).versions;
      generated.set(`${gvk.group}/${gvk.version}/${gvk.kind}`, versions[0]?.schema.openAPIV3Schema ?? {});
    }
  }
  console.log(`kro examples conformance: ${total - failures.length}/${total} accepted`);
  for (const f of failures) console.log(`  FAIL ${f}`);
  assert.equal(failures.length, 0);
});

/** What the API server does to an instance before kro sees it: schema defaults filled in. */
function applyDefaults(schema: JSONSchemaProps | undefined, value: unknown): unknown {
  if (!schema) return value;
  const v = value === undefined && schema.default !== undefined ? structuredClone(schema.default) : value;
  if (v && typeof v === 'object' && !Array.isArray(v) && schema.properties) {
    const o = v as Record<string, unknown>;
    for (const [k, s] of Object.entries(schema.properties)) {
      const child = applyDefaults(s, o[k]);
      if (child !== undefined) o[k] = child;
    }
  }
  return v;
}

function instancesOf(file: string, kind: string): Record<string, unknown>[] {
  return parseAllDocuments(readFileSync(join(KRO_CORPUS, 'examples', file), 'utf8'))
    .map((d) => d.toJSON() as Record<string, unknown>)
    .filter((d) => d?.kind === kind);
}

/** Renders every resource in order (as the instance controller does), each rendered object standing in for the live one. */
function renderAll(graph: ResourceGraph, instance: Record<string, unknown>): string[] {
  const evaluator = adaptCelEvaluator(createCelEvaluator());
  const variables: Record<string, unknown> = { schema: instance };
  const identity = { gvk: graph.instance.gvk, name: 'example', namespace: 'default', uid: 'uid-1' };
  const errors: string[] = [];
  for (const id of graph.topologicalOrder) {
    const r = graph.resources.find((x) => x.id === id);
    if (!r?.template) continue;
    for (const e of r.includeWhen) {
      const include = evaluateFor(id, e, { evaluator, variables });
      if (!include.ok && !include.pending) errors.push(`${id} includeWhen: ${include.message}`);
    }
    const out = expandResource(r, { evaluator, variables, instance: identity });
    if (!out.ok && !out.pending) errors.push(`${id}: ${out.message}`);
    if (out.ok) variables[id] = r.forEach.length > 0 ? out.objects : out.objects[0];
  }
  return errors;
}

function renderInstance(graph: ResourceGraph, instance: Record<string, unknown>, schema: JSONSchemaProps | undefined): string[] {
  instance.metadata = { namespace: 'default', uid: 'uid-1', ...(instance.metadata as object) };
  instance.spec = applyDefaults(schema?.properties?.spec, instance.spec ?? {});
  return renderAll(graph, instance);
}

test('kro example instances render without evaluation errors', { skip: corpusSkip() }, async () => {
  const index = readCorpusJson<{ examples: { file: string; instanceFiles?: string[] }[] }>('examples/INDEX.json');
  const errors: string[] = [];
  let rendered = 0;
  for (const example of index.examples) {
    for (const rgd of rgdsIn(example.file)) {
      const result = await buildResourceGraph(rgd, resolverWith(new Map()));
      if (!result.ok) continue;
      const { crd, gvk } = result.value.instance;
      const schema = (crd.spec as { versions: { schema: { openAPIV3Schema: JSONSchemaProps } }[] }).versions[0]?.schema.openAPIV3Schema;
      for (const file of example.instanceFiles ?? []) {
        const instances = instancesOf(file, gvk.kind);
        errors.push(...instances.flatMap((instance) => renderInstance(result.value, instance, schema).map((e) => `${file}: ${e}`)));
        rendered += instances.length;
      }
    }
  }
  console.log(`kro example instances rendered: ${rendered}, evaluation errors: ${errors.length}`);
  assert.ok(rendered > 0);
  assert.deepEqual(errors, []);
});
