import type { KubeObject } from '../../kube/index.js';

/** As Argo CD spells a cluster's connection state. */
export type ConnectionState = 'Successful' | 'Failed' | 'Unknown';

/** What gantry last learned about reaching one cluster. */
export interface ConnectionStatus {
  state: ConnectionState;
  /** Whether the apiserver answered at all (a Failed state with reachable true is a credentials problem). */
  reachable: boolean;
  message: string;
  /** `GET /version`'s gitVersion, kept from the last answer while the cluster is unreachable. */
  serverVersion?: string;
  /** When the apiserver last answered (ISO time). */
  lastContact?: string;
  /** When gantry last tried (ISO time). */
  attemptedAt: string;
}

/** What one connection check found. */
export type ProbeResult =
  | { reachable: true; serverVersion?: string; authorized: boolean; message?: string }
  | { reachable: false; message: string };

/** Labels every connection-status ConfigMap carries. */
export const CONNECTION_LABEL = 'gantry.io/cluster-connection';

/** The ConfigMap holding a cluster's connection status, beside its cluster secret. */
export function connectionConfigMapName(clusterSecretName: string): string {
  return `${clusterSecretName}-connection`;
}

/** The status after a check: a failed check keeps the last contact and version it had. */
export function nextConnectionStatus(previous: ConnectionStatus | undefined, probe: ProbeResult, now: number): ConnectionStatus {
  const at = new Date(now).toISOString();
  if (!probe.reachable) {
    const kept = { ...(previous?.serverVersion ? { serverVersion: previous.serverVersion } : {}), ...(previous?.lastContact ? { lastContact: previous.lastContact } : {}) };
    return { state: 'Failed', reachable: false, message: `unreachable: ${probe.message}`, ...kept, attemptedAt: at };
  }
  const message = probe.authorized ? 'connected' : `reachable, but ${probe.message ?? 'the credentials were rejected'}`;
  const serverVersion = probe.serverVersion ?? previous?.serverVersion;
  return { state: probe.authorized ? 'Successful' : 'Failed', reachable: true, message, ...(serverVersion ? { serverVersion } : {}), lastContact: at, attemptedAt: at };
}

/**
 * The ConfigMap recording a cluster's connection status, owned by its cluster secret so it goes
 * with it. A ConfigMap rather than annotations on the cluster secret: a status that changes on
 * every check would otherwise wake everything that watches cluster secrets (ApplicationSets,
 * Application destinations) every time.
 */
export function connectionConfigMap(o: { clusterSecret: KubeObject; cluster: string; server: string; status: ConnectionStatus }): KubeObject {
  const { clusterSecret, status } = o;
  const name = clusterSecret.metadata.name ?? '';
  const data: Record<string, string> = {
    cluster: o.cluster,
    server: o.server,
    state: status.state,
    reachable: String(status.reachable),
    message: status.message,
    attemptedAt: status.attemptedAt,
  };
  if (status.serverVersion) data.serverVersion = status.serverVersion;
  if (status.lastContact) data.lastContact = status.lastContact;
  const owner = { apiVersion: 'v1', kind: 'Secret', name, uid: clusterSecret.metadata.uid ?? '' };
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: connectionConfigMapName(name), namespace: clusterSecret.metadata.namespace, labels: { [CONNECTION_LABEL]: 'true' }, ownerReferences: [owner] },
    data,
  };
}

/** Reads a connection-status ConfigMap back. */
export function connectionStatusOf(configMap: KubeObject | undefined): ConnectionStatus | undefined {
  const data = configMap?.data as Record<string, string> | undefined;
  if (!data?.state || !data.attemptedAt) return undefined;
  const state: ConnectionState = data.state === 'Successful' || data.state === 'Failed' ? data.state : 'Unknown';
  return {
    state,
    reachable: data.reachable === 'true',
    message: data.message ?? '',
    ...(data.serverVersion ? { serverVersion: data.serverVersion } : {}),
    ...(data.lastContact ? { lastContact: data.lastContact } : {}),
    attemptedAt: data.attemptedAt,
  };
}

/** Milliseconds until the next check is due: at once with no status or a new server, else an interval after the last attempt. */
export function msUntilCheck(previous: ConnectionStatus | undefined, o: { serverChanged: boolean; now: number; intervalMs: number }): number {
  if (!previous || o.serverChanged) return 0;
  const attempted = Date.parse(previous.attemptedAt);
  if (!Number.isFinite(attempted)) return 0;
  return Math.max(0, attempted + o.intervalMs - o.now);
}
