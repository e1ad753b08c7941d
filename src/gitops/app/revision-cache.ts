import type { Clock } from '../../core/index.js';
import type { SourceReader } from './ports.js';

/** A SourceReader whose resolved revisions are shared for a moment, and dropped when a push says they moved. */
export interface RevisionCachingReader extends SourceReader {
  /** Forgets the resolved revisions of every repository whose URL satisfies `matches`. */
  invalidate(matches: (repoURL: string) => boolean): void;
}

interface Entry {
  repoURL: string;
  at: number;
  commit: Promise<string>;
}

/**
 * Shares one resolution of (repoURL, targetRevision) among the reconciles that ask within `ttlMs`,
 * in flight or done. Resolving runs git (a process per call), and a push to a repository of many
 * apps, or a full resync, asks the same question once per app within a second. Failures are not
 * kept. A push invalidates its repository before its apps are queued, so a push is never missed;
 * an external repository is at most `ttlMs` staler than its reader's own fetch interval.
 */
export function cacheRevisions(reader: SourceReader, options: { clock: Clock; ttlMs: number }): RevisionCachingReader {
  const entries = new Map<string, Entry>();
  const sweep = (now: number): void => {
    for (const [key, entry] of entries) if (now - entry.at >= options.ttlMs) entries.delete(key);
  };
  return {
    resolveRevision(repoURL, targetRevision, credentials) {
      const key = `${repoURL}\0${targetRevision}`;
      const now = options.clock.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < options.ttlMs) return hit.commit;
      if (entries.size >= 1000) sweep(now);
      const entry: Entry = { repoURL, at: now, commit: reader.resolveRevision(repoURL, targetRevision, credentials) };
      entries.set(key, entry);
      entry.commit.catch(() => entries.get(key) === entry && entries.delete(key));
      return entry.commit;
    },
    readFiles: (repoURL, commit, path, credentials) => reader.readFiles(repoURL, commit, path, credentials),
    invalidate(matches) {
      for (const [key, entry] of entries) if (matches(entry.repoURL)) entries.delete(key);
    },
  };
}
