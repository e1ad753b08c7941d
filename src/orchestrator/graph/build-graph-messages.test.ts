import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildResourceGraph } from './build-graph.js';
import type { GroupVersionKind, SchemaResolver } from './types.js';

const str = { type: 'string' };
const deploymentSchema = {
  type: 'object',
  properties: {
    apiVersion: str,
    kind: str,
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        replicas: { type: 'integer' },
        template: {
          type: 'object',
          properties: {
            spec: {
              type: 'object',
              properties: { containers: { type: 'array', items: { type: 'object', properties: { name: str, image: str } } } },
            },
          },
        },
      },
    },
    status: { type: 'object', properties: { availableReplicas: { type: 'integer' } } },
  },
};
const serviceSchema = {
  type: 'object',
  properties: { apiVersion: str, kind: str, metadata: { type: 'object' }, spec: { type: 'object', properties: { clusterIP: str, ports: { type: 'array', items: { type: 'object', properties: { port: { type: 'integer' } } } } } } },
};

const resolver: SchemaResolver = {
  resolve(gvk: GroupVersionKind) {
    const schema = gvk.kind === 'Deployment' ? deploymentSchema : gvk.kind === 'Service' ? serviceSchema : undefined;
    return Promise.resolve(schema ? { schema, namespaced: true } : undefined);
  },
};

function deployment(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    template: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: '${schema.metadata.name}' },
      spec: { replicas: '${schema.spec.replicas}', template: { spec: { containers: [{ name: 'app', image: '${schema.spec.image}' }] } } },
    },
    ...extra,
  };
}

function rgd(resources: unknown[], schema: Record<string, unknown> = {}): unknown {
  return {
    apiVersion: 'kro.run/v1alpha1',
    kind: 'ResourceGraphDefinition',
    metadata: { name: 'webapp' },
    spec: {
      schema: { apiVersion: 'v1alpha1', kind: 'WebApp', spec: { image: 'string | required=true', replicas: 'integer | default=2 minimum=1' }, ...schema },
      resources,
    },
  };
}

async function errorOf(input: unknown): Promise<string> {
  const result = await buildResourceGraph(input, resolver);
  assert.equal(result.ok, false, 'expected the RGD to be rejected');
  return result.ok ? '' : result.error.message;
}

test('a cycle is rejected naming the resources on it and the expressions that read each other', async () => {
  const a = deployment('a');
  const b = deployment('b');
  (a.template as { metadata: Record<string, string> }).metadata.name = '${b.metadata.name}-a';
  (b.template as { metadata: Record<string, string> }).metadata.name = '${a.metadata.name}-b';
  const message = await errorOf(rgd([a, b]));
  assert.match(message, /graph contains a cycle: (a -> b -> a|b -> a -> b)/);
  assert.match(message, /resource "a" reads b in field metadata\.name \$\{\(b\.metadata\.name\) \+ "-a"\}/);
  assert.match(message, /resource "b" reads a in field metadata\.name \$\{\(a\.metadata\.name\) \+ "-b"\}/);
});

test('a longer cycle through includeWhen and forEach names every step', async () => {
  const a = deployment('a');
  const b = deployment('b');
  const c = deployment('c');
  (a.template as { metadata: Record<string, string> }).metadata.name = '${c[0].metadata.name}-a';
  (b as Record<string, unknown>).includeWhen = ['${a.spec.replicas > 0}'];
  (c as Record<string, unknown>).forEach = [{ n: '${b.spec.template.spec.containers}' }];
  (c.template as { metadata: Record<string, string> }).metadata.name = '${n.name}';
  const message = await errorOf(rgd([a, b, c]));
  assert.match(message, /graph contains a cycle: /);
  assert.match(message, /resource "a" reads c in field metadata\.name \$\{\(c\[0\]\.metadata\.name\) \+ "-a"\}/);
  assert.match(message, /resource "b" reads a in includeWhen \$\{a\.spec\.replicas > 0\}/);
  assert.match(message, /resource "c" reads b in forEach n \$\{b\.spec\.template\.spec\.containers\}/);
});

test('an unknown reference names the resource, the field and the expression', async () => {
  const web = deployment('web');
  (web.template as { metadata: Record<string, string> }).metadata.name = '${databse.metadata.name}';
  const message = await errorOf(rgd([web]));
  assert.match(message, /resource "web" field metadata\.name: references unknown identifiers: \[databse\] in \$\{databse\.metadata\.name\}/);
});

