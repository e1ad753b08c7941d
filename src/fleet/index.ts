/**
 * fleet: cluster registration (the GitOps Bridge). Registration secrets written by infrastructure
 * code become Argo CD cluster secrets on the hub, with their labels and annotations; each cluster's
 * connection is checked and reported. Registration parsing is pure; the controller acts through
 * the kube layer and a secret-store provider.
 */
export type { ClusterRegistration, RegistrationProblem } from './registration/registration.js';
export { REGISTRATION_PREFIX, isRegistrationName, formatProblems } from './registration/registration.js';
export { parseRegistration, endpointProblem, RESERVED_LABELS } from './registration/parse-registration.js';
export { registrationDocumentOf, DOCUMENT_KEYS } from './registration/registration-document.js';
export { readRegistration } from './registration/read-registration.js';
export type { RegistrationRejection } from './registration/read-registration.js';
export {
  buildClusterSecret,
  clusterSecretName,
  registrationSecretName,
  clusterConfigOf,
  clusterAnnotationsOf,
  SECRET_TYPE_LABEL,
  FLEET_MANAGED_LABEL,
  REGISTRATION_ANNOTATION,
} from './registration/cluster-secret.js';
export type { ClusterCredentials, ClusterConfig } from './registration/cluster-secret.js';
export { credentialsFromSecret, inlineCredentials } from './registration/credentials.js';
// The secret-store provider interface and its Kubernetes provider.
export type { RegistrationStore, RegistrationRecord, RegistrationReport } from './store/registration-store.js';
export { createKubernetesRegistrationStore, decodeSecretData, DEFAULT_REGISTRATION_NAMESPACE } from './store/kubernetes-store.js';
export { STATE_ANNOTATION, MESSAGE_ANNOTATION, CLUSTER_SECRET_ANNOTATION, OBSERVED_ANNOTATION, reportOf, registrationDigest } from './store/report-annotations.js';
// Connection checks and their status.
export { createConnectionProbe, kubeconfigFor, IN_CLUSTER_SERVER } from './connection/connection-probe.js';
export type { ConnectionProbe, ProbeTarget } from './connection/connection-probe.js';
export { connectionConfigMapName, connectionStatusOf, nextConnectionStatus, msUntilCheck, CONNECTION_LABEL } from './connection/connection-status.js';
export type { ConnectionStatus, ConnectionState, ProbeResult } from './connection/connection-status.js';
// The fleet controller.
export { createFleetController } from './controller/fleet-controller.js';
export type { FleetController, FleetControllerOptions } from './controller/fleet-controller.js';
// What `gantry cluster list` shows.
export { listClusters } from './listing/list-clusters.js';
export { clusterRows, formatClusterTable, summarizeLabels, formatAge } from './listing/cluster-rows.js';
export type { ClusterRow, RegistrationIssue } from './listing/cluster-rows.js';
export { localSpokeRegistration, LOCAL_RESOURCE_PREFIX, LOCAL_TENANT } from './registration/local-spoke.js';
export type { LocalSpoke } from './registration/local-spoke.js';
export { localTenantProject } from './registration/local-tenant-project.js';
export type { ProjectCluster } from './registration/local-tenant-project.js';
