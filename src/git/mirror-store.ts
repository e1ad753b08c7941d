import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, NotFoundError, TransientError, messageOf, type Clock, type Logger } from '../core/index.js';
import { GitCommandError } from './git-command.js';
import { installAskPass, prepareCredentials, type CredentialPaths } from './git-credentials.js';
import { runGitProcess } from './git-process.js';
import { createKeyedLock } from './keyed-lock.js';
import { parseRefListing } from './ref-changes.js';
import { mirrorDirName, type GitCredentials, type RepoLocation } from './repo-url.js';

type External = Extract<RepoLocation, { kind: 'external' }>;

/** What createMirrorStore needs; `env` is git's environment, already cleaned of GIT_* variables. */
export interface MirrorStoreOptions {
  cacheDir: string;
  env: Record<string, string>;
  log: Logger;
  clock: Clock;
  minFetchIntervalMs: number;
  fetchTimeoutMs: number;
}

/** How to refresh a mirror: `force` ignores the minimum interval, `extraRef` also fetches one ref outside heads and tags. */
export interface RefreshOptions {
  force: boolean;
  extraRef?: string;
}

/** Bare mirrors of external repositories under `cacheDir`, one per URL, refreshed with the git CLI. */
export interface MirrorStore {
  /** The mirror's git directory (it may not exist yet). */
  gitDir(repo: External): string;
  /** Whether the mirror exists on disk. */
  exists(repo: External): Promise<boolean>;
  /**
   * Brings the mirror up to date with the remote's branches, tags and HEAD, unless it was
   * refreshed less than the minimum interval ago (and `force` is off). Resolves with whether the
   * remote was contacted. Concurrent refreshes of one mirror run one after another.
   */
  refresh(repo: External, credentials: GitCredentials | undefined, options: RefreshOptions): Promise<boolean>;
}

/** The remote side of `git ls-remote --symref`: what HEAD points at, and each ref's object id (unpeeled). */
export interface RemoteRefs {
  headTarget?: string;
  head?: string;
  refs: Map<string, string>;
}

/** Parses `git ls-remote --symref` output. */
export function parseLsRemote(output: string): RemoteRefs {
  const remote: RemoteRefs = { refs: new Map() };
  for (const line of output.split('\n')) {
    const symref = /^ref: (\S+)\tHEAD$/.exec(line);
    if (symref) remote.headTarget = symref[1];
    const [oid, name] = line.split('\t');
    if (!oid || !name || symref) continue;
    if (name === 'HEAD') remote.head = oid;
    else if (!name.endsWith('^{}')) remote.refs.set(name, oid);
  }
  return remote;
}

/** The refs a mirror keeps: branches, tags and the one extra ref asked for. */
function mirrored(refs: ReadonlyMap<string, string>, extraRef: string | undefined): Map<string, string> {
  return new Map([...refs].filter(([name]) => name.startsWith('refs/heads/') || name.startsWith('refs/tags/') || name === extraRef));
}

function sameRefs(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([name, oid]) => b.get(name) === oid);
}

/** Creates the mirror store; refreshes of one URL are serialised and throttled per URL. */
export function createMirrorStore(options: MirrorStoreOptions): MirrorStore {
  const lock = createKeyedLock();
  const lastRefresh = new Map<string, number>();
  const log = options.log;
  const gitDir = (repo: External): string => join(options.cacheDir, mirrorDirName(repo.key));
  let paths: Promise<CredentialPaths> | undefined;
  const helperPaths = (): Promise<CredentialPaths> => {
    const dir = join(options.cacheDir, '.gantry');
    paths ??= installAskPass(dir).then((askPass) => ({ askPass, keyDir: join(dir, 'keys'), knownHosts: join(dir, 'known_hosts') }));
    return paths;
  };
  const exists = (repo: External): Promise<boolean> => isFile(join(gitDir(repo), 'HEAD'));
  const refresh = (repo: External, credentials: GitCredentials | undefined, refreshOptions: RefreshOptions): Promise<boolean> =>
    lock.run(repo.key, async () => {
      const last = lastRefresh.get(repo.key);
      const fresh = last !== undefined && options.clock.now() - last < options.minFetchIntervalMs;
      if (fresh && !refreshOptions.force && (await exists(repo))) return false;
      const started = options.clock.now();
      const changed = await syncMirror({ ...options, repo, dir: gitDir(repo), paths: await helperPaths() }, withUrlCredentials(credentials, repo.urlCredentials), refreshOptions.extraRef);
      lastRefresh.set(repo.key, options.clock.now());
      log.info('repository fetched', { repo: repo.display, changed, ms: options.clock.now() - started });
      return true;
    });
  return { gitDir, exists, refresh };
}

