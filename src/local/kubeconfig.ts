import { stringify } from 'yaml';

/** One cluster entry of a kubeconfig that gantry writes. */
export interface KubeconfigCluster {
  /** Context, cluster and user name ("gantry-hub"). */
  context: string;
  server: string;
  caPem: string;
  token: string;
}

/** Renders a kubeconfig (token auth, TLS verified against the apiserver's CA) for the given clusters. */
export function renderKubeconfig(clusters: KubeconfigCluster[], current: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': current,
    clusters: clusters.map((c) => ({
      name: c.context,
      cluster: { server: c.server, 'certificate-authority-data': Buffer.from(c.caPem).toString('base64') },
    })),
    users: clusters.map((c) => ({ name: c.context, user: { token: c.token } })),
    contexts: clusters.map((c) => ({ name: c.context, context: { cluster: c.context, user: c.context } })),
  });
}

/** The context name gantry gives a local cluster. */
export function contextName(cluster: string): string {
  return `gantry-${cluster}`;
}
