/** A repository's refs as `git show-ref --head --dereference` lists them, tags peeled to their commits. */
export interface RefListing {
  /** The commit HEAD points at, if HEAD resolves. */
  head?: string;
  /** Full refname -> commit (annotated tags already peeled). */
  refs: Map<string, string>;
}

const FULL_SHA = /^[0-9a-f]{40}$/;
const SHORT_SHA = /^[0-9a-f]{7,40}$/;
const SAFE_REF = /^refs\/[A-Za-z0-9._/+@-]+$/;

/** True for a full 40-hex object id (lowercase, as git prints it). */
export function isFullSha(revision: string): boolean {
  return FULL_SHA.test(revision);
}

/** Parses `git show-ref --head --dereference` output; `<tag>^{}` lines replace the tag's object id. */
export function parseShowRef(output: string): RefListing {
  const listing: RefListing = { refs: new Map() };
  for (const line of output.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const oid = line.slice(0, space);
    const name = line.slice(space + 1);
    if (name === 'HEAD') listing.head = oid;
    else if (name.endsWith('^{}')) listing.refs.set(name.slice(0, -3), oid);
    else if (!listing.refs.has(name)) listing.refs.set(name, oid);
  }
  return listing;
}

/**
 * How a targetRevision resolves against a listing, in Argo CD's order: '' and HEAD mean the
 * default branch, then an exact full ref, a branch, a tag; otherwise a hex string may name a
 * commit (`sha`, to be checked against the object store), and anything else is not found.
 */
export type RevisionMatch = { kind: 'commit'; commit: string } | { kind: 'sha'; sha: string } | { kind: 'none' };

/** Matches `revision` against `listing` (see RevisionMatch). */
export function matchRevision(listing: RefListing, revision: string): RevisionMatch {
  const wanted = revision.trim();
  if (wanted === '' || wanted === 'HEAD') return listing.head ? { kind: 'commit', commit: listing.head } : { kind: 'none' };
  for (const ref of [wanted, `refs/heads/${wanted}`, `refs/tags/${wanted}`]) {
    const commit = listing.refs.get(ref);
    if (commit) return { kind: 'commit', commit };
  }
  const lower = wanted.toLowerCase();
  return SHORT_SHA.test(lower) ? { kind: 'sha', sha: lower } : { kind: 'none' };
}

/** True for a full refname outside branches and tags (`refs/pull/1/head`) that may be fetched by name. */
export function isFetchableExtraRef(revision: string): boolean {
  return SAFE_REF.test(revision) && !revision.includes('..') && !revision.startsWith('refs/heads/') && !revision.startsWith('refs/tags/');
}

/** Up to `limit` branch names, main and master first, for "not found" messages. */
export function branchNames(listing: RefListing, limit = 5): string[] {
  const names = [...listing.refs.keys()].filter((r) => r.startsWith('refs/heads/')).map((r) => r.slice('refs/heads/'.length));
  const rank = (n: string): number => (n === 'main' ? 0 : n === 'master' ? 1 : 2);
  return names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit);
}

/** The message for a revision that matched nothing (the caller adds which repository). */
export function describeMissingRevision(revision: string, listing: RefListing): string {
  const branches = branchNames(listing);
  const tags = [...listing.refs.keys()].filter((r) => r.startsWith('refs/tags/')).length;
  const known = branches.length === 0 ? 'the repository has no branches yet' : `branches include ${branches.join(', ')}`;
  return `no branch, tag or commit named ${JSON.stringify(revision)} (${known}; ${tags} tag${tags === 1 ? '' : 's'})`;
}
