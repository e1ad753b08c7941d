import { stringify } from 'yaml';
import { fail, ok, type Result } from '../../core/index.js';

/** The label that makes a Secret an Argo CD cluster secret. */
export const CLUSTER_SECRET_LABEL = 'argocd.argoproj.io/secret-type';

/** The hub as Argo CD names it. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
/** The hub's cluster name in Argo CD. */
export const IN_CLUSTER_NAME = 'in-cluster';

/** A cluster as its secret describes it; `config` follows Argo CD's cluster secret `config` JSON. */
export interface ClusterSecretConfig {
  name: string;
  server: string;
  bearerToken?: string;
  username?: string;
  password?: string;
  insecure?: boolean;
  caData?: string;
  certData?: string;
  keyData?: string;
  serverName?: string;
}

interface SecretLike {
  metadata: { name?: string; namespace?: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

function field(secret: SecretLike, key: string): string | undefined {
  const s = secret.stringData?.[key];
  if (s !== undefined) return s;
  const d = secret.data?.[key];
  return d === undefined ? undefined : Buffer.from(d, 'base64').toString('utf8');
}

/**
 * Reads an Argo CD cluster secret (`name`, `server`, `config` with bearerToken or basic auth and
 * tlsClientConfig); the error names the secret and the field to fix, never a credential.
 */
export function parseClusterSecret(secret: SecretLike): Result<ClusterSecretConfig, string> {
  const where = `cluster secret ${secret.metadata.namespace ?? ''}/${secret.metadata.name ?? ''}`;
  const server = field(secret, 'server');
  if (!server) return fail(`${where}: data.server is missing`);
  let config: Record<string, unknown> = {};
  const raw = field(secret, 'config');
  if (raw) {
    try {
      config = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return fail(`${where}: data.config is not valid JSON`);
    }
  }
  const tls = (config.tlsClientConfig ?? {}) as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  return ok({
    name: field(secret, 'name') ?? server,
    server: server.replace(/\/+$/, ''),
    bearerToken: str(config.bearerToken),
    username: str(config.username),
    password: str(config.password),
    insecure: tls.insecure === true,
    caData: str(tls.caData),
    certData: str(tls.certData),
    keyData: str(tls.keyData),
    serverName: str(tls.serverName),
  });
}

/** A kubeconfig for one cluster secret, so connections go through the same loader as any kubeconfig. */
export function kubeconfigForCluster(c: ClusterSecretConfig): string {
  const cluster: Record<string, unknown> = { server: c.server };
  if (c.caData) cluster['certificate-authority-data'] = c.caData;
  if (c.insecure) cluster['insecure-skip-tls-verify'] = true;
  if (c.serverName) cluster['tls-server-name'] = c.serverName;
  const user: Record<string, unknown> = {};
  if (c.bearerToken) user.token = c.bearerToken;
  if (c.username) user.username = c.username;
  if (c.password) user.password = c.password;
  if (c.certData) user['client-certificate-data'] = c.certData;
  if (c.keyData) user['client-key-data'] = c.keyData;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: c.name, cluster }],
    users: [{ name: c.name, user }],
    contexts: [{ name: c.name, context: { cluster: c.name, user: c.name } }],
    'current-context': c.name,
  });
}

/** Whether a destination names the hub. */
export function isInCluster(dest: { server?: string; name?: string }): boolean {
  return (dest.server ?? '').replace(/\/+$/, '') === IN_CLUSTER_SERVER || dest.name === IN_CLUSTER_NAME;
}
