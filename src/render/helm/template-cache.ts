/**
 * The parsed-template cache: a chart loaded once from its file tree and its templates parsed once
 * into a TemplateSet, both reused by later renders of the same files. The caller owns the cache and passes it in, so its life
 * (one per controller, one per benchmark run) is the caller's choice and nothing is global.
 */
import { createHash } from 'node:crypto';
import type { TemplateSet } from '../gotemplate/template-set.js';
import type { HelmChart } from './chart.js';
import type { YamlValue } from './go-yaml-read.js';

/** Counters of one part of a cache, for benchmarks and metrics. */
export interface CacheCounters {
  readonly entries: number;
  readonly hits: number;
  readonly misses: number;
}

/** Counters of a HelmTemplateCache. */
export interface HelmTemplateCacheStats {
  /** Charts loaded from file trees (Chart.yaml, values and templates read and checked). */
  readonly charts: CacheCounters;
  /** Template sets parsed from a chart's templates. */
  readonly templateSets: CacheCounters;
  /** Rendered files parsed into objects. */
  readonly manifests: CacheCounters;
}

/** A bounded map that forgets its least recently used entries. */
export interface LruCache<T> {
  /** The value of a key, if cached (counts a hit or a miss). */
  get(key: string): T | undefined;
  /** Stores a value, evicting the least recently used one beyond the size limit. */
  set(key: string, value: T): void;
  counters(): CacheCounters;
}

/** The objects parsed from one rendered file. */
export type ParsedManifests = ReadonlyArray<{ [key: string]: YamlValue }>;

/**
 * What Helm renders reuse: loaded charts by the content hash of their file tree, parsed template
 * sets by the content hash of their templates, and the objects of each rendered file by the hash
 * of its text (a re-render of an unchanged app gives the same text). Nothing stored is changed
 * afterwards: renders copy values before coalescing them, pass their functions per execution, tpl
 * parses into a clone of the set, and parsed objects are handed out as copies.
 */
export interface HelmTemplateCache {
  readonly charts: LruCache<HelmChart>;
  readonly templateSets: LruCache<TemplateSet>;
  readonly manifests: LruCache<ParsedManifests>;
  stats(): HelmTemplateCacheStats;
}

/** Options of createHelmTemplateCache. */
export interface HelmTemplateCacheOptions {
  /** How many charts (and template sets) to keep, least recently used going first; 64 by default. */
  readonly maxEntries?: number;
}

const DEFAULT_MAX_ENTRIES = 64;
/** Rendered files kept per chart kept: charts of a hundred templates are rare. */
const FILES_PER_CHART = 100;

function createLru<T>(max: number): LruCache<T> {
  const entries = new Map<string, T>();
  let hits = 0;
  let misses = 0;
  return {
    get(key) {
      const found = entries.get(key);
      if (found === undefined) {
        misses++;
        return undefined;
      }
      hits++;
      entries.delete(key);
      entries.set(key, found);
      return found;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      for (const oldest of entries.keys()) {
        if (entries.size <= max) break;
        entries.delete(oldest);
      }
    },
    counters: () => ({ entries: entries.size, hits, misses }),
  };
}

/** Creates an empty cache, to pass to renderHelmChart as `cache` on every render. */
export function createHelmTemplateCache(options: HelmTemplateCacheOptions = {}): HelmTemplateCache {
  const max = Math.max(1, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
  const charts = createLru<HelmChart>(max);
  const templateSets = createLru<TemplateSet>(max);
  const manifests = createLru<ParsedManifests>(max * FILES_PER_CHART);
  const stats = (): HelmTemplateCacheStats => ({ charts: charts.counters(), templateSets: templateSets.counters(), manifests: manifests.counters() });
  return { charts, templateSets, manifests, stats };
}

/**
 * A cache key over named contents: a SHA-256 over each name and content in the given order, so
 * any edit, rename, alias or subchart change gives a new key.
 */
export function contentKey(entries: Iterable<readonly [string, string | Buffer]>): string {
  const hash = createHash('sha256');
  for (const [name, content] of entries) {
    hash.update(name);
    hash.update('\0');
    hash.update(String(Buffer.byteLength(content)));
    hash.update('\0');
    hash.update(content);
  }
  return hash.digest('hex');
}
