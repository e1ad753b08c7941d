import type { Logger } from '../../core/index.js';
import type { KubeObject } from '../../kube/index.js';
import type { ReconcileResult } from '../../runtime/index.js';
import { connectionConfigMap, connectionConfigMapName, connectionStatusOf, msUntilCheck, nextConnectionStatus } from '../connection/connection-status.js';
import { clusterConfigOf, type ClusterCredentials } from '../registration/cluster-secret.js';
import type { ClusterRegistration } from '../registration/registration.js';
import type { RegistrationDeps } from './reconcile-registration.js';

/** A cluster whose connection may be checked now. */
export interface ConnectionCheck {
  clusterSecret: KubeObject;
  reg: ClusterRegistration;
  credentials: ClusterCredentials;
}

/**
 * Checks a cluster's connection when a check is due (none yet, the server changed, or the
 * interval passed) and records it in the status ConfigMap; otherwise asks to come back when due.
 */
export async function checkConnectionWhenDue(o: ConnectionCheck, deps: RegistrationDeps, log: Logger): Promise<ReconcileResult> {
  const { hub, clock } = deps;
  const server = o.reg.cluster_endpoint;
  const target = { apiVersion: 'v1', kind: 'ConfigMap', namespace: deps.controlNamespace, name: connectionConfigMapName(o.clusterSecret.metadata.name ?? '') };
  const current = await hub.api.get(target);
  const previous = connectionStatusOf(current);
  const serverChanged = (current?.data as Record<string, string> | undefined)?.server !== server;
  const wait = msUntilCheck(previous, { serverChanged, now: clock.now(), intervalMs: deps.checkIntervalMs });
  if (wait > 0) return { requeueAfterMs: wait };
  const probe = await deps.probe({ name: o.reg.cluster_name, server, config: clusterConfigOf(o.reg, o.credentials) });
  const status = nextConnectionStatus(serverChanged ? undefined : previous, probe, clock.now());
  await hub.api.apply(connectionConfigMap({ clusterSecret: o.clusterSecret, cluster: o.reg.cluster_name, server, status }));
  if (previous?.state !== status.state || previous.message !== status.message) {
    log.info('cluster connection', { cluster: o.reg.cluster_name, state: status.state, message: status.message, serverVersion: status.serverVersion });
  }
  return { requeueAfterMs: deps.checkIntervalMs };
}
