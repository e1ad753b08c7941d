import { InputError, NotFoundError, systemClock, withContext, type Clock, type Logger } from '../core/index.js';
import { GitCommandError, gitEnvironment, type GitEnv } from './git-command.js';
import { runGitProcess } from './git-process.js';
import { createSizedCache } from './file-cache.js';
import { createMirrorStore, type MirrorStore } from './mirror-store.js';
import { locateRepo, redactUrl, type GitCredentials, type RepoLocation } from './repo-url.js';
import type { RepoStore } from './repo-store.js';
import { describeMissingRevision, isFetchableExtraRef, isFullSha, matchRevision, parseShowRef, type RefListing } from './revision.js';
import { isMissingObject, normalizeSourcePath, probeTree, readTree, treeProbeError } from './tree-reader.js';
import { createCatFileBatch, type CatFileBatch } from './cat-file-batch.js';
import { lookupRevision, revisionCandidates } from './revision-lookup.js';
import { rewriteUrl, sameOrigin, type UrlRewrite } from './url-rewrite.js';

/** Runs git against one repository (`--git-dir` already set) and resolves with raw stdout. */
type RepoGit = (args: string[], input?: string) => Promise<Buffer>;

/**
 * The port the Application controller reads sources through: revisions resolve to commits, and a
 * commit's folder reads as a map of files. Hosted repositories are read from disk; external ones
 * from mirrors fetched with the git CLI.
 */
export interface GitReader {
  /**
   * The commit `targetRevision` names in `repoURL`: '' or 'HEAD' (the default branch), a branch,
   * `refs/heads/x`, a tag (annotated tags peeled), another full ref, or a full or abbreviated
   * commit sha. NotFoundError when nothing matches.
   */
  resolveRevision(repoURL: string, targetRevision: string, credentials?: GitCredentials): Promise<string>;
  /**
   * Every file under `path` ('' or '.' for the root) at `commit` (a full sha), keyed by path
   * relative to `path`. The map is the caller's; the Buffers are shared with the cache and must
   * not be modified. `credentials` are used only if an external mirror lacks the commit.
   */
  readFiles(repoURL: string, commit: string, path: string, credentials?: GitCredentials): Promise<Map<string, Buffer>>;
  /** Refreshes the mirror of an external repository now (a webhook or a poll); a no-op for hosted ones. */
  fetch(repoURL: string, credentials?: GitCredentials): Promise<void>;
  /** Whether `repoURL` is a repository gantry hosts (pushes announce themselves; nothing to poll). */
  isHosted(repoURL: string): boolean;
  /** Ends the long-lived git processes that read objects (later reads start them again). */
  close(): Promise<void>;
}

/** What createGitReader needs. */
export interface GitReaderOptions {
  /** The hosted repositories. */
  store: RepoStore;
  /** Where mirrors of external repositories live. */
  cacheDir: string;
  /** URL prefixes under which `<name>.git` is a hosted repository, e.g. `http://127.0.0.1:16442/git/`. */
  hostedUrlPrefixes: string[];
  log: Logger;
  /** git's environment (default: this process's, without GIT_* variables). */
  env?: GitEnv;
  clock?: Clock;
  /** Resolving a revision of an external repository fetches at most this often (default 3000 ms). */
  minFetchIntervalMs?: number;
  /** Kills a fetch that takes longer (default 120 s). */
  fetchTimeoutMs?: number;
  /** The bound on cached file contents (default 64 MiB). */
  cacheMaxBytes?: number;
  /** The most one readFiles call reads (default 256 MiB): a source path holding more is refused. */
  maxReadBytes?: number;
  /**
   * The transports external URLs may use (default https, http, ssh, git). Local paths and
   * `file://` stay off unless listed, so an Application cannot read arbitrary repositories on
   * gantry's own disk.
   */
  allowedProtocols?: string[];
  /**
   * Git URL mirrors: a repoURL matching a rule is fetched from its target (another URL or a
   * hosted repository) while callers keep using the original URL. Credentials given for the
   * original URL go to the target only when it has the same scheme, host and port.
   */
  urlRewrites?: readonly UrlRewrite[];
}

const MiB = 1024 * 1024;

type External = Extract<RepoLocation, { kind: 'external' }>;

interface ReaderContext {
  store: RepoStore;
  mirrors: MirrorStore;
  env: Record<string, string>;
  hostedUrlPrefixes: string[];
  maxReadBytes: number;
  /** The object reader of a repository's git directory: one cat-file --batch and --batch-check each, kept. */
  objects(gitDir: string): CatFileBatch;
  /** Ends the object reader of a git directory, so the next read starts fresh processes. */
  restartObjects(gitDir: string): Promise<void>;
}