/**
 * The credentials a fetch uses: the ones given, filled in from those the URL carries (a lookup may
 * give only transport settings, such as the server's CA, for a URL with a user and password).
 */
export function withUrlCredentials(given: GitCredentials | undefined, fromUrl: GitCredentials | undefined): GitCredentials | undefined {
  if (!given || !fromUrl) return given ?? fromUrl;
  const hasAuth = given.password !== undefined || given.bearerToken !== undefined || given.sshPrivateKey !== undefined;
  return hasAuth ? given : { ...fromUrl, ...given };
}

interface SyncContext extends MirrorStoreOptions {
  repo: External;
  dir: string;
  paths: CredentialPaths;
}

/** One refresh: list the remote's refs, fetch only when they differ from the mirror's, then mirror HEAD. */
async function syncMirror(context: SyncContext, credentials: GitCredentials | undefined, extraRef: string | undefined): Promise<boolean> {
  const auth = await prepareCredentials(credentials, context.paths);
  const remoteGit = (args: string[]): Promise<string> =>
    runGitProcess([...auth.configArgs, `--git-dir=${context.dir}`, ...args], {
      env: { ...context.env, ...auth.env },
      timeoutMs: context.fetchTimeoutMs,
      secrets: auth.secrets,
    }).then((out) => out.toString('utf8'));
  try {
    await initMirror(context);
    const remote = parseLsRemote(await remoteGit(['ls-remote', '--symref', context.repo.fetchUrl]));
    const local = parseRefListing(await localGit(context, ['for-each-ref', '--format=%(objectname) %(refname)']));
    const wanted = mirrored(remote.refs, extraRef);
    const changed = !sameRefs(mirrored(local, extraRef), wanted);
    if (changed) await remoteGit(['fetch', '--prune', '--no-tags', '--quiet', context.repo.fetchUrl, ...refspecs(wanted, extraRef)]);
    await mirrorHead(context, remote);
    return changed;
  } catch (error) {
    throw classifyFetchError(error);
  } finally {
    await auth.cleanup();
  }
}

function refspecs(wanted: ReadonlyMap<string, string>, extraRef: string | undefined): string[] {
  const specs = ['+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'];
  if (extraRef && wanted.has(extraRef)) specs.push(`+${extraRef}:${extraRef}`);
  return specs;
}

function localGit(context: SyncContext, args: string[]): Promise<string> {
  return runGitProcess([`--git-dir=${context.dir}`, ...args], { env: context.env }).then((out) => out.toString('utf8'));
}

async function initMirror(context: SyncContext): Promise<void> {
  if (await isFile(join(context.dir, 'HEAD'))) return;
  await runGitProcess(['init', '--bare', '--quiet', context.dir], { env: context.env });
  await localGit(context, ['config', 'gantry.url', context.repo.display]);
}

