/**
 * gantry's own CustomResourceDefinitions for argoproj.io Application and AppProject: the same
 * group, names, short names, scope, printer columns and (absent) subresources as Argo CD's, with a
 * structural schema that preserves every field, so any manifest written for Argo CD is accepted
 * as it is and round-trips unchanged.
 */
type Obj = Record<string, unknown>;

const preserved = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

function crd(o: { plural: string; kind: string; shortNames: string[]; columns: Obj[]; required: string[] }): Obj {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${o.plural}.argoproj.io`, labels: { 'app.kubernetes.io/part-of': 'gantry' } },
    spec: {
      group: 'argoproj.io',
      names: { kind: o.kind, listKind: `${o.kind}List`, plural: o.plural, singular: o.kind.toLowerCase(), shortNames: o.shortNames },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          subresources: {},
          additionalPrinterColumns: o.columns,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              required: ['metadata', ...o.required],
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: preserved,
                status: preserved,
                operation: preserved,
              },
            },
          },
        },
      ],
    },
  };
}

/** The Application CRD. */
export const APPLICATION_CRD: Obj = crd({
  plural: 'applications',
  kind: 'Application',
  shortNames: ['app', 'apps'],
  required: ['spec'],
  columns: [
    { name: 'Sync Status', type: 'string', jsonPath: '.status.sync.status' },
    { name: 'Health Status', type: 'string', jsonPath: '.status.health.status' },
    { name: 'Revision', type: 'string', jsonPath: '.status.sync.revision', priority: 10 },
    { name: 'Project', type: 'string', jsonPath: '.spec.project', priority: 10 },
  ],
});

/** The AppProject CRD. */
export const APPPROJECT_CRD: Obj = crd({ plural: 'appprojects', kind: 'AppProject', shortNames: ['appproj', 'appprojs'], required: ['spec'], columns: [] });

/** The project every installation has, allowing everything, as Argo CD's `default` project does. */
export function defaultProject(namespace: string): Obj {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'default', namespace },
    spec: {
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*', name: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  };
}
