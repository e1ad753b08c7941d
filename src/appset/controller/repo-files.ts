/**
 * RepoFiles over gantry's GitReader: a revision resolves to a commit (hosted repositories from
 * disk, external ones through a fetched mirror), and the commit's tree answers GetDirectories and
 * GetFiles as Argo CD's repo server does by default: directories by a walk that skips hidden ones,
 * files by `git ls-files -- <pattern>` (a pathspec glob: `*` also matches `/`, a plain path also
 * names a directory's files).
 */
import type { GitReader } from '../../git/index.js';
import type { RepoFiles } from '../generators/ports.js';

const KEPT_TREES = 16;

/** A pathspec glob as git ls-files matches it (fnmatch without FNM_PATHNAME). */
export function compilePathspec(pattern: string): (path: string) => boolean {
  const clean = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  if (!/[*?[]/.test(clean)) return (p) => p === clean || clean === '' || p.startsWith(`${clean}/`);
  let re = '';
  for (const c of clean) {
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[' || c === ']') re += c;
    else re += c.replace(/[\\^$.+(){}|-]/g, (m) => `\\${m}`);
  }
  let compiled: RegExp;
  try {
    compiled = new RegExp(`^${re}$`, 's');
  } catch {
    compiled = new RegExp(`^${clean.replace(/[\\^$.*+?()[\]{}|-]/g, (m) => `\\${m}`)}$`);
  }
  return (p) => compiled.test(p);
}

/** Every directory holding a file, hidden directories and their subtrees left out, in walk order. */
export function directoriesOf(paths: Iterable<string>): string[] {
  const dirs = new Set<string>();
  for (const path of paths) {
    const segments = path.split('/').slice(0, -1);
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i);
      if (prefix.some((s) => s.startsWith('.'))) break;
      dirs.add(prefix.join('/'));
    }
  }
  const walkOrder = (a: string, b: string): number => {
    const x = a.split('/');
    const y = b.split('/');
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as string) < (y[i] as string) ? -1 : 1;
    return x.length - y.length;
  };
  return [...dirs].sort(walkOrder);
}

/** Creates RepoFiles over a GitReader, keeping the last few trees read. */
export function createRepoFiles(reader: GitReader): RepoFiles {
  const trees = new Map<string, Promise<Map<string, Buffer>>>();
  const tree = async (repoURL: string, revision: string): Promise<Map<string, Buffer>> => {
    const commit = await reader.resolveRevision(repoURL, revision === '' ? 'HEAD' : revision);
    const key = `${repoURL}@${commit}`;
    let entry = trees.get(key);
    if (!entry) {
      entry = reader.readFiles(repoURL, commit, '');
      entry.catch(() => trees.delete(key));
      trees.set(key, entry);
      if (trees.size > KEPT_TREES) trees.delete(trees.keys().next().value as string);
    }
    return entry;
  };
  return {
    async directories(repoURL, revision) {
      return directoriesOf((await tree(repoURL, revision)).keys());
    },
    async files(repoURL, revision, pattern) {
      const matches = compilePathspec(pattern);
      const out = new Map<string, string>();
      for (const [path, content] of await tree(repoURL, revision)) if (matches(path)) out.set(path, content.toString('utf8'));
      return out;
    },
  };
}
