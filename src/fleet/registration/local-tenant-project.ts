import type { KubeObject } from '../../kube/index.js';
import { LOCAL_TENANT } from './local-spoke.js';

/** A local spoke as the tenant's project names it: its cluster name and apiserver URL, as its cluster secret has them. */
export interface ProjectCluster {
  name: string;
  server: string;
}

/**
 * The AppProject of the local tenant (`platform-team`), which the reference architecture's
 * ApplicationSets name as `{{values.tenant}}`: as permissive as `default` (any repository, any
 * kind, any namespace) but its destinations are only the spokes `gantry up` registered, by
 * server and by name, so nothing of this tenant lands on the hub. Written once: a user's edits
 * are kept, and a spoke added later is added to it by the user.
 */
export function localTenantProject(namespace: string, clusters: ProjectCluster[]): KubeObject {
  const destinations = clusters.flatMap((c) => [
    { server: c.server, namespace: '*' },
    { name: c.name, namespace: '*' },
  ]);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: LOCAL_TENANT, namespace, labels: { 'app.kubernetes.io/managed-by': 'gantry' } },
    spec: {
      description: 'The local tenant of gantry up --spokes: any repository, only the registered local spokes.',
      sourceRepos: ['*'],
      destinations,
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  };
}
