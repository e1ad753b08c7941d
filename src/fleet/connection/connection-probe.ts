import { fail, messageOf, ok, type Result } from '../../core/index.js';
import { connectKubeconfig, createKubeClient, KubeApiError, type KubeClient, type ServerVersion } from '../../kube/index.js';
import type { ClusterConfig } from '../registration/cluster-secret.js';
import type { ProbeResult } from './connection-status.js';

/** The cluster a connection check is about, as its cluster secret describes it. */
export interface ProbeTarget {
  name: string;
  server: string;
  config: ClusterConfig;
}

/** Checks one cluster's connection: the port the fleet controller acts through. */
export type ConnectionProbe = (target: ProbeTarget) => Promise<ProbeResult>;

/** A kubeconfig (JSON, which is YAML) for a cluster secret's server and config, so the connection goes through the one kubeconfig loader. */
export function kubeconfigFor(target: ProbeTarget): string {
  const tls = target.config.tlsClientConfig;
  const cluster: Record<string, unknown> = { server: target.server };
  if (tls.caData) cluster['certificate-authority-data'] = tls.caData;
  if (tls.insecure) cluster['insecure-skip-tls-verify'] = true;
  if (tls.serverName) cluster['tls-server-name'] = tls.serverName;
  const user: Record<string, unknown> = {};
  if (target.config.bearerToken) user.token = target.config.bearerToken;
  if (target.config.username) user.username = target.config.username;
  if (target.config.password) user.password = target.config.password;
  if (tls.certData) user['client-certificate-data'] = tls.certData;
  if (tls.keyData) user['client-key-data'] = tls.keyData;
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'target', cluster }],
    users: [{ name: 'target', user }],
    contexts: [{ name: 'target', context: { cluster: 'target', user: 'target' } }],
    'current-context': 'target',
  });
}

/** The hub's address from inside itself, as Argo CD names its in-cluster destination. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/**
 * The real check: `GET /version` (reachability and version; any client may read it), then
 * `GET /api` with the cluster's credentials (which an unauthenticated or rejected client may
 * not), each within `timeoutMs`. A registration of the hub by its in-cluster address (as the
 * GitOps Bridge registers the hub) is checked over `hubClient`, gantry's own connection to it.
 */
export function createConnectionProbe(options: { timeoutMs?: number; hubClient?: KubeClient } = {}): ConnectionProbe {
  const timeoutMs = options.timeoutMs ?? 5000;
  return async (target) => {
    if (options.hubClient && target.server.replace(/\/+$/, '') === IN_CLUSTER_SERVER) return checkWith(options.hubClient, timeoutMs);
    let connection;
    try {
      connection = await connectKubeconfig({ yaml: kubeconfigFor(target) }, { maxSockets: 2 });
    } catch (error) {
      return { reachable: false, message: messageOf(error) };
    }
    try {
      return await checkWith(createKubeClient(connection, { name: target.name }), timeoutMs);
    } finally {
      connection.close();
    }
  };
}

async function checkWith(client: KubeClient, timeoutMs: number): Promise<ProbeResult> {
  const call = (path: string, what: string) => (): Promise<unknown> => client.request({ method: 'GET', path, what, timeoutMs });
  try {
    const version = await authorized(call('/version', 'read server version'));
    if (!version.ok) return { reachable: true, authorized: false, message: version.error };
    const serverVersion = (version.value as ServerVersion).gitVersion;
    const api = await authorized(call('/api', 'list API versions'));
    return api.ok ? { reachable: true, serverVersion, authorized: true } : { reachable: true, serverVersion, authorized: false, message: api.error };
  } catch (error) {
    return { reachable: false, message: messageOf(error) };
  }
}

/** Runs a call; an apiserver that answers 401 or 403 was reached but refused the credentials. */
async function authorized(call: () => Promise<unknown>): Promise<Result<unknown, string>> {
  try {
    return ok(await call());
  } catch (error) {
    if (error instanceof KubeApiError && (error.code === 401 || error.code === 403)) return fail(`the credentials were rejected (HTTP ${error.code})`);
    throw error;
  }
}
