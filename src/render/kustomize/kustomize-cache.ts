/**
 * The kustomize parse cache: YAML documents parsed once and reused by later builds of the same
 * file contents (a base shared by several overlays, a tree rendered again at the next revision).
 * The caller owns the cache and passes it in, so its life is the caller's choice and nothing is
 * global. It holds parsed inputs only, never build results, so a build with it prints exactly what
 * a build without it prints.
 */
import { createHash } from 'node:crypto';
import { cloneJson, freezeJson, type JsonValue } from './json-value.js';
import { parseYamlDocuments } from './yaml-read.js';

/** Counters of a cache, for benchmarks and metrics. */
export interface KustomizeCacheStats {
  readonly entries: number;
  readonly hits: number;
  readonly misses: number;
}

/**
 * Parsed YAML by content hash. Stored documents are frozen and every read returns a fresh deep
 * copy, because a build rewrites its resources and patches in place.
 */
export interface KustomizeCache {
  /** The documents of a YAML stream, as parseYamlDocuments returns them; parse errors are never cached. */
  parseDocuments(text: string, file: string): JsonValue[];
  stats(): KustomizeCacheStats;
}

/** Options of createKustomizeCache. */
export interface KustomizeCacheOptions {
  /** How many distinct file contents to keep (least recently used ones go first); 10000 by default. */
  readonly maxEntries?: number;
}

const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * The key is the text's hash alone: the parsed value does not depend on the file's path (only an
 * error message does, and errors are not cached), so identical files share one entry.
 */
function keyOf(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

/** Creates an empty cache, to pass to renderKustomization as `cache` on every build. */
export function createKustomizeCache(options: KustomizeCacheOptions = {}): KustomizeCache {
  const max = Math.max(1, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
  const parsed = new Map<string, readonly JsonValue[]>();
  let hits = 0;
  let misses = 0;
  const remember = (key: string, docs: readonly JsonValue[]): void => {
    parsed.set(key, docs);
    for (const oldest of parsed.keys()) {
      if (parsed.size <= max) break;
      parsed.delete(oldest);
    }
  };
  return {
    parseDocuments(text, file) {
      const key = keyOf(text);
      const found = parsed.get(key);
      if (found !== undefined) {
        hits++;
        parsed.delete(key);
        parsed.set(key, found);
        return found.map(cloneJson);
      }
      misses++;
      const docs = parseYamlDocuments(text, file);
      remember(key, Object.freeze(docs.map((d) => freezeJson(cloneJson(d)))));
      return docs;
    },
    stats: () => ({ entries: parsed.size, hits, misses }),
  };
}