test('a type error names the resource, the field and the expression', async () => {
  const svc = {
    id: 'svc',
    template: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: '${web.spec.template.spec.containers[0].image}' }] } },
  };
  const message = await errorOf(rgd([deployment('web'), svc]));
  assert.match(message, /resource "svc" field spec\.ports\[0\]\.port: .*web\.spec\.template\.spec\.containers\[0\]\.image.*kind mismatch/);
  const typo = await errorOf(rgd([deployment('web', { readyWhen: ['${web.status.availableReplica > 0}'] })]));
  assert.match(typo, /resource "web" readyWhen: expression \$\{web\.status\.availableReplica > 0\}: undefined field 'availableReplica'/);
});

test('an invalid SimpleSchema names the field and the marker', async () => {
  const message = await errorOf(rgd([deployment('web')], { spec: { replicas: 'integer | minimum=one' } }));
  assert.match(message, /failed to build OpenAPI schema for instance: .*field replicas: minimum=one: the value must be a number/);
});

test('a valid RGD yields order, fields, dependencies, status types and the CRD', async () => {
  const svc = {
    id: 'svc',
    template: { apiVersion: 'v1', kind: 'Service', metadata: { name: '${web.metadata.name}-svc' }, spec: { ports: [{ port: 80 }] } },
    includeWhen: ['${schema.spec.replicas > 1}'],
  };
  const status = { available: '${web.status.availableReplicas}', endpoint: '${svc.spec.clusterIP}:80' };
  const result = await buildResourceGraph(rgd([svc, deployment('web', { readyWhen: ['${web.status.availableReplicas > 0}'] })], { status }), resolver);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  const g = result.value;
  assert.deepEqual(g.topologicalOrder, ['web', 'svc']);
  const svcNode = g.resources.find((r) => r.id === 'svc');
  assert.deepEqual(svcNode?.dependencies, ['web']);
  assert.deepEqual(svcNode?.fields, [{ path: 'metadata.name', expression: '(web.metadata.name) + "-svc"', standalone: false, dependencies: ['web'] }]);
  assert.deepEqual(svcNode?.includeWhen, ['schema.spec.replicas > 1']);
  const webNode = g.resources.find((r) => r.id === 'web');
  assert.deepEqual(webNode?.readyWhen, ['web.status.availableReplicas > 0']);
  assert.deepEqual(webNode?.fields.map((f) => [f.path, f.standalone]), [
    ['metadata.name', true],
    ['spec.replicas', true],
    ['spec.template.spec.containers[0].image', true],
  ]);
  assert.equal(g.instance.plural, 'webapps');
  assert.deepEqual(g.instance.statusFields.map((f) => f.dependencies), [['web'], ['svc']]);
  const schema = (g.instance.crd.spec as { versions: { schema: { openAPIV3Schema: { properties: Record<string, { properties: Record<string, unknown> }> } } }[] }).versions[0]?.schema.openAPIV3Schema;
  assert.deepEqual(schema?.properties.status?.properties.available, { type: 'integer' });
  assert.deepEqual(schema?.properties.status?.properties.endpoint, { type: 'string' });
  assert.deepEqual(schema?.properties.spec?.properties.replicas, { type: 'integer', default: 2, minimum: 1 });
});

test('forEach iterators are typed from their list and not counted as dependencies', async () => {
  const workers = {
    id: 'workers',
    template: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: '${schema.metadata.name}-${name}' }, spec: { replicas: '${size(name)}' } },
    forEach: [{ name: '${schema.spec.names}' }],
    readyWhen: ['${each.status.availableReplicas > 0}'],
  };
  const result = await buildResourceGraph(rgd([workers], { spec: { names: '[]string' } }), resolver);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  const node = result.value.resources[0];
  assert.deepEqual(node?.forEach, [{ name: 'name', expression: 'schema.spec.names' }]);
  assert.deepEqual(node?.dependencies, []);
  assert.deepEqual(node?.fields[0]?.dependencies, ['schema']);
  const bad = await errorOf(rgd([{ ...workers, template: { ...workers.template, spec: { replicas: '${name}' } } }], { spec: { names: '[]string' } }));
  assert.match(bad, /resource "workers" field spec\.replicas: .*kind mismatch/);
});
