/**
 * Remote targets as kustomize v5 reads them in `resources` and `components`: a git clone URL
 * (https, http, ssh, scp-like `user@host:path`, GitHub shorthands, Azure `_git/`, a local
 * `file://` repository), the repository split from the kustomization root inside it by `//`,
 * `_git/<repo>`, `.git` or (failing those) after two path segments, and the query parameters
 * `ref` (or `version`), `timeout` and `submodules`.
 */
import { fail, ok, type Result } from '../../core/index.js';

/** A parsed remote target: what to clone, at which ref, and where its kustomization is. */
export interface RemoteTarget {
  /** The entry as written in the kustomization. */
  raw: string;
  /** What `git clone` is given: scheme, user and host, then the repository path. */
  repoURL: string;
  /** The kustomization root inside the repository ('' for the repository's root). */
  path: string;
  /** The `ref` (or else `version`) query parameter; '' means the default branch. */
  ref: string;
  /** The `timeout` query parameter (default 27 s). */
  timeoutMs: number;
  /** The `submodules` query parameter (default true). */
  submodules: boolean;
}

const DEFAULT_TIMEOUT_MS = 27_000;
const SCHEMES = ['ssh://', 'https://', 'http://', 'file://'] as const;
const USERNAME = /^([a-zA-Z][a-zA-Z0-9-]*)@/;

function trimPrefixIgnoreCase(s: string, prefix: string): string | undefined {
  return s.length >= prefix.length && s.slice(0, prefix.length).toLowerCase() === prefix ? s.slice(prefix.length) : undefined;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration ("90s", "1m30s", "1.5h"), in milliseconds; undefined when invalid. */
export function parseGoDuration(text: string): number | undefined {
  const m = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (!m) return text === '0' ? 0 : undefined;
  let total = 0;
  for (const part of text.slice(m[1]?.length ?? 0).matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(part[1]) * (DURATION_UNITS[part[2] ?? 's'] ?? 0);
  }
  return m[1] === '-' ? -total : total;
}

/** Go's strconv.ParseBool; undefined when the text is none of its spellings. */
function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** Go's url.ParseQuery; undefined when Go would report an error (then kustomize uses the defaults). */
function parseQueryValues(query: string): Map<string, string> | undefined {
  const values = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    if (pair.includes(';')) return undefined;
    const eq = pair.indexOf('=');
    try {
      const key = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
      if (!values.has(key)) values.set(key, value);
    } catch {
      return undefined;
    }
  }
  return values;
}

function timeoutOf(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_TIMEOUT_MS;
  if (/^[+-]?\d+$/.test(text) && Number(text) > 0) return Number(text) * 1000;
  const duration = parseGoDuration(text);
  return duration !== undefined && duration > 0 ? duration : DEFAULT_TIMEOUT_MS;
}

function parseQuery(query: string): Pick<RemoteTarget, 'ref' | 'timeoutMs' | 'submodules'> {
  const values = parseQueryValues(query);
  if (values === undefined) return { ref: '', timeoutMs: DEFAULT_TIMEOUT_MS, submodules: true };
  const ref = values.get('ref') || values.get('version') || '';
  return { ref, timeoutMs: timeoutOf(values.get('timeout')), submodules: parseGoBool(values.get('submodules') ?? '') ?? true };
}

function extractScheme(s: string): { scheme: string; rest: string } {
  for (const scheme of SCHEMES) {
    const rest = trimPrefixIgnoreCase(s, scheme);
    if (rest !== undefined) return { scheme, rest };
  }
  return { scheme: '', rest: s };
}

function isStandardGithubHost(s: string): boolean {
  const lower = s.toLowerCase();
  return lower.startsWith('github.com/') || lower.startsWith('github.com:');
}

/** The index ending the host: the first '/', or in scp-like syntax a ':' before it. */
function findPathSeparator(hostPath: string, acceptScp: boolean): number {
  const slash = hostPath.indexOf('/');
  if (!acceptScp) return slash;
  const colon = hostPath.indexOf(':');
  return slash === -1 || (colon > 0 && colon < slash) ? colon : slash;
}

