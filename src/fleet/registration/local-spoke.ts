import type { ClusterRegistration } from './registration.js';

/** What gantry knows about one of its embedded spokes. */
export interface LocalSpoke {
  name: string;
  server: string;
  /** base64 of the apiserver CA's PEM (the kubeconfig's certificate-authority-data). */
  caData: string;
  /** The Secret (in the registration store) holding the spoke's token. */
  credentialsSecret: string;
}

/** The resource prefix of local clusters, in labels and annotations. */
export const LOCAL_RESOURCE_PREFIX = 'gantry';
/** The tenant of local clusters, as the reference architecture's platform team. */
export const LOCAL_TENANT = 'platform-team';

/**
 * The registration `gantry up --spokes` writes for an embedded spoke: the reference JSON with
 * the labels and annotations of the reference architecture's spokes, region `local`.
 */
export function localSpokeRegistration(spoke: LocalSpoke): ClusterRegistration {
  return {
    cluster_name: spoke.name,
    cluster_endpoint: spoke.server,
    cluster_ca_certificate: spoke.caData,
    aws_region: 'local',
    resource_prefix: LOCAL_RESOURCE_PREFIX,
    environment: spoke.name,
    tenant: LOCAL_TENANT,
    cluster_type: 'spoke',
    labels: {
      environment: spoke.name,
      region: 'local',
      'cluster-type': 'spoke',
      tenant: LOCAL_TENANT,
      'resource-prefix': LOCAL_RESOURCE_PREFIX,
      'workload-type': 'applications',
    },
    annotations: {
      addons_repo_basepath: 'gitops/addons/',
      workloads_repo_basepath: 'gitops/workloads/',
      kustomize_path: `environments/${spoke.name}`,
      helm_values_path: `values/${spoke.name}.yaml`,
      resource_prefix: LOCAL_RESOURCE_PREFIX,
      sync_wave: '10',
    },
    credentials_secret: spoke.credentialsSecret,
  };
}
