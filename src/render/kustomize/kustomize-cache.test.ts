import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CASES_DIR, listConformanceCases, loadConformanceCase, type ConformanceCase } from './conformance-cases.js';
import type { JsonObject } from './json-value.js';
import { createKustomizeCache, type KustomizeCache } from './kustomize-cache.js';
import { renderKustomization } from './render-kustomization.js';

/** What a build gives, as comparable text: its YAML and objects, or its error message. */
function outcome(c: ConformanceCase, cache?: KustomizeCache): string {
  try {
    const result = renderKustomization(c.files, cache ? { ...c.options, cache } : c.options);
    return `${result.yaml}\n${JSON.stringify(result.objects)}`;
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

test('every conformance case builds the same with a shared cache (twice) as without one', (t) => {
  if (!existsSync(CASES_DIR)) {
    t.skip(`conformance corpus not found at ${CASES_DIR} (it lives beside the repository in ../shared)`);
    return;
  }
  const cases = listConformanceCases().map(loadConformanceCase);
  const cache = createKustomizeCache();
  const uncached = cases.map((c) => outcome(c));
  for (const round of ['first', 'second']) {
    cases.forEach((c, i) => assert.equal(outcome(c, cache), uncached[i], `${c.name}, ${round} cached build`));
  }
  assert.ok(cache.stats().hits > cache.stats().misses, 'the second round should be served from the cache');
});

test('cached documents are frozen and every read is a fresh copy', () => {
  const cache = createKustomizeCache();
  const text = 'kind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n';
  const first = cache.parseDocuments(text, 'a.yaml');
  (first[0] as JsonObject)['kind'] = 'Secret';
  const second = cache.parseDocuments(text, 'b.yaml');
  assert.deepEqual(second, [{ kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } }]);
  ((second[0] as JsonObject)['metadata'] as JsonObject)['name'] = 'b';
  assert.equal(((cache.parseDocuments(text, 'c.yaml')[0] as JsonObject)['metadata'] as JsonObject)['name'], 'a');
  assert.deepEqual(cache.stats(), { entries: 1, hits: 2, misses: 1 });
});

test('parse errors are not cached and name the file of each read', () => {
  const cache = createKustomizeCache();
  assert.throws(() => cache.parseDocuments('a: [', 'one.yaml'), /one\.yaml: invalid YAML/);
  assert.throws(() => cache.parseDocuments('a: [', 'two.yaml'), /two\.yaml: invalid YAML/);
  assert.equal(cache.stats().entries, 0);
});

test('the least recently used contents go first beyond maxEntries', () => {
  const cache = createKustomizeCache({ maxEntries: 2 });
  cache.parseDocuments('a: 1', 'a');
  cache.parseDocuments('b: 1', 'b');
  cache.parseDocuments('a: 1', 'a');
  cache.parseDocuments('c: 1', 'c');
  cache.parseDocuments('a: 1', 'a');
  assert.deepEqual(cache.stats(), { entries: 2, hits: 2, misses: 3 });
  cache.parseDocuments('b: 1', 'b');
  assert.equal(cache.stats().misses, 4);
});
