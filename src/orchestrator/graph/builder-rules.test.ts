import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusSkip, readCorpusJson } from '../testing/corpus.js';
import { buildResourceGraph } from './build-graph.js';
import type { GroupVersionKind, SchemaResolver } from './types.js';

// Rules of kro's builder beyond the shared vectors (iterator rules, CRD templates, unknown fields,
// string templates in status, omit(), unknown functions), checked against the corpus's fake schemas.

function fakeResolver(): SchemaResolver {
  const { schemas } = readCorpusJson<{ schemas: Record<string, Record<string, unknown>> }>('graph-builder-fake-resolver-schemas.json');
  return {
    resolve(g: GroupVersionKind) {
      const schema = schemas[`${g.group ? `${g.group}/` : ''}${g.version}/${g.kind}`];
      return Promise.resolve(schema ? { schema, namespaced: g.kind !== 'CustomResourceDefinition' } : undefined);
    },
  };
}

const rgd = (kind: string, spec: Record<string, unknown>, status: Record<string, unknown> | null, resources: unknown[]): unknown => ({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', metadata: { name: 'x' }, spec: { schema: { apiVersion: 'v1alpha1', kind, spec, ...(status ? { status } : {}) }, resources } });
const vpc = (id: string, extra: Record<string, unknown> = {}, meta: Record<string, unknown> = { name: 'test-vpc' }): Record<string, unknown> => ({ id, template: { apiVersion: 'ec2.services.k8s.aws/v1alpha1', kind: 'VPC', metadata: meta, spec: { cidrBlocks: ['10.0.0.0/16'] } }, ...extra });
const subnet = (id: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}, meta: Record<string, unknown> = { name: id }): Record<string, unknown> => ({ id, template: { apiVersion: 'ec2.services.k8s.aws/v1alpha1', kind: 'Subnet', metadata: meta, spec }, ...extra });
const pod = (id: string, meta: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ id, template: { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: { containers: [{ name: 'a', image: 'nginx' }] } }, ...extra });
const cases: [string, boolean, unknown][] = [
  ['invalid CEL syntax in readyWhen', true, rgd('Test', { name: 'string' }, null, [vpc('vpc', { readyWhen: ['invalid ! syntax'] })])],
  ['invalid field reference', true, rgd('Test', { name: 'string' }, null, [subnet('subnet', { vpcID: '${vpc.status.nonexistentField}' })])],
  ['valid VPC conditional subnets', false, rgd('Test', { name: 'string', enableSubnets: 'boolean' }, null, [vpc('vpc', { readyWhen: ["${vpc.status.state == 'available'}"] }), subnet('subnet1', { cidrBlock: '10.0.1.0/24', vpcID: '${vpc.status.vpcID}' }, { readyWhen: ["${subnet1.status.state == 'available'}"], includeWhen: ['${schema.spec.enableSubnets == true}'] }), subnet('subnet2', { cidrBlock: '10.0.127.0/24', vpcID: '${vpc.status.vpcID}' }, { readyWhen: ["${subnet2.status.state == 'available'}"], includeWhen: ['${schema.spec.enableSubnets}'] })])],
  ['crds no vars in spec', true, rgd('Test', { name: 'string' }, null, [{ id: 'somecrd', template: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'vpcs.x' }, spec: { group: 'g', scope: 'Namespaced-${schema.spec.name}' } } }])],
  ['optional type status', false, rgd('Test', { name: 'string' }, { state: '${vpc.status.?state}', vpcID: '${vpc.status.?vpcID}' }, [vpc('vpc')])],
  ['missing dependency', true, rgd('Test', { name: 'string' }, null, [subnet('subnet', { cidrBlock: 'x', vpcID: '${missingvpc.status.vpcID}' })])],
  ['cyclic dependency', true, rgd('Test', { name: 'string' }, null, [{ id: 'role1', template: { apiVersion: 'iam.services.k8s.aws/v1alpha1', kind: 'Role', metadata: { name: '${role2.metadata.name}1' }, spec: { name: 'r', assumeRolePolicyDocument: '{}' } } }, { id: 'role2', template: { apiVersion: 'iam.services.k8s.aws/v1alpha1', kind: 'Role', metadata: { name: '${role1.metadata.name}2' }, spec: { name: 'r', assumeRolePolicyDocument: '{}' } } }])],
  ['metadata.name status', false, rgd('Test', { name: 'string' }, { podName: '${pod.metadata.name}' }, [pod('pod', { name: 'p' })])],
  ['collection chaining size', false, rgd('WorkerPool', { workers: '[]string' }, null, [pod('workerPods', { name: '${worker}' }, { forEach: [{ worker: '${schema.spec.workers}' }] }), pod('monitorPod', { name: '${string(size(workerPods))}-monitor' })])],
  ['forEach embedded', true, rgd('WorkerPool', { workers: '[]string' }, null, [pod('workerPods', { name: 'w' }, { forEach: [{ name: 'prefix-${schema.spec.workers}' }] })])],
  ['collection self readyWhen', true, rgd('PodCollection', { names: '[]string' }, null, [pod('pods', { name: '${name}' }, { forEach: [{ name: '${schema.spec.names}' }], readyWhen: ["${pods.all(p, p.status.phase == 'Running')}"] })])],
  ['collection each readyWhen', false, rgd('PodCollection', { names: '[]string' }, null, [pod('pods', { name: '${name}' }, { forEach: [{ name: '${schema.spec.names}' }], readyWhen: ["${each.status.phase == 'Running'}"] })])],
  ['collection to collection', false, rgd('C', { name: 'string', cidrBlocks: '[]string' }, null, [subnet('subnets', { cidrBlock: '${cidr}', vpcID: 'v' }, { forEach: [{ cidr: '${schema.spec.cidrBlocks}' }] }, { name: '${schema.spec.name}-${cidr}' }), { id: 'securityGroups', template: { apiVersion: 'ec2.services.k8s.aws/v1alpha1', kind: 'SecurityGroup', metadata: { name: '${schema.spec.name}-sg-${subnet.metadata.name}' }, spec: { description: '${subnet.status.subnetID}', vpcID: 'v' } }, forEach: [{ subnet: '${subnets}' }] }])],
  ['iterator used in template', false, rgd('WorkerPool', { name: 'string', workers: '[]string' }, null, [subnet('workerSubnet', { cidrBlock: '${worker}', vpcID: '${schema.spec.name}' }, { forEach: [{ worker: '${schema.spec.workers}' }] }, { name: '${schema.spec.name}-${worker}' })])],
  ['iterator refs iterator', true, rgd('X', { name: 'string', items: '[]string' }, null, [pod('badPod', { name: '${schema.spec.name}-${element}-${derived}' }, { forEach: [{ element: '${schema.spec.items}' }, { derived: '${element}' }] })])],
  ['dimension not in identity', true, rgd('X', { regions: '[]string', tiers: '[]string' }, null, [pod('pods', { name: '${region}-pod' }, { forEach: [{ region: '${schema.spec.regions}' }, { tier: '${schema.spec.tiers}' }] })])],
  ['unknown field expr', true, rgd('X', { name: 'string' }, null, [{ id: 'vpc', template: { apiVersion: 'ec2.services.k8s.aws/v1alpha1', kind: 'VPC', metadata: { name: 'test' }, spec: { unknownField: '${schema.spec.name}' } } }])],
  ['status template int', true, rgd('X', { name: 'string' }, { field: 'prefix-${vpc.spec.enableDNSSupport}' }, [vpc('vpc')])],
  ['status template missing', true, rgd('X', { name: 'string' }, { field: 'prefix-${vpc.spec.missing}' }, [vpc('vpc')])],
  ['omit ok', false, rgd('X', { name: 'string' }, null, [subnet('subnet', { cidrBlock: "${schema.spec.name != '' ? schema.spec.name : omit()}", vpcID: 'x' })])],
  ['unknown function', true, rgd('X', { name: 'string' }, null, [subnet('subnet', { cidrBlock: '${missingFn()}', vpcID: 'x' })])],
];

test('kro builder rules beyond the shared vectors', { skip: corpusSkip() }, async () => {
  const resolver = fakeResolver();
  const failures: string[] = [];
  for (const [name, wantError, input] of cases) {
    const result = await buildResourceGraph(input, resolver);
    if (result.ok === wantError) failures.push(`${name}: ${result.ok ? 'accepted' : result.error.message}`);
  }
  assert.deepEqual(failures, []);
});
