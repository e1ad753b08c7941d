import { posix } from 'node:path';
import { InputError, NotFoundError } from '../core/index.js';
import type { ObjectReader } from './cat-file-batch.js';
import { GITLINK_MODE, parseTreeObject, SYMLINK_MODE, TREE_MODE, type TreeEntry } from './tree-listing.js';

/**
 * A source path as the reader keys it: '' for the root, otherwise `a/b` without `./`, doubled or
 * trailing slashes. Absolute paths and `..` segments are InputErrors: a source stays in its repo.
 */
export function normalizeSourcePath(path: string): string {
  if (path.startsWith('/')) throw new InputError(`path ${JSON.stringify(path)} is absolute: give it relative to the repository root`);
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new InputError(`path ${JSON.stringify(path)} leaves the repository: ".." is not allowed`);
  if (segments.some((s) => s.includes('\n'))) throw new InputError(`path ${JSON.stringify(path)} contains a line break`);
  return segments.join('/');
}

/** What readTree reads: a commit's folder, refusing more than `maxBytes` of content. */
export interface TreeRequest {
  commit: string;
  path: string;
  maxBytes: number;
}

/** Outcome of looking for a commit and a path in it. */
export type TreeProbe = 'ok' | 'missing-commit' | 'missing-path' | 'not-a-folder';

/**
 * Every file under `path` at `commit`, keyed by its path relative to `path`, read through the
 * repository's long-lived cat-file processes: the folder's tree objects level by level, the
 * blobs' sizes (refusing more than `maxBytes` before reading any), then the blobs, in one request
 * each. Symlinks resolve to their target's content when the target is a file inside the
 * repository; other symlinks and submodules are left out, as a checkout would not give files for them.
 * Rejects with a MissingTree when the folder cannot be read (see probeTree for why).
 */
export async function readTree(objects: ObjectReader, request: TreeRequest): Promise<Map<string, Buffer>> {
  const entries = await listTree(objects, request);
  const infos = await objects.info([...new Set(entries.map((e) => e.oid))]);
  const sizes = new Map(infos.flatMap((i) => ('missing' in i ? [] : [[i.oid, i.size] as const])));
  const total = entries.reduce((sum, e) => sum + (sizes.get(e.oid) ?? 0), 0);
  if (total > request.maxBytes) {
    const mib = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;
    throw new InputError(`path ${displayPath(request.path)} at ${request.commit} holds ${mib(total)} of files, more than the ${mib(request.maxBytes)} gantry reads for one source`);
  }
  const contents = await readBlobs(objects, entries.map((e) => e.oid));
  const files = new Map<string, Buffer>();
  const links: TreeEntry[] = [];
  for (const entry of entries) {
    if (entry.mode === SYMLINK_MODE) links.push(entry);
    else files.set(entry.path, contents.get(entry.oid) ?? Buffer.alloc(0));
  }
  if (links.length > 0) await resolveLinks(objects, { request, entries, contents, links, files });
  return files;
}

/** The folder could not be read as a tree: the caller probes why (no commit, no path, a file). */
export class MissingTree extends Error {
  constructor(commit: string, path: string) {
    super(`no folder ${displayPath(path)} at ${commit}`);
    this.name = 'MissingTree';
  }
}

/** Every blob and symlink below the folder, walked breadth-first with one request per level. */
async function listTree(objects: ObjectReader, request: TreeRequest): Promise<TreeEntry[]> {
  const [root] = await objects.read([`${request.commit}:${request.path}`]);
  if (!root || 'missing' in root || root.type !== 'tree') throw new MissingTree(request.commit, request.path);
  const oidBytes = root.oid.length / 2;
  const entries: TreeEntry[] = [];
  let level = [{ prefix: '', content: root.content }];
  while (level.length > 0) {
    const subtrees: { prefix: string; oid: string }[] = [];
    for (const tree of level) splitTree(tree, oidBytes, { subtrees, entries });
    const read = await objects.read(subtrees.map((t) => t.oid));
    level = subtrees.map((t, i) => {
      const object = read[i];
      if (!object || 'missing' in object) throw new NotFoundError(`tree ${t.oid} (${t.prefix}) is missing from the repository`);
      return { prefix: t.prefix, content: object.content };
    });
  }
  return entries;
}

