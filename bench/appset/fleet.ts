import type { KubeObject } from '../../src/kube/index.js';

/** The namespace the bench uses as Argo CD's. */
export const CONTROL_NAMESPACE = 'argocd';

/** The name of spoke `i` (`spoke-007`). */
export const spokeName = (i: number): string => `spoke-${String(i).padStart(3, '0')}`;

/** The labels spoke `i` carries, as the reference architecture labels spokes. */
export function spokeLabels(i: number): Record<string, string> {
  return { 'cluster-type': 'spoke', environment: i % 2 === 0 ? 'dev' : 'prod', tier: 'standard' };
}

/** The annotations the add-on ApplicationSets read from spoke `i`'s cluster secret. */
export function spokeAnnotations(i: number): Record<string, string> {
  return { addons_repo_basepath: 'gitops/addons/', helm_values_path: `values/${spokeName(i)}.yaml` };
}

/** Where a registration says its cluster is and how to reach it (here: the hub itself, as every pretend spoke). */
export interface SpokeEndpoint {
  server: string;
  ca: string;
  token: string;
}

/**
 * The GitOps Bridge registration of spoke `i` (the JSON under `config`), carrying the same labels
 * and annotations as clusterSecret(i) once the fleet controller maps it; `labels` override them.
 */
export function registrationOf(i: number, endpoint: SpokeEndpoint, labels: Record<string, string> = {}): string {
  const merged = { ...spokeLabels(i), ...labels };
  return JSON.stringify({
    cluster_name: spokeName(i),
    cluster_endpoint: endpoint.server,
    cluster_ca_certificate: endpoint.ca,
    environment: merged['environment'],
    cluster_type: merged['cluster-type'],
    labels: merged,
    annotations: spokeAnnotations(i),
    bearer_token: endpoint.token,
  });
}

/** Cluster Secret `i` of the fleet, labelled as the reference architecture labels spokes. */
export function clusterSecret(i: number, labels: Record<string, string> = {}, namespace = CONTROL_NAMESPACE): KubeObject {
  const name = spokeName(i);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `cluster-${name}`,
      namespace,
      labels: { 'argocd.argoproj.io/secret-type': 'cluster', ...spokeLabels(i), ...labels },
      annotations: spokeAnnotations(i),
    },
    type: 'Opaque',
    stringData: { name, server: `https://${name}.spokes.example.com`, config: '{}' },
  };
}

/** Add-on ApplicationSet `i`: a clusters generator on cluster-type=spoke, values from labels and annotations. */
export function addonAppSet(i: number, namespace = CONTROL_NAMESPACE): KubeObject {
  const addon = `addon-${String(i).padStart(2, '0')}`;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: addon, namespace },
    spec: {
      generators: [{ clusters: { selector: { matchLabels: { 'cluster-type': 'spoke' } }, values: { tier: '{{metadata.labels.tier}}', env: '{{metadata.labels.environment}}' } } }],
      template: {
        metadata: { name: `{{name}}-${addon}` },
        spec: {
          project: 'default',
          source: { repoURL: 'https://example.com/addons.git', path: `{{metadata.annotations.addons_repo_basepath}}${addon}/{{values.env}}`, targetRevision: 'main', helm: { valueFiles: ['{{metadata.annotations.helm_values_path}}'], parameters: [{ name: 'tier', value: '{{values.tier}}' }] } },
          destination: { server: '{{server}}', namespace: addon },
        },
      },
    },
  };
}

/** The Application the controller generates for cluster `c` and add-on `a` (the raw-apply baseline's objects). */
export function applicationOf(c: number, a: number, namespace: string): KubeObject {
  const cluster = `spoke-${String(c).padStart(3, '0')}`;
  const addon = `addon-${String(a).padStart(2, '0')}`;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: `${cluster}-${addon}`, namespace, finalizers: ['resources-finalizer.argocd.argoproj.io'] },
    spec: {
      project: 'default',
      source: { repoURL: 'https://example.com/addons.git', path: `gitops/addons/${addon}/${c % 2 === 0 ? 'dev' : 'prod'}`, targetRevision: 'main', helm: { valueFiles: [`values/${cluster}.yaml`], parameters: [{ name: 'tier', value: 'standard' }] } },
      destination: { server: `https://${cluster}.spokes.example.com`, namespace: addon },
    },
  };
}
