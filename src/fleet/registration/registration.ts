/**
 * A cluster registration as infrastructure code writes it (the reference architecture's JSON,
 * field names exactly as written there), plus gantry's two optional credential fields.
 */
export interface ClusterRegistration {
  cluster_name: string;
  /** The apiserver URL; required, since a cluster without one cannot be a destination. */
  cluster_endpoint: string;
  /** The apiserver's CA: base64 of the PEM, as EKS and kubeconfig `certificate-authority-data` give it. */
  cluster_ca_certificate?: string;
  aws_region?: string;
  resource_prefix?: string;
  environment?: string;
  tenant?: string;
  cluster_type?: string;
  /** Labels of the cluster secret (ApplicationSet cluster generators select on them). */
  labels: Record<string, string>;
  /** Annotations of the cluster secret (GitOps Bridge metadata such as addons_repo_basepath). */
  annotations: Record<string, string>;
  /**
   * gantry extension: a Secret in the same store holding the credentials, with the data keys of a
   * service-account token Secret (`token`) and/or a TLS Secret (`tls.crt`, `tls.key`).
   */
  credentials_secret?: string;
  /** What parsing accepted but set aside (never written by infrastructure code; not part of the JSON). */
  warnings?: string[];
  /** gantry extension: an inline bearer token (the registration is itself a secret). */
  bearer_token?: string;
}

/** One thing wrong with a registration: the field (dotted path) and what to fix. */
export interface RegistrationProblem {
  field: string;
  message: string;
}

/** Registration secrets are named `cluster-registration-<cluster>`. */
export const REGISTRATION_PREFIX = 'cluster-registration-';

/** The top-level string fields of the reference JSON besides cluster_name and cluster_endpoint. */
export const METADATA_FIELDS = ['aws_region', 'resource_prefix', 'environment', 'tenant', 'cluster_type'] as const;

/** Whether a secret name is a registration by the naming convention. */
export function isRegistrationName(name: string): boolean {
  return name.startsWith(REGISTRATION_PREFIX) && name.length > REGISTRATION_PREFIX.length;
}

/** "registration secret gantry-fleet/cluster-registration-dev: labels.tier: must be ..." for each problem. */
export function formatProblems(where: string, problems: RegistrationProblem[]): string {
  return `${where}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`;
}