/** Sorts a tree's entries into folders still to read and files (blobs and symlinks; submodules are left out). */
function splitTree(tree: { prefix: string; content: Buffer }, oidBytes: number, into: { subtrees: { prefix: string; oid: string }[]; entries: TreeEntry[] }): void {
  for (const e of parseTreeObject(tree.content, oidBytes)) {
    if (e.mode === TREE_MODE) into.subtrees.push({ prefix: `${tree.prefix}${e.name}/`, oid: e.oid });
    else if (e.mode !== GITLINK_MODE) into.entries.push({ path: `${tree.prefix}${e.name}`, mode: e.mode, oid: e.oid });
  }
}

/** Finds out why a tree could not be listed: no such commit, no such path, or a file where a folder was expected. */
export async function probeTree(objects: ObjectReader, commit: string, path: string): Promise<TreeProbe> {
  const [commitInfo, pathInfo] = await objects.info([`${commit}^{commit}`, `${commit}:${path}`]);
  if (!commitInfo || 'missing' in commitInfo) return 'missing-commit';
  if (!pathInfo || 'missing' in pathInfo) return 'missing-path';
  return pathInfo.type === 'tree' ? 'ok' : 'not-a-folder';
}

/** The error for a probe that is not 'ok' (the caller adds which repository). */
export function treeProbeError(probe: Exclude<TreeProbe, 'ok'>, commit: string, path: string): Error {
  if (probe === 'missing-commit') return new NotFoundError(`commit ${commit} is not in the repository`);
  if (probe === 'missing-path') return new NotFoundError(`path ${displayPath(path)} does not exist at commit ${commit}`);
  return new InputError(`path ${displayPath(path)} at commit ${commit} is a file, not a folder`);
}

function displayPath(path: string): string {
  return path === '' ? '"." (the repository root)' : JSON.stringify(path);
}

async function readBlobs(objects: ObjectReader, names: string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(names)];
  const contents = new Map<string, Buffer>();
  // Answers come in request order, keyed here by the name asked (an id or `<commit>:<path>`).
  (await objects.read(unique)).forEach((object, i) => {
    const name = unique[i];
    if (name !== undefined && !('missing' in object) && object.type === 'blob') contents.set(name, object.content);
  });
  return contents;
}

interface LinkContext {
  request: TreeRequest;
  entries: TreeEntry[];
  contents: Map<string, Buffer>;
  links: TreeEntry[];
  files: Map<string, Buffer>;
}

const MAX_LINK_HOPS = 8;

/** Gives each symlink its target's content: from this listing when the target is in it, else read by `<commit>:<path>`. */
async function resolveLinks(objects: ObjectReader, context: LinkContext): Promise<void> {
  const byRepoPath = new Map(context.entries.map((e) => [joinRepoPath(context.request.path, e.path), e]));
  const outside = new Map<string, string>();
  for (const link of context.links) {
    const target = followLink(context, byRepoPath, link);
    if (target?.kind === 'file') context.files.set(link.path, target.content);
    if (target?.kind === 'outside') outside.set(link.path, `${context.request.commit}:${target.repoPath}`);
  }
  if (outside.size === 0) return;
  const read = await readBlobs(objects, [...outside.values()]);
  for (const [path, name] of outside) {
    const content = read.get(name);
    if (content) context.files.set(path, content);
  }
}

type LinkTarget = { kind: 'file'; content: Buffer } | { kind: 'outside'; repoPath: string } | undefined;

function followLink(context: LinkContext, byRepoPath: Map<string, TreeEntry>, link: TreeEntry): LinkTarget {
  let current = link;
  let at = joinRepoPath(context.request.path, link.path);
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    const text = context.contents.get(current.oid)?.toString('utf8') ?? '';
    const target = resolveLinkTarget(at, text);
    if (target === undefined) return undefined;
    const next = byRepoPath.get(target);
    if (!next) return target.includes('\n') ? undefined : { kind: 'outside', repoPath: target };
    if (next.mode !== SYMLINK_MODE) return { kind: 'file', content: context.contents.get(next.oid) ?? Buffer.alloc(0) };
    current = next;
    at = target;
  }
  return undefined;
}

/** The repository path a symlink at `linkPath` with text `target` points to, or undefined when it leaves the repository. */
export function resolveLinkTarget(linkPath: string, target: string): string | undefined {
  if (target === '' || target.startsWith('/')) return undefined;
  const resolved = posix.normalize(posix.join(posix.dirname(linkPath), target));
  if (resolved === '..' || resolved.startsWith('../') || resolved === '.') return undefined;
  return resolved;
}

function joinRepoPath(base: string, path: string): string {
  return base === '' ? path : `${base}/${path}`;
}

/** True when reading failed because the folder is not there (so probing can say which part is missing). */
export function isMissingObject(error: unknown): boolean {
  return error instanceof MissingTree;
}
