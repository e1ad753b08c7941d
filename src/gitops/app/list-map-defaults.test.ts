import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultListMapKeys } from './list-map-defaults.js';

test('defaultListMapKeys adds protocol TCP to Service and container ports, keeps explicit ones, does not mutate', () => {
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] } };
  assert.deepEqual((defaultListMapKeys(svc).spec as { ports: unknown[] }).ports, [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
  assert.equal((svc.spec.ports[0] as { protocol?: string }).protocol, undefined, 'the input is not changed');
  const cronJob = { apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 8080 }] }], initContainers: [{ name: 'i' }] } } } } } };
  const out = defaultListMapKeys(cronJob) as unknown as { spec: { jobTemplate: { spec: { template: { spec: { containers: { ports: unknown[] }[] } } } } } };
  assert.deepEqual(out.spec.jobTemplate.spec.template.spec.containers[0]?.ports, [{ containerPort: 8080, protocol: 'TCP' }]);
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { ports: 'a' } };
  assert.deepEqual(defaultListMapKeys(cm), cm);
});
