import { fail, ok, type Result } from '../../core/index.js';
import { IN_CLUSTER_SERVER, type ProbeTarget } from '../../fleet/index.js';
import { secretField } from './secret-field.js';

/** The label that makes a Secret an Argo CD cluster secret. */
export const CLUSTER_SECRET_LABEL = 'argocd.argoproj.io/secret-type';

/** The hub as Argo CD names it. */
export { IN_CLUSTER_SERVER };
/** The hub's cluster name in Argo CD. */
export const IN_CLUSTER_NAME = 'in-cluster';

/**
 * A cluster as its secret describes it: fleet's `ProbeTarget` (name, server, and the `config`
 * JSON as Argo CD defines it), so one function (fleet's `kubeconfigFor`) turns it into a kubeconfig.
 */
export type ClusterSecretConfig = ProbeTarget;

interface SecretLike {
  metadata: { name?: string; namespace?: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}


/**
 * Reads an Argo CD cluster secret (`name`, `server`, `config` with bearerToken or basic auth and
 * tlsClientConfig); the error names the secret and the field to fix, never a credential.
 */
export function parseClusterSecret(secret: SecretLike): Result<ClusterSecretConfig, string> {
  const where = `cluster secret ${secret.metadata.namespace ?? ''}/${secret.metadata.name ?? ''}`;
  const server = secretField(secret, 'server');
  if (!server) return fail(`${where}: data.server is missing`);
  let config: Record<string, unknown> = {};
  const raw = secretField(secret, 'config');
  if (raw) {
    try {
      config = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return fail(`${where}: data.config is not valid JSON`);
    }
  }
  const tls = (config.tlsClientConfig ?? {}) as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  const tlsClientConfig = dropUndefined({ insecure: tls.insecure === true, caData: str(tls.caData), certData: str(tls.certData), keyData: str(tls.keyData), serverName: str(tls.serverName) });
  const auth = dropUndefined({ bearerToken: str(config.bearerToken), username: str(config.username), password: str(config.password) });
  return ok({ name: secretField(secret, 'name') ?? server, server: server.replace(/\/+$/, ''), config: { ...auth, tlsClientConfig } });
}

function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Whether a cluster secret's server is the hub's in-cluster address (the GitOps Bridge registers the hub so), which is never dialled. */
export function isInClusterServer(server: string): boolean {
  return server.replace(/\/+$/, '') === IN_CLUSTER_SERVER;
}

/** Whether a destination names the hub. */
export function isInCluster(dest: { server?: string; name?: string }): boolean {
  return isInClusterServer(dest.server ?? '') || dest.name === IN_CLUSTER_NAME;
}
