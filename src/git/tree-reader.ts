import { posix } from 'node:path';
import { InputError, NotFoundError } from '../core/index.js';
import { GitCommandError } from './git-command.js';
import { parseCatFileBatch, parseLsTree, SYMLINK_MODE, type TreeEntry } from './tree-listing.js';

/** Runs git against one repository (`--git-dir` already set) and resolves with raw stdout. */
export type RepoGit = (args: string[], input?: string) => Promise<Buffer>;

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
 * Every file under `path` at `commit`, keyed by its path relative to `path`, read with one
 * `git ls-tree` and one `git cat-file --batch` (plus one more for symlinks pointing elsewhere).
 * Symlinks resolve to their target's content when the target is a file inside the repository;
 * other symlinks and submodules are left out, as a checkout would not give files for them.
 */
export async function readTree(git: RepoGit, request: TreeRequest): Promise<Map<string, Buffer>> {
  const entries = parseLsTree(await git(['ls-tree', '-r', '-z', '-l', `${request.commit}:${request.path}`]));
  const total = entries.reduce((sum, e) => sum + (Number.isFinite(e.size) ? e.size : 0), 0);
  if (total > request.maxBytes) {
    const mib = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;
    throw new InputError(`path ${displayPath(request.path)} at ${request.commit} holds ${mib(total)} of files, more than the ${mib(request.maxBytes)} gantry reads for one source`);
  }
  const contents = await readBlobs(git, entries.map((e) => e.oid));
  const files = new Map<string, Buffer>();
  const links: TreeEntry[] = [];
  for (const entry of entries) {
    if (entry.mode === SYMLINK_MODE) links.push(entry);
    else files.set(entry.path, contents.get(entry.oid) ?? Buffer.alloc(0));
  }
  if (links.length > 0) await resolveLinks(git, { request, entries, contents, links, files });
  return files;
}

/** Finds out why a tree could not be listed: no such commit, no such path, or a file where a folder was expected. */
export async function probeTree(git: RepoGit, commit: string, path: string): Promise<TreeProbe> {
  const out = (await git(['cat-file', '--batch-check'], `${commit}^{commit}\n${commit}:${path}\n`)).toString('utf8').split('\n');
  if (out[0]?.endsWith(' missing')) return 'missing-commit';
  if (out[1]?.endsWith(' missing')) return 'missing-path';
  return out[1]?.split(' ')[1] === 'tree' ? 'ok' : 'not-a-folder';
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

async function readBlobs(git: RepoGit, names: string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(names)];
  const contents = new Map<string, Buffer>();
  if (unique.length === 0) return contents;
  // cat-file answers in request order, naming objects by id even when asked by `<commit>:<path>`.
  const objects = parseCatFileBatch(await git(['cat-file', '--batch'], `${unique.join('\n')}\n`));
  objects.forEach((object, i) => {
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
async function resolveLinks(git: RepoGit, context: LinkContext): Promise<void> {
  const byRepoPath = new Map(context.entries.map((e) => [joinRepoPath(context.request.path, e.path), e]));
  const outside = new Map<string, string>();
  for (const link of context.links) {
    const target = followLink(context, byRepoPath, link);
    if (target?.kind === 'file') context.files.set(link.path, target.content);
    if (target?.kind === 'outside') outside.set(link.path, `${context.request.commit}:${target.repoPath}`);
  }
  if (outside.size === 0) return;
  const read = await readBlobs(git, [...outside.values()]);
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

/** True when a git failure means the listed object does not exist (so probing can say which part is missing). */
export function isMissingObject(error: unknown): boolean {
  return error instanceof GitCommandError && error.exitCode === 128;
}