/** Points the mirror's HEAD where the remote's points, so 'HEAD' resolves to the remote's default branch. */
async function mirrorHead(context: SyncContext, remote: RemoteRefs): Promise<void> {
  const current = (await readFile(join(context.dir, 'HEAD'), 'utf8')).trim();
  if (remote.headTarget && remote.refs.has(remote.headTarget)) {
    if (current !== `ref: ${remote.headTarget}`) await localGit(context, ['symbolic-ref', 'HEAD', remote.headTarget]);
  } else if (remote.head && current !== remote.head) {
    await localGit(context, ['update-ref', '--no-deref', 'HEAD', remote.head]).catch(() => undefined);
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

const AUTH_MISSING = /could not read (username|password)|terminal prompts disabled/i;
const AUTH_FAILURE = /authentication failed|permission denied|access denied|returned error: 40[13]|invalid username or password/i;
const HOST_KEY = /host key verification failed|remote host identification has changed/i;
const TLS_TRUST = /server certificate verification failed|SSL certificate problem|certificate verify failed|unable to get local issuer certificate/i;
const TLS_CLIENT = /alert (bad certificate|certificate required|unknown ca|handshake failure)|TLS fatal alert has been received|gnutls_handshake\(\) failed: Handshake failed|unable to (use|set) client certificate|could not load PEM client certificate|unable to set private key file/i;
const PROXY = /(failed to connect to|could not resolve) proxy|from proxy after CONNECT|proxy authentication required|received HTTP code 407/i;
const TRANSPORT = /transport '[^']*' not allowed|unsupported URL protocol|protocol .* is not supported/i;
const MISSING_REPO = /repository not found|does not appear to be a git repository|returned error: 404|not found/i;

/**
 * Turns a failed fetch into an error that says what to fix: missing or wrong credentials or a
 * changed SSH host key (InputError), a repository that does not exist (NotFoundError), or anything
 * else, such as an unreachable server, as a TransientError that a retry may cure. The caller adds
 * which repository.
 */
export function classifyFetchError(error: unknown): Error {
  if (!(error instanceof GitCommandError)) return new TransientError(`fetch failed: ${messageOf(error)}`, { cause: error });
  const detail = (error.stderr.trim() || error.message).replace(/\s*\n\s*/g, '; ');
  const git = `(git: ${detail})`;
  if (AUTH_MISSING.test(detail)) {
    return new InputError(`authentication required: the repository asks for credentials and none were given ${git}`, { cause: error });
  }
  if (AUTH_FAILURE.test(detail)) {
    return new InputError(`authentication failed: check the repository credentials (username and password or token, or SSH key) ${git}`, { cause: error });
  }
  if (HOST_KEY.test(detail)) {
    return new InputError(
      `the server's SSH host key is not trusted: add it to the ssh_known_hosts key of the argocd-ssh-known-hosts-cm ConfigMap, or, if it changed on purpose and no such ConfigMap exists, remove the old key from gantry's known_hosts ${git}`,
      { cause: error },
    );
  }
  return classifyTransportError(error, detail, git);
}

function classifyTransportError(error: GitCommandError, detail: string, git: string): Error {
  if (TLS_CLIENT.test(detail)) {
    return new InputError(`the server ended the TLS handshake: it may require a client certificate, refuse the one given, or it could not be loaded: check tlsClientCertData and tlsClientCertKey ${git}`, { cause: error });
  }
  if (TLS_TRUST.test(detail)) {
    return new InputError(
      `the server's TLS certificate is not trusted: add its CA (PEM) to the argocd-tls-certs-cm ConfigMap under the server's host name, or set insecure: "true" on the repository secret (insecure: skips verifying the server) ${git}`,
      { cause: error },
    );
  }
  if (PROXY.test(detail)) return new TransientError(`the repository's proxy failed: check the proxy and noProxy fields ${git}`, { cause: error });
  if (TRANSPORT.test(detail)) return new InputError(`gantry does not fetch over this URL's transport: use an https, http, ssh or git URL ${git}`, { cause: error });
  if (MISSING_REPO.test(detail)) return new NotFoundError(`no repository at this URL, or no access to it ${git}`, { cause: error });
  return new TransientError(`fetch failed: ${detail}`, { cause: error });
}
