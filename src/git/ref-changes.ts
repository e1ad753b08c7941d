/** The object id git uses for "no commit": the old side of a created ref, the new side of a deleted one. */
export const ZERO_COMMIT = '0000000000000000000000000000000000000000';

/** A snapshot of a repository's refs: full refname (refs/heads/main) -> object id. */
export type RefSnapshot = ReadonlyMap<string, string>;

/** One ref that moved between two snapshots, as git reports it (ZERO_COMMIT for created or deleted). */
export interface RefChange {
  ref: string;
  oldCommit: string;
  newCommit: string;
}

/** The refs that differ between `before` and `after`, sorted by refname. */
export function diffRefs(before: RefSnapshot, after: RefSnapshot): RefChange[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  const changes: RefChange[] = [];
  for (const ref of names) {
    const oldCommit = before.get(ref) ?? ZERO_COMMIT;
    const newCommit = after.get(ref) ?? ZERO_COMMIT;
    if (oldCommit !== newCommit) changes.push({ ref, oldCommit, newCommit });
  }
  return changes.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** Parses `git for-each-ref --format='%(objectname) %(refname)'` output into a snapshot. */
export function parseRefListing(output: string): Map<string, string> {
  const refs = new Map<string, string>();
  for (const line of output.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    refs.set(line.slice(space + 1), line.slice(0, space));
  }
  return refs;
}
