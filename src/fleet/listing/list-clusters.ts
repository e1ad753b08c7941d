import type { Cluster } from '../../kube/index.js';
import { CONNECTION_LABEL } from '../connection/connection-status.js';
import { SECRET_TYPE_LABEL } from '../registration/cluster-secret.js';
import type { RegistrationStore } from '../store/registration-store.js';
import { clusterRows, type ClusterRow, type RegistrationIssue } from './cluster-rows.js';

/**
 * Reads what `gantry cluster list` shows: every Argo CD cluster secret in the control namespace
 * (registered or written by hand) with its connection status, and the registrations that did not
 * become clusters, with why.
 */
export async function listClusters(o: { hub: Cluster; store: RegistrationStore; controlNamespace: string }): Promise<{ rows: ClusterRow[]; issues: RegistrationIssue[] }> {
  const secrets = await o.hub.api.list('v1', 'Secret', { namespace: o.controlNamespace, labelSelector: `${SECRET_TYPE_LABEL}=cluster` });
  const connections = await o.hub.api.list('v1', 'ConfigMap', { namespace: o.controlNamespace, labelSelector: `${CONNECTION_LABEL}=true` });
  const issues: RegistrationIssue[] = [];
  for (const name of await o.store.list()) {
    const report = await o.store.lastReport(name);
    if (report && report.state !== 'Registered') issues.push({ registration: o.store.refOf(name), report });
  }
  return { rows: clusterRows(secrets.items, connections.items), issues };
}
