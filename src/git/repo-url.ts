import { createHash } from 'node:crypto';
import { InputError } from '../core/index.js';
import { isValidRepoName, REPO_NAME_RULE } from './repo-name.js';

/**
 * How to reach an external repository, as an Argo CD repository secret describes it: HTTP(S)
 * basic auth, a bearer token or a TLS client certificate, an SSH private key, which servers to
 * trust, and a proxy. Every field is optional; secrets among them never reach a command line, a
 * log or an error.
 */
export interface GitCredentials {
  username?: string;
  password?: string;
  sshPrivateKey?: string;
  /** Sent as `Authorization: Bearer <token>` (Bitbucket Data Center access tokens); wins over username/password. */
  bearerToken?: string;
  /** Sends username/password on the first request instead of waiting for the server's 401 challenge. */
  forceHttpBasicAuth?: boolean;
  /** A PEM client certificate for HTTPS, with its PEM private key in `tlsClientCertKey`. */
  tlsClientCertData?: string;
  tlsClientCertKey?: string;
  /** INSECURE: skips verifying the server (its TLS certificate over HTTPS, its host key over SSH). */
  insecure?: boolean;
  /** PEM certificates trusted for this repository's HTTPS server instead of the system's (argocd-tls-certs-cm). */
  tlsCaData?: string;
  /** known_hosts lines: when set, SSH host keys are checked strictly against them (argocd-ssh-known-hosts-cm). */
  sshKnownHosts?: string;
  /** An HTTP(S) proxy URL for this repository only (git's http.proxy). */
  proxy?: string;
  /** Hosts that bypass any proxy, comma-separated as in NO_PROXY. */
  noProxy?: string;
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
