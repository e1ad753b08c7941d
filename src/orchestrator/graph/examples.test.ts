import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { corpusSkip, KRO_CORPUS, readCorpusJson } from '../testing/corpus.js';
import { buildResourceGraph } from './build-graph.js';
import type { GroupVersionKind, SchemaResolver } from './types.js';

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