/** Creates a GitReader over the hosted store and a mirror cache in `cacheDir`. */
export function createGitReader(options: GitReaderOptions): GitReader {
  const protocols = options.allowedProtocols ?? ['https', 'http', 'ssh', 'git'];
  const env = gitEnvironment(options.env ?? process.env, { GIT_ALLOW_PROTOCOL: protocols.join(':') });
  const log = options.log.child({ component: 'git-reader' });
  const mirrors = createMirrorStore({
    cacheDir: options.cacheDir,
    env,
    log,
    clock: options.clock ?? systemClock,
    minFetchIntervalMs: options.minFetchIntervalMs ?? 3000,
    fetchTimeoutMs: options.fetchTimeoutMs ?? 120_000,
  });
  const batches = new Map<string, CatFileBatch>();
  const objects = (gitDir: string): CatFileBatch => {
    let batch = batches.get(gitDir);
    if (!batch) batches.set(gitDir, (batch = createCatFileBatch({ gitDir, env })));
    return batch;
  };
  const restartObjects = async (gitDir: string): Promise<void> => {
    const batch = batches.get(gitDir);
    batches.delete(gitDir);
    await batch?.close();
  };
  const reader: ReaderContext = { ...options, mirrors, env, maxReadBytes: options.maxReadBytes ?? 256 * MiB, objects, restartObjects };
  const cache = createSizedCache<Map<string, Buffer>>(options.cacheMaxBytes ?? 64 * MiB, sizeOfFiles);
  const rewrites = options.urlRewrites ?? [];
  /** Where `repoURL` is fetched from, after the mirrors, and the credentials that may go there. */
  const locate = (repoURL: string, credentials?: GitCredentials): { repo: RepoLocation; credentials?: GitCredentials } => {
    const target = rewriteUrl(repoURL, rewrites, options.hostedUrlPrefixes[0] ?? '');
    const repo = locateRepo(target, reader.hostedUrlPrefixes);
    return { repo, credentials: target === repoURL || sameOrigin(target, repoURL) ? credentials : undefined };
  };
  return {
    resolveRevision: async (repoURL, targetRevision, credentials) => {
      const context = `resolve revision ${targetRevision || 'HEAD'} of ${redactUrl(repoURL)}`;
      try {
        const at = locate(repoURL, credentials);
        return await resolve(reader, at.repo, targetRevision, at.credentials);
      } catch (error) {
        throw withContext(context, error);
      }
    },
    readFiles: async (repoURL, commit, path, credentials) => {
      const context = `read ${path || '.'} of ${redactUrl(repoURL)} at ${commit}`;
      try {
        const { repo, credentials: allowed } = locate(repoURL, credentials);
        const folder = normalizeSourcePath(path);
        if (!isFullSha(commit)) throw new InputError(`${JSON.stringify(commit)} is not a full commit sha`);
        const key = `${repo.kind === 'hosted' ? `hosted:${repo.name}` : repo.key}\0${commit}\0${folder}`;
        const cached = cache.get(key);
        if (cached) return new Map(cached);
        const files = await read(reader, repo, { commit, path: folder }, allowed);
        cache.set(key, files);
        return new Map(files);
      } catch (error) {
        throw withContext(context, error);
      }
    },
    fetch: async (repoURL, credentials) => {
      try {
        const at = locate(repoURL, credentials);
        if (at.repo.kind === 'external') await mirrors.refresh(at.repo, at.credentials, { force: true });
      } catch (error) {
        throw withContext(`fetch ${redactUrl(repoURL)}`, error);
      }
    },
    close: async () => {
      const all = [...batches.values()];
      batches.clear();
      await Promise.all(all.map((b) => b.close()));
    },
    isHosted: (repoURL) => {
      try {
        return locate(repoURL).repo.kind === 'hosted';
      } catch {
        // Under the hosted prefix but naming no valid repository: still hosted, never fetched.
        return true;
      }
    },
  };
}

function sizeOfFiles(files: Map<string, Buffer>): number {
  let size = 0;
  for (const [path, content] of files) size += path.length + content.length + 64;
  return size;
}

/** Where a repository's objects are; not checked (a stat per read adds up): failures check with assertHosted. */
function gitDirOf(context: ReaderContext, repo: RepoLocation): string {
  return repo.kind === 'external' ? context.mirrors.gitDir(repo) : context.store.pathOf(repo.name);
}

/** Turns a failure on a hosted repository that does not exist into the NotFoundError that says so. */
async function assertHosted(context: ReaderContext, repo: RepoLocation): Promise<void> {
  if (repo.kind === 'hosted' && !(await context.store.exists(repo.name))) throw new NotFoundError(`gantry hosts no repository named ${JSON.stringify(repo.name)}`);
}

