import type { ObjectReader } from './cat-file-batch.js';

const SAFE_NAME = /^[A-Za-z0-9._/+-]+$/;
const SHORT_SHA = /^[0-9a-f]{7,40}$/;

/**
 * The object names to ask cat-file for, in the order matchRevision tries them (HEAD; an exact
 * full ref; a branch; a tag; a commit sha), each peeled to its commit; undefined when the revision
 * holds characters git would read as revision syntax (`~`, `^`, `:`, `@{`, `..`), which only the
 * full ref listing answers safely.
 */
export function revisionCandidates(revision: string): string[] | undefined {
  const wanted = revision.trim();
  if (wanted === '' || wanted === 'HEAD') return ['HEAD^{commit}'];
  if (!SAFE_NAME.test(wanted) || wanted.includes('..') || wanted.startsWith('-') || wanted.endsWith('/') || wanted.endsWith('.lock')) return undefined;
  const names = [...(wanted.startsWith('refs/') ? [wanted] : []), `refs/heads/${wanted}`, `refs/tags/${wanted}`];
  const lower = wanted.toLowerCase();
  if (SHORT_SHA.test(lower)) names.push(lower);
  return names.map((n) => `${n}^{commit}`);
}

/**
 * Resolves a revision through the repository's long-lived cat-file reader (refs are read from
 * disk on every request, so a push is seen at once) without starting a process; undefined when
 * nothing matched, so the caller can list the refs and say what exists.
 */
export async function lookupRevision(objects: ObjectReader, candidates: readonly string[]): Promise<string | undefined> {
  for (const answer of await objects.info(candidates)) {
    if (!('missing' in answer) && answer.type === 'commit') return answer.oid;
  }
  return undefined;
}