/** Splits scheme, user and host from the repository path, as kustomize's extractHost does. */
function extractHost(input: string): Result<{ host: string; rest: string }, string> {
  const { scheme, rest: afterScheme } = extractScheme(trimPrefixIgnoreCase(input, 'git::') ?? input);
  const user = USERNAME.exec(afterScheme)?.[0] ?? '';
  const n = afterScheme.slice(user.length);
  const github = isStandardGithubHost(n);
  const acceptScp = scheme === '' && (user !== '' || github);
  if (scheme === '' && !acceptScp) return fail('failed to parse scheme');
  if (scheme === 'file://') return ok({ host: scheme, rest: user + n });
  const { host, rest } = splitHost(n, findPathSeparator(n, acceptScp));
  if (github) return ok({ host: githubHost(scheme, user), rest });
  if (host === '') return fail('failed to parse host segment');
  return ok({ host: scheme + user + host, rest });
}

function splitHost(n: string, sep: number): { host: string; rest: string } {
  return sep >= 0 ? { host: n.slice(0, sep + 1), rest: n.slice(sep + 1) } : { host: n, rest: '' };
}

/** GitHub URLs are normalized: scp-like (ssh) when a user or ssh:// was given, else https. */
function githubHost(scheme: string, user: string): string {
  return scheme === 'ssh://' || user !== '' ? `${user}github.com:` : 'https://github.com/';
}

/** Splits the repository path from the kustomization root: `_git/<repo>`, `//`, `.git`, else two segments. */
function splitRepoPath(n: string, isFile: boolean): { repo: string; root: string } | undefined {
  const azure = n.indexOf('_git/');
  if (azure >= 0) {
    const [repo = '', ...root] = n.slice(azure + '_git/'.length).split('/');
    return { repo: n.slice(0, azure + '_git/'.length) + repo, root: root.join('/') };
  }
  const double = n.indexOf('//');
  if (double >= 0) return { repo: n.slice(0, double), root: n.slice(double + 2) };
  const suffix = n.indexOf('.git');
  if (suffix >= 0) return { repo: n.slice(0, suffix + 4), root: n.slice(suffix + 4) };
  if (isFile) return { repo: n, root: '' };
  const segments = n.split('/');
  if (segments.length < 2) return undefined;
  return { repo: segments.slice(0, 2).join('/'), root: segments.slice(2).join('/') };
}

function exitsRepo(root: string): boolean {
  const parts: string[] = [];
  for (const p of root.replace(/^\/+/, '').split('/')) {
    if (p === '' || p === '.') continue;
    if (p !== '..') parts.push(p);
    else if (parts.length === 0 || parts.pop() === undefined) return true;
  }
  return false;
}

/**
 * Parses an entry of `resources`/`components` as kustomize's NewRepoSpecFromURL does; an error
 * value (kustomize's wording) means the entry is not a remote target (it is then a local path).
 */
export function parseRemoteTarget(raw: string): Result<RemoteTarget, string> {
  if (raw.startsWith('/')) return fail(`uri looks like abs path: ${raw}`);
  const q = raw.indexOf('?');
  const beforeQuery = q < 0 ? raw : raw.slice(0, q);
  const query = parseQuery(q < 0 ? '' : raw.slice(q + 1));
  const host = extractHost(beforeQuery);
  if (!host.ok) return host;
  const split = splitRepoPath(host.value.rest, host.value.host === 'file://');
  if (split === undefined || split.repo === '') return fail('failed to parse repo path segment');
  if (exitsRepo(split.root)) return fail(`url path exits repo: ${host.value.rest}`);
  return ok({ raw, repoURL: host.value.host + split.repo, path: split.root.replace(/^\/+/, ''), ...query });
}

/** True when kustomize would fetch the entry from git rather than read it from the tree. */
export function isRemoteTarget(entry: string): boolean {
  return parseRemoteTarget(entry).ok;
}
