/** The label value of an Argo CD repository secret (credentials for one repository URL). */
export const REPOSITORY_SECRET_TYPE = 'repository';
/** The label value of an Argo CD credential template (credentials for every repository under a URL prefix). */
export const REPO_CREDS_SECRET_TYPE = 'repo-creds';

/** Credentials for a repository: HTTP(S) basic auth (a token goes in password) or an SSH private key. */
export interface RepoCredentials {
  username?: string;
  password?: string;
  sshPrivateKey?: string;
}

/** One Argo CD repository secret or credential template, as gantry reads it. */
export interface RepoCredentialEntry {
  kind: 'repository' | 'repo-creds';
  /** The secret's name, for messages (never its values). */
  name: string;
  url: string;
  /** `git` (default) or `helm`. */
  type: string;
  credentials?: RepoCredentials;
}

interface SecretLike {
  metadata: { name?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

function field(secret: SecretLike, key: string): string | undefined {
  const value = secret.stringData?.[key] ?? (secret.data?.[key] === undefined ? undefined : Buffer.from(secret.data[key] as string, 'base64').toString('utf8'));
  return value === undefined || value === '' ? undefined : value;
}

function credentialsOf(secret: SecretLike): RepoCredentials | undefined {
  const password = field(secret, 'password');
  const sshPrivateKey = field(secret, 'sshPrivateKey');
  if (!password && !sshPrivateKey) return undefined;
  const username = field(secret, 'username');
  return { ...(username ? { username } : {}), ...(password ? { password } : {}), ...(sshPrivateKey ? { sshPrivateKey } : {}) };
}

/** Reads an Argo CD repository secret or credential template; undefined when it is neither or has no url. */
export function parseRepoSecret(secret: SecretLike): RepoCredentialEntry | undefined {
  const kind = secret.metadata.labels?.['argocd.argoproj.io/secret-type'];
  if (kind !== REPOSITORY_SECRET_TYPE && kind !== REPO_CREDS_SECRET_TYPE) return undefined;
  const url = field(secret, 'url');
  if (!url) return undefined;
  const credentials = credentialsOf(secret);
  return { kind, name: secret.metadata.name ?? '', url, type: field(secret, 'type') ?? 'git', ...(credentials ? { credentials } : {}) };
}

/** One spelling per repository URL, as Argo CD normalises Git URLs before matching: lower case, no trailing slash or `.git`. */
export function normalizeRepoUrl(url: string): string {
  return url.trim().toLowerCase().replace(/\/+$/, '').replace(/\.git$/, '');
}

/**
 * The credentials Argo CD would use for `repoURL`: a repository secret for that URL when it
 * carries credentials, else the credential template with the longest URL prefix of it; undefined
 * when none matches (a public repository).
 */
export function credentialsFor(repoURL: string, entries: readonly RepoCredentialEntry[]): RepoCredentials | undefined {
  const url = normalizeRepoUrl(repoURL);
  const exact = entries.find((e) => e.kind === 'repository' && normalizeRepoUrl(e.url) === url && e.credentials);
  if (exact) return exact.credentials;
  let best: RepoCredentialEntry | undefined;
  for (const e of entries) {
    const prefix = normalizeRepoUrl(e.url);
    if (e.kind !== 'repo-creds' || !e.credentials || !url.startsWith(prefix)) continue;
    if (!best || prefix.length > normalizeRepoUrl(best.url).length) best = e;
  }
  return best?.credentials;
}
