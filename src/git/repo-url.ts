import { createHash } from 'node:crypto';
import { InputError } from '../core/index.js';
import { isValidRepoName, REPO_NAME_RULE } from './repo-name.js';

/** Credentials for an external repository: HTTP(S) basic auth, or an SSH private key. */
export interface GitCredentials {
  username?: string;
  password?: string;
  sshPrivateKey?: string;
}

/**
 * Where a repository URL points: a repository gantry hosts (read from disk), or an external
 * one (fetched into a mirror). `display` is the URL without credentials, for logs and errors;
 * `fetchUrl` has no password either, and `urlCredentials` holds what the URL carried.
 */
export type RepoLocation =
  | { kind: 'hosted'; name: string; display: string }
  | { kind: 'external'; fetchUrl: string; display: string; key: string; urlCredentials?: GitCredentials };

/**
 * Classifies `repoURL`: under one of `hostedUrlPrefixes` (same scheme, host and port, path below
 * the prefix's path, ending in `<name>.git` or `<name>`) it is hosted; anything else is external.
 */
export function locateRepo(repoURL: string, hostedUrlPrefixes: readonly string[]): RepoLocation {
  const url = parseUrl(repoURL);
  const display = redactUrl(repoURL);
  for (const prefix of hostedUrlPrefixes) {
    const rest = url ? pathBelow(url, prefix) : undefined;
    if (rest === undefined) continue;
    return { kind: 'hosted', name: hostedName(rest, display), display };
  }
  const { fetchUrl, credentials } = splitCredentials(repoURL);
  return { kind: 'external', fetchUrl, display, key: normalizeUrl(fetchUrl), ...(credentials ? { urlCredentials: credentials } : {}) };
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function pathBelow(url: URL, prefix: string): string | undefined {
  const base = parseUrl(prefix.endsWith('/') ? prefix : `${prefix}/`);
  if (!base || base.protocol !== url.protocol || base.host !== url.host) return undefined;
  return url.pathname.startsWith(base.pathname) ? url.pathname.slice(base.pathname.length) : undefined;
}

function hostedName(rest: string, display: string): string {
  const name = rest.replace(/\/+$/, '').replace(/\.git$/, '');
  if (isValidRepoName(name)) return name;
  throw new InputError(`${display} is under gantry's git URL but names no hosted repository: use .../git/<name>.git where <name> is ${REPO_NAME_RULE}`);
}

/** The URL without any password (and, for http(s), without the user name, which may be a token). */
export function redactUrl(repoURL: string): string {
  const url = parseUrl(repoURL);
  if (!url || (!url.username && !url.password)) return repoURL;
  url.password = '';
  if (url.protocol === 'http:' || url.protocol === 'https:') url.username = '';
  return url.toString();
}

function splitCredentials(repoURL: string): { fetchUrl: string; credentials?: GitCredentials } {
  const url = parseUrl(repoURL);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || (!url.username && !url.password)) return { fetchUrl: repoURL };
  const credentials: GitCredentials = { username: decodeURIComponent(url.username) };
  if (url.password) credentials.password = decodeURIComponent(url.password);
  return { fetchUrl: redactUrl(repoURL), credentials };
}

/** One spelling per repository for cache keys: lowercase host, no trailing slash or `.git`. */
export function normalizeUrl(url: string): string {
  const parsed = parseUrl(url);
  const text = parsed ? parsed.toString() : url;
  return text.replace(/\/+$/, '').replace(/\.git$/, '');
}

/** A folder name for the mirror of `url`: readable host and name, plus a hash of the normalised URL. */
export function mirrorDirName(url: string): string {
  const key = normalizeUrl(redactUrl(url));
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 16);
  const readable = key
    .replace(/^[a-z+]+:\/\//i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(-60)
    .replace(/^[-.]+/, '');
  return `${readable}-${hash}.git`;
}
