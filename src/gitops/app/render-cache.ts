import { cloneJson } from '../diff/json-value.js';
import type { KubeObject } from '../kube-object.js';

/** A source rendered at one commit, before scoping: what the SourceRenderer port returned. */
export interface CachedRender {
  sourceType: string;
  objects: KubeObject[];
}

/**
 * Renders kept by (repository, commit, source spec). A renderer sees only the source and the
 * files of one commit, so its output for the same key never changes; keeping it saves parsing the
 * same manifests on every reconcile of an unchanged app. Callers get their own copy each time.
 */
export interface RenderCache {
  get(key: string): CachedRender | undefined;
  set(key: string, render: CachedRender): void;
}

/** The key of a source rendered at `revision`. */
export function renderKey(source: { repoURL: string }, revision: string): string {
  return `${source.repoURL}\0${revision}\0${JSON.stringify(source)}`;
}

/** Creates a cache holding the `maxEntries` most recently used renders. */
export function createRenderCache(maxEntries: number): RenderCache {
  const entries = new Map<string, CachedRender>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      entries.delete(key);
      entries.set(key, hit);
      return cloneJson(hit);
    },
    set(key, render) {
      entries.delete(key);
      entries.set(key, cloneJson(render));
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}
