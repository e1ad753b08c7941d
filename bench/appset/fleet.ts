import type { KubeObject } from '../../src/kube/index.js';

/** The namespace the bench uses as Argo CD's. */
export const CONTROL_NAMESPACE = 'argocd';

/** Cluster Secret `i` of the fleet, labelled as the reference architecture labels spokes. */
export function clusterSecret(i: number, labels: Record<string, string> = {}): KubeObject {
  const name = `spoke-${String(i).padStart(3, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `cluster-${name}`,
      namespace: CONTROL_NAMESPACE,
      labels: { 'argocd.argoproj.io/secret-type': 'cluster', 'cluster-type': 'spoke', environment: i % 2 === 0 ? 'dev' : 'prod', tier: 'standard', ...labels },
      annotations: { addons_repo_basepath: 'gitops/addons/', helm_values_path: `values/${name}.yaml` },
    },
    type: 'Opaque',
    stringData: { name, server: `https://${name}.spokes.example.com`, config: '{}' },
  };
}

/** Add-on ApplicationSet `i`: a clusters generator on cluster-type=spoke, values from labels and annotations. */
export function addonAppSet(i: number): KubeObject {
  const addon = `addon-${String(i).padStart(2, '0')}`;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: addon, namespace: CONTROL_NAMESPACE },
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
