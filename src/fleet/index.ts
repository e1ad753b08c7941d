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
  clusterConfigOf,
  clusterAnnotationsOf,
  SECRET_TYPE_LABEL,
  FLEET_MANAGED_LABEL,
  REGISTRATION_ANNOTATION,
} from './registration/cluster-secret.js';
export type { ClusterCredentials, ClusterConfig } from './registration/cluster-secret.js';
export { credentialsFromSecret, inlineCredentials } from './registration/credentials.js';
