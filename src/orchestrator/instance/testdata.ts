/**
 * Hand-built graphs for the instance logic's unit tests (what the graph builder would produce for
 * small RGDs), so the decisions are tested without the builder.
 */
import type { KubeObject } from '../../kube/index.js';
import type { FieldExpression, GraphResource, ResourceGraph } from '../graph/types.js';

/** A field expression with its dependencies read from the `id.` prefixes named. */
export function field(path: string, expression: string, dependencies: string[], standalone = true): FieldExpression {
  return { path, expression, standalone, dependencies };
}

/** A template resource with defaults for everything not given. */
export function resource(r: Partial<GraphResource> & Pick<GraphResource, 'id' | 'template'>): GraphResource {
  const t = r.template as { apiVersion: string; kind: string };
  const [group, version] = t.apiVersion.includes('/') ? t.apiVersion.split('/') : ['', t.apiVersion];
  return {
    gvk: { group: group ?? '', version: version ?? '', kind: t.kind },
    namespaced: true,
    fields: [],
    readyWhen: [],
    includeWhen: [],
    forEach: [],
    dependencies: [],
    ...r,
  };
}

/** A graph of the given resources, ordered as given, serving kind App in test.kro.run/v1alpha1. */
export function graphOf(resources: GraphResource[], statusFields: FieldExpression[] = []): ResourceGraph {
  return {
    instance: { gvk: { group: 'test.kro.run', version: 'v1alpha1', kind: 'App' }, plural: 'apps', crd: {}, statusFields },
    resources,
    topologicalOrder: resources.map((r) => r.id),
  };
}

/** An instance of kind App. */
export function instanceOf(spec: Record<string, unknown>, extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  return { apiVersion: 'test.kro.run/v1alpha1', kind: 'App', metadata: { name: 'demo', namespace: 'team-a', uid: 'uid-1', generation: 1, ...extra }, spec };
}

/**
 * The sample graph: a ConfigMap named from the spec, a Deployment that reads the ConfigMap's name
 * and waits for its data, and a Service included only when `spec.expose`.
 */
export function sampleGraph(): ResourceGraph {
  const config = resource({
    id: 'config',
    template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '' }, data: { greeting: 'hi' } },
    fields: [field('metadata.name', 'schema.spec.name + "-config"', ['schema'], false)],
    readyWhen: ['config.data.greeting == "hi"'],
  });
  const deploy = resource({
    id: 'deploy',
    template: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: '' }, spec: { replicas: 0, template: { spec: { containers: [{ name: 'app', env: [{ name: 'CONFIG', value: '' }] }] } } } },
    fields: [
      field('metadata.name', 'schema.spec.name', ['schema']),
      field('spec.replicas', 'schema.spec.replicas', ['schema']),
      field('spec.template.spec.containers[0].env[0].value', 'config.metadata.name', ['config']),
    ],
    readyWhen: ['deploy.status.availableReplicas == deploy.spec.replicas'],
    dependencies: ['config'],
  });
  const service = resource({
    id: 'service',
    template: { apiVersion: 'v1', kind: 'Service', metadata: { name: '' }, spec: { selector: { app: '' } } },
    fields: [field('metadata.name', 'schema.spec.name', ['schema']), field('spec.selector.app', 'deploy.metadata.name', ['deploy'])],
    includeWhen: ['schema.spec.expose'],
    dependencies: ['deploy'],
  });
  return graphOf([config, deploy, service], [field('status.availableReplicas', 'deploy.status.availableReplicas', ['deploy']), field('status.url', '"http://" + service.metadata.name', ['service'], false)]);
}
