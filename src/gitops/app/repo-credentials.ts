import { redactUrl, type GitCredentials } from '../../git/index.js';
import { secretField } from './secret-field.js';

/** The label value of an Argo CD repository secret (credentials for one repository URL). */
export const REPOSITORY_SECRET_TYPE = 'repository';
/** The label value of an Argo CD credential template (credentials for every repository under a URL prefix). */
export const REPO_CREDS_SECRET_TYPE = 'repo-creds';

/**
 * What a repository secret gives one repository: basic auth (a token goes in password), a bearer
 * token, a TLS client certificate, an SSH key, server trust (`insecure`, and the CA or known hosts
 * gantry adds from Argo CD's ConfigMaps) and a proxy. The git reader's own type.
 */
export type RepoCredentials = GitCredentials;

/** One Argo CD repository secret or credential template, as gantry reads it. */
export interface RepoCredentialEntry {
  kind: 'repository' | 'repo-creds';
  /** The secret's name, for messages (never its values). */
  name: string;
  url: string;
  /** `git` (default) or `helm`. */
  type: string;
  credentials?: RepoCredentials;
  /**
   * What gantry cannot honour in this secret, each naming the field (never its value): using the
   * secret fails with them rather than silently fetching without them.
   */
  problems?: RepoSecretProblem[];
}

/** A field of a repository secret gantry refuses, and why (with what to use instead). */
export interface RepoSecretProblem {
  field: string;
  reason: string;
}

interface SecretLike {
  metadata: { name?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** A field of the secret; an empty one counts as absent. */
function field(secret: SecretLike, key: string): string | undefined {
  return secretField(secret, key) || undefined;
}

/** The fields copied as they are (Argo CD's names are the reader's). */
const TEXT_FIELDS = ['username', 'password', 'sshPrivateKey', 'bearerToken', 'tlsClientCertData', 'tlsClientCertKey', 'proxy', 'noProxy'] as const;

/** Fields that authenticate: a secret carrying one of them is the one a URL uses (else the template is). */
const AUTH_FIELDS = ['password', 'sshPrivateKey', 'bearerToken', 'tlsClientCertData'] as const;

const GITHUB_APP_UNSUPPORTED = 'GitHub App authentication is not supported: put a token in password (an installation token or a personal access token)';

/** Argo CD repository features gantry does not implement, and what to use instead. */
const UNSUPPORTED: Record<string, string> = {
  githubAppID: GITHUB_APP_UNSUPPORTED,
  githubAppInstallationID: GITHUB_APP_UNSUPPORTED,
  githubAppPrivateKey: GITHUB_APP_UNSUPPORTED,
  githubAppEnterpriseBaseUrl: GITHUB_APP_UNSUPPORTED,
  gcpServiceAccountKey: 'Google Cloud Source Repositories service-account authentication is not supported: use username and password',
};

/** Flags gantry cannot honour when they are on. */
const UNSUPPORTED_WHEN_TRUE: Record<string, string> = {
  enableOCI: 'OCI Helm repositories are not supported: use an HTTP(S) Helm repository',
  useAzureWorkloadIdentity: 'Azure workload identity is not supported: use username and password',
  enableLfs: 'Git LFS is not supported: gantry would read LFS pointer files instead of their contents',
};

/** What gantry's Helm client takes from a `type: helm` secret; other transport fields would be ignored there. */
const HELM_FIELDS = new Set(['username', 'password']);

/** Parses a boolean as Argo CD does (Go's strconv.ParseBool); undefined when absent, an error message when neither. */
function parseFlag(secret: SecretLike, key: string): boolean | RepoSecretProblem | undefined {
  const text = field(secret, key);
  if (text === undefined) return undefined;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text)) return false;
  return { field: key, reason: 'must be "true" or "false"' };
}

function flagsOf(secret: SecretLike, problems: RepoSecretProblem[]): Pick<RepoCredentials, 'insecure' | 'forceHttpBasicAuth'> {
  const flags: Pick<RepoCredentials, 'insecure' | 'forceHttpBasicAuth'> = {};
  const read = (key: string): boolean => {
    const value = parseFlag(secret, key);
    if (typeof value === 'object') problems.push(value);
    return value === true;
  };
  // insecureIgnoreHostKey is Argo CD's older name for insecure over SSH; both skip verifying the server.
  if (read('insecure') || read('insecureIgnoreHostKey')) flags.insecure = true;
  if (read('forceHttpBasicAuth')) flags.forceHttpBasicAuth = true;
  return flags;
}

function credentialsOf(secret: SecretLike, problems: RepoSecretProblem[]): RepoCredentials | undefined {
  const credentials: RepoCredentials = flagsOf(secret, problems);
  for (const key of TEXT_FIELDS) {
    const value = field(secret, key);
    if (value !== undefined) credentials[key] = value;
  }
  return Object.keys(credentials).length > 0 ? credentials : undefined;
}

