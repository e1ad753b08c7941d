import type { RepoCredentials } from './repo-credentials.js';

/** Argo CD's ConfigMap of TLS certificates to trust per repository server, keyed by host name. */
export const TLS_CERTS_CONFIGMAP = 'argocd-tls-certs-cm';
/** Argo CD's ConfigMap of SSH known hosts for repository servers, under the key `ssh_known_hosts`. */
export const SSH_KNOWN_HOSTS_CONFIGMAP = 'argocd-ssh-known-hosts-cm';
const SSH_KNOWN_HOSTS_KEY = 'ssh_known_hosts';

/** What the two ConfigMaps say: PEM certificates by server host name, and known_hosts lines (undefined when the ConfigMap is absent). */
export interface RepoServerTrust {
  tlsCerts: Readonly<Record<string, string>>;
  sshKnownHosts?: string;
}

interface ConfigMapLike {
  metadata: { name?: string };
  data?: Record<string, string>;
}

/** Reads the trust settings from the control namespace's ConfigMaps (the others are ignored). */
export function readRepoServerTrust(configMaps: readonly ConfigMapLike[]): RepoServerTrust {
  const tls = configMaps.find((c) => c.metadata.name === TLS_CERTS_CONFIGMAP);
  const ssh = configMaps.find((c) => c.metadata.name === SSH_KNOWN_HOSTS_CONFIGMAP);
  const knownHosts = ssh?.data?.[SSH_KNOWN_HOSTS_KEY];
  return { tlsCerts: tls?.data ?? {}, ...(knownHosts !== undefined ? { sshKnownHosts: knownHosts } : {}) };
}

/** Whether `repoURL` is fetched over SSH: `ssh://`, `git+ssh://`, or scp-like `user@host:path`. */
export function isSshUrl(repoURL: string): boolean {
  return /^(ssh|git\+ssh|ssh\+git):\/\//i.test(repoURL) || /^[^/:@\s]+@[^/:\s]+:/.test(repoURL);
}

/** The host name (no port, lower case) an HTTPS repository URL names; undefined for anything else. */
export function httpsServerName(repoURL: string): string | undefined {
  try {
    const url = new URL(repoURL);
    return url.protocol === 'https:' ? url.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The server trust Argo CD gives `repoURL`: over HTTPS, the certificates argocd-tls-certs-cm holds
 * under the server's host name (without the port, as Argo CD keys them); over SSH, the whole
 * known_hosts of argocd-ssh-known-hosts-cm when that ConfigMap exists, so host keys are checked
 * strictly against it (without it gantry trusts a host key on first use and holds it to it).
 */
export function serverTrustFor(repoURL: string, trust: RepoServerTrust): Pick<RepoCredentials, 'tlsCaData' | 'sshKnownHosts'> {
  if (isSshUrl(repoURL)) return trust.sshKnownHosts !== undefined ? { sshKnownHosts: trust.sshKnownHosts } : {};
  const host = httpsServerName(repoURL);
  const pem = host === undefined ? undefined : trust.tlsCerts[host];
  return pem ? { tlsCaData: pem } : {};
}