async function gitFor(context: ReaderContext, repo: RepoLocation): Promise<RepoGit> {
  await assertHosted(context, repo);
  const dir = gitDirOf(context, repo);
  return (args, input) => runGitProcess([`--git-dir=${dir}`, ...args], { env: context.env, input });
}

/** The revision through the long-lived reader when it names a ref or sha plainly; undefined to fall back to the listing. */
async function quickResolve(context: ReaderContext, repo: RepoLocation, revision: string): Promise<string | undefined> {
  const candidates = revisionCandidates(revision);
  if (!candidates || (repo.kind === 'external' && !(await context.mirrors.exists(repo)))) return undefined;
  try {
    return await lookupRevision(context.objects(gitDirOf(context, repo)), candidates);
  } catch (error) {
    if (error instanceof GitCommandError) return undefined;
    throw error;
  }
}

async function resolve(context: ReaderContext, repo: RepoLocation, revision: string, credentials?: GitCredentials): Promise<string> {
  if (repo.kind === 'external') {
    const present = await refreshFor(context, repo, revision, credentials);
    if (present) return revision;
  }
  const quick = await quickResolve(context, repo, revision);
  if (quick) return quick;
  const git = await gitFor(context, repo);
  const listing = await listRefs(git);
  const match = matchRevision(listing, revision);
  if (match.kind === 'commit') return match.commit;
  if (match.kind === 'sha') {
    const commit = await commitOf(git, match.sha);
    if (commit) return commit;
  }
  throw new NotFoundError(describeMissingRevision(revision, listing));
}

/**
 * Brings an external mirror up to date enough to resolve `revision`, fetching at most once per
 * interval; resolves true when `revision` is a full sha the mirror already holds (no fetch needed).
 */
async function refreshFor(context: ReaderContext, repo: External, revision: string, credentials?: GitCredentials): Promise<boolean> {
  // quickResolve answers undefined while the mirror does not exist yet.
  if (isFullSha(revision) && (await quickResolve(context, repo, revision)) === revision) return true;
  const extraRef = isFetchableExtraRef(revision) ? revision : undefined;
  const contacted = await context.mirrors.refresh(repo, credentials, { force: false, ...(extraRef ? { extraRef } : {}) });
  // A ref outside branches and tags is only fetched when asked for: ask now if the last refresh skipped it.
  if (extraRef && !contacted && !(await listRefs(await gitFor(context, repo))).refs.has(extraRef)) {
    await context.mirrors.refresh(repo, credentials, { force: true, extraRef });
  }
  return false;
}

async function listRefs(git: RepoGit): Promise<RefListing> {
  try {
    return parseShowRef((await git(['show-ref', '--head', '--dereference'])).toString('utf8'));
  } catch (error) {
    if (error instanceof GitCommandError && error.exitCode === 1) return { refs: new Map() };
    throw error;
  }
}

/** The full sha of the commit a (possibly abbreviated) hex sha names, or undefined. */
async function commitOf(git: RepoGit, sha: string): Promise<string | undefined> {
  try {
    return (await git(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`])).toString('utf8').trim() || undefined;
  } catch (error) {
    if (error instanceof GitCommandError && (error.exitCode === 1 || error.exitCode === 128)) return undefined;
    throw error;
  }
}

async function read(
  context: ReaderContext,
  repo: RepoLocation,
  at: { commit: string; path: string },
  credentials: GitCredentials | undefined,
): Promise<Map<string, Buffer>> {
  const request = { ...at, maxBytes: context.maxReadBytes };
  if (repo.kind === 'external' && !(await context.mirrors.exists(repo))) await context.mirrors.refresh(repo, credentials, { force: true });
  const dir = gitDirOf(context, repo);
  try {
    return await readTree(context.objects(dir), request);
  } catch (error) {
    await assertHosted(context, repo);
    if (!isMissingObject(error)) throw error;
  }
  let probe = await probeTree(context.objects(dir), at.commit, at.path);
  if (probe === 'missing-commit' && repo.kind === 'external') {
    await context.mirrors.refresh(repo, credentials, { force: true });
    probe = await probeTree(context.objects(dir), at.commit, at.path);
  }
  if (probe === 'missing-commit') {
    // A long-lived reader that predates the repository (deleted and made again) may not see it: ask a fresh one.
    await context.restartObjects(dir);
    probe = await probeTree(context.objects(dir), at.commit, at.path);
  }
  if (probe === 'ok') return readTree(context.objects(dir), request);
  throw treeProbeError(probe, at.commit, at.path);
}