function unsupportedFields(secret: SecretLike, type: string, credentials: RepoCredentials | undefined): RepoSecretProblem[] {
  const problems: RepoSecretProblem[] = [];
  for (const [key, reason] of Object.entries(UNSUPPORTED)) if (field(secret, key) !== undefined) problems.push({ field: key, reason });
  for (const [key, reason] of Object.entries(UNSUPPORTED_WHEN_TRUE)) if (parseFlag(secret, key) === true) problems.push({ field: key, reason });
  problems.push(...halfClientCertificate(credentials));
  if (type !== 'git' && type !== 'helm') problems.push({ field: 'type', reason: `${JSON.stringify(type)} is not supported: use git or helm` });
  if (type === 'helm') {
    const ignored = Object.keys(credentials ?? {}).filter((key) => !HELM_FIELDS.has(key));
    for (const key of ignored) problems.push({ field: key, reason: "gantry's Helm repository client takes only username and password" });
  }
  return problems;
}

/**
 * One sentence for a condition: which secret cannot be used for which repository, each refused
 * field by name (fields with one reason grouped), never a value.
 */
export function describeRepoSecretProblems(entry: RepoCredentialEntry, repoURL: string): string {
  const byReason = new Map<string, string[]>();
  for (const p of entry.problems ?? []) byReason.set(p.reason, [...(byReason.get(p.reason) ?? []), p.field]);
  const details = [...byReason].map(([reason, fields]) => `${fields.join(', ')}: ${reason}`);
  return `repository secret ${JSON.stringify(entry.name)} (${entry.kind}) for ${redactUrl(repoURL)} cannot be used: ${details.join('; ')}`;
}

/** A client certificate without its key (or the other way round) would be silently unused. */
function halfClientCertificate(credentials: RepoCredentials | undefined): RepoSecretProblem[] {
  if (!credentials?.tlsClientCertData === !credentials?.tlsClientCertKey) return [];
  const missing = credentials?.tlsClientCertData ? 'tlsClientCertKey' : 'tlsClientCertData';
  return [{ field: missing, reason: 'is missing: a TLS client certificate needs both tlsClientCertData and tlsClientCertKey' }];
}

/** Reads an Argo CD repository secret or credential template; undefined when it is neither or has no url. */
export function parseRepoSecret(secret: SecretLike): RepoCredentialEntry | undefined {
  const kind = secret.metadata.labels?.['argocd.argoproj.io/secret-type'];
  if (kind !== REPOSITORY_SECRET_TYPE && kind !== REPO_CREDS_SECRET_TYPE) return undefined;
  const url = field(secret, 'url');
  if (!url) return undefined;
  const type = field(secret, 'type') ?? 'git';
  const problems: RepoSecretProblem[] = [];
  const credentials = credentialsOf(secret, problems);
  problems.push(...unsupportedFields(secret, type, credentials));
  return { kind, name: secret.metadata.name ?? '', url, type, ...(credentials ? { credentials } : {}), ...(problems.length ? { problems } : {}) };
}

/** One spelling per repository URL, as Argo CD normalises Git URLs before matching: lower case, no trailing slash or `.git`. */
export function normalizeRepoUrl(url: string): string {
  return url.trim().toLowerCase().replace(/\/+$/, '').replace(/\.git$/, '');
}

/** Whether an entry decides how a URL authenticates: it has credentials, or fields gantry must refuse. */
function authenticates(entry: RepoCredentialEntry): boolean {
  return !!entry.problems?.length || AUTH_FIELDS.some((key) => entry.credentials?.[key] !== undefined) || entry.credentials?.username !== undefined;
}

/**
 * The secret Argo CD would use for `repoURL`: a repository secret for that URL when it carries
 * credentials, else the credential template with the longest URL prefix of it; undefined when
 * none matches (a public repository). A repository secret with only settings (a proxy,
 * `insecure`) keeps them and takes the template's credentials.
 */
export function selectRepoSecret(repoURL: string, entries: readonly RepoCredentialEntry[]): RepoCredentialEntry | undefined {
  const url = normalizeRepoUrl(repoURL);
  const exact = entries.find((e) => e.kind === 'repository' && normalizeRepoUrl(e.url) === url);
  if (exact && authenticates(exact)) return exact;
  let best: RepoCredentialEntry | undefined;
  for (const e of entries) {
    const prefix = normalizeRepoUrl(e.url);
    if (e.kind !== 'repo-creds' || !authenticates(e) || !url.startsWith(prefix)) continue;
    if (!best || prefix.length > normalizeRepoUrl(best.url).length) best = e;
  }
  if (!exact?.credentials) return best;
  return best ? { ...best, credentials: { ...best.credentials, ...exact.credentials } } : exact;
}

/** The credentials Argo CD would use for `repoURL` (see selectRepoSecret); undefined for a public repository. */
export function credentialsFor(repoURL: string, entries: readonly RepoCredentialEntry[]): RepoCredentials | undefined {
  return selectRepoSecret(repoURL, entries)?.credentials;
}
