import { createHash } from 'node:crypto';
import type { KubeObject } from '../../kube/index.js';
import { METADATA_FIELDS, REGISTRATION_PREFIX, type ClusterRegistration } from './registration.js';

/** The label that makes a Secret an Argo CD cluster secret (value `cluster`). */
export const SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';
/** Marks a cluster secret as written and owned by gantry's fleet controller. */
export const FLEET_MANAGED_LABEL = 'gantry.io/fleet-managed';
/** On a cluster secret: the registration it came from (`<store namespace>/<secret name>`). */
export const REGISTRATION_ANNOTATION = 'gantry.io/registration';
const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** Credentials for an apiserver, in the shape of Argo CD's cluster `config` (all base64 as Argo CD has them). */
export interface ClusterCredentials {
  bearerToken?: string;
  /** base64 of the client certificate PEM. */
  certData?: string;
  /** base64 of the client key PEM. */
  keyData?: string;
}

/** Argo CD's cluster secret `config` JSON, as far as gantry writes it. */
export interface ClusterConfig {
  bearerToken?: string;
  /** Basic auth, which Argo CD's cluster secret allows; gantry never writes it. */
  username?: string;
  password?: string;
  tlsClientConfig: { insecure: boolean; caData?: string; certData?: string; keyData?: string; serverName?: string };
}

/**
 * The cluster secret's name: `cluster-<cluster_name>`, as gantry has always named local spokes.
 * A cluster name that is not a valid object name (EKS allows capitals and "_") is lowercased,
 * "_" becomes "-", and a short hash of the original keeps two such names apart.
 */
export function clusterSecretName(clusterName: string): string {
  return objectNameFor('cluster-', clusterName);
}

/** The registration secret's name: `cluster-registration-<cluster_name>`, cleaned as clusterSecretName cleans. */
export function registrationSecretName(clusterName: string): string {
  return objectNameFor(REGISTRATION_PREFIX, clusterName);
}

function objectNameFor(prefix: string, clusterName: string): string {
  const cleaned = clusterName.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
  if (cleaned === clusterName) return `${prefix}${clusterName}`;
  const hash = createHash('sha256').update(clusterName).digest('hex').slice(0, 6);
  return `${prefix}${cleaned.replace(/[.-]+$/, '')}-${hash}`;
}

/** The `config` of a cluster: TLS verified against the registration's CA, credentials if any. */
export function clusterConfigOf(reg: ClusterRegistration, credentials: ClusterCredentials): ClusterConfig {
  const tls: ClusterConfig['tlsClientConfig'] = { insecure: false };
  if (reg.cluster_ca_certificate) tls.caData = reg.cluster_ca_certificate;
  if (credentials.certData) tls.certData = credentials.certData;
  if (credentials.keyData) tls.keyData = credentials.keyData;
  return credentials.bearerToken ? { bearerToken: credentials.bearerToken, tlsClientConfig: tls } : { tlsClientConfig: tls };
}

/**
 * The annotations of a cluster secret: the reference JSON's top-level metadata (aws_region,
 * resource_prefix, environment, tenant, cluster_type) under their own names, then the
 * registration's annotations (which win), then where it came from.
 */
export function clusterAnnotationsOf(reg: ClusterRegistration, registrationRef: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of METADATA_FIELDS) {
    const value = reg[field];
    if (value) out[field] = value;
  }
  return { ...out, ...reg.annotations, [REGISTRATION_ANNOTATION]: registrationRef };
}

/**
 * The Argo CD cluster Secret for a registration (declarative setup: `name`, `server`, `config`),
 * labelled with the registration's labels as given (GitOps Bridge names such as `enable_<addon>`
 * unchanged) plus the cluster secret type and gantry's fleet marker.
 */
export function buildClusterSecret(reg: ClusterRegistration, o: { namespace: string; registrationRef: string; credentials: ClusterCredentials }): KubeObject {
  const labels: Record<string, string> = { [MANAGED_BY_LABEL]: 'gantry', ...reg.labels, [SECRET_TYPE_LABEL]: 'cluster', [FLEET_MANAGED_LABEL]: 'true' };
  const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: clusterSecretName(reg.cluster_name), namespace: o.namespace, labels, annotations: clusterAnnotationsOf(reg, o.registrationRef) },
    type: 'Opaque',
    data: {
      name: b64(reg.cluster_name),
      server: b64(reg.cluster_endpoint),
      config: b64(JSON.stringify(clusterConfigOf(reg, o.credentials))),
    },
  };
}
