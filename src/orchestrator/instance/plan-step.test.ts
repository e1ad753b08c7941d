import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/index.js';
import { createCelEvaluator } from '../cel/evaluate.js';
import { adaptCelEvaluator } from './kro-evaluator.js';
import { buildInstanceStatus } from './instance-status.js';
import { INSTANCE_NAME_LABEL, NODE_ANNOTATION, NODE_ID_LABEL, nodeIdOf, COLLECTION_INDEX_LABEL } from './labels.js';
import { planInstanceStep, type InstanceStep } from './plan-step.js';
import { field, graphOf, instanceOf, resource, sampleGraph } from './testdata.js';

const evaluator = adaptCelEvaluator(createCelEvaluator());
const spec = { name: 'web', replicas: 2, expose: true };

function step(observed: Record<string, KubeObject[]>, s: Record<string, unknown> = spec, graph = sampleGraph()): InstanceStep {
  return planInstanceStep({ graph, instance: instanceOf(s), observed: new Map(Object.entries(observed)), evaluator });
}

/** The live copy of a desired object, with whatever status the test gives it. */
function live(stepResult: InstanceStep, id: string, extra: Record<string, unknown> = {}): KubeObject {
  const desired = stepResult.apply.find((a) => a.id === id)?.object;
  assert.ok(desired, `${id} should be applied`);
  return { ...desired, ...extra };
}

const phases = (s: InstanceStep): Record<string, string> => Object.fromEntries(s.resources.map((r) => [r.id, r.phase]));

test('first step applies only what depends on the instance alone; dependants wait', () => {
  const s = step({});
  assert.deepEqual(s.apply.map((a) => a.id), ['config']);
  assert.deepEqual(phases(s), { config: 'WaitingForReadiness', deploy: 'Waiting', service: 'Waiting' });
  const cm = s.apply[0]?.object as KubeObject;
  assert.equal(cm.metadata.name, 'web-config');
  assert.equal(cm.metadata.namespace, 'team-a', 'namespaced children default to the instance namespace');
  assert.equal(cm.metadata.labels?.[INSTANCE_NAME_LABEL], 'demo');
  assert.equal(cm.metadata.labels?.[NODE_ID_LABEL], nodeIdOf('config'));
  assert.equal(cm.metadata.annotations?.[NODE_ANNOTATION], 'config');
  assert.match(s.resources[1]?.message ?? '', /waiting for config/);
});

test('readyWhen gates dependants: a ConfigMap without the awaited data holds the Deployment back', () => {
  const first = step({});
  const notReady = step({ config: [live(first, 'config', { data: { greeting: 'not yet' } })] });
  assert.deepEqual(notReady.apply.map((a) => a.id), ['config']);
  assert.equal(phases(notReady).deploy, 'Waiting');
  const ready = step({ config: [live(first, 'config')] });
  assert.deepEqual(ready.apply.map((a) => a.id), ['config', 'deploy']);
  const deploy = ready.apply[1]?.object as unknown as { spec: { replicas: number; template: { spec: { containers: { env: { value: string }[] }[] } } } };
  assert.equal(deploy.spec.replicas, 2, 'an int stays an int');
  assert.equal(deploy.spec.template.spec.containers[0]?.env[0]?.value, 'web-config', 'reads the live ConfigMap');
});

test('all ready: ACTIVE with projected status; not yet: IN_PROGRESS with the waiting resource named', () => {
  const s1 = step({});
  const cm = live(s1, 'config');
  const s2 = step({ config: [cm] });
  const deployLive = live(s2, 'deploy', { status: { availableReplicas: 1 } });
  const s3 = step({ config: [cm], deploy: [deployLive] });
  const graph = sampleGraph();
  const status3 = buildInstanceStatus({ graph, resources: s3.resources, variables: s3.variables, evaluator, failures: [], now: 't1', generation: 1 });
  assert.equal(status3.state, 'IN_PROGRESS');
  assert.equal(status3.availableReplicas, 1);
  const cond = (status3.conditions as { type: string; status: string; message: string }[]).find((c) => c.type === 'ResourcesReady');
  assert.equal(cond?.status, 'False');
  assert.match(cond?.message ?? '', /deploy: readyWhen/);
  const s4 = step({ config: [cm], deploy: [live(s2, 'deploy', { status: { availableReplicas: 2 } })] });
  const s5 = step({ config: [cm], deploy: [live(s2, 'deploy', { status: { availableReplicas: 2 } })], service: [live(s4, 'service')] });
  const status5 = buildInstanceStatus({ graph, resources: s5.resources, variables: s5.variables, evaluator, failures: [], now: 't2', previous: { conditions: status3.conditions as never }, generation: 1 });
  assert.equal(status5.state, 'ACTIVE');
  assert.equal(status5.url, 'http://web');
  const ready = (status5.conditions as { type: string; status: string; lastTransitionTime: string }[]);
  assert.deepEqual(ready.map((c) => `${c.type}=${c.status}`), ['InstanceManaged=True', 'GraphResolved=True', 'ResourcesReady=True', 'Ready=True']);
  assert.equal(ready[0]?.lastTransitionTime, 't1', 'an unchanged condition keeps its transition time');
  assert.equal(ready[2]?.lastTransitionTime, 't2');
});

test('includeWhen false excludes the resource and prunes its live object; a flip back re-creates it', () => {
  const s1 = step({});
  const cm = live(s1, 'config');
  const d = live(step({ config: [cm] }), 'deploy', { status: { availableReplicas: 2 } });
  const withService = step({ config: [cm], deploy: [d] });
  const svc = live(withService, 'service');
  const off = step({ config: [cm], deploy: [d], service: [svc] }, { ...spec, expose: false });
  assert.equal(phases(off).service, 'Excluded');
  assert.deepEqual(off.prune.map((o) => o.metadata.name), ['web']);
  assert.equal(off.prune[0]?.kind, 'Service');
  assert.ok(!off.apply.some((a) => a.id === 'service'));
  const status = buildInstanceStatus({ graph: sampleGraph(), resources: off.resources, variables: off.variables, evaluator, failures: [], now: 't' });
  assert.equal(status.state, 'ACTIVE', 'an excluded resource does not hold the instance back');
  const back = step({ config: [cm], deploy: [d] });
  assert.ok(back.apply.some((a) => a.id === 'service'), 'flipped back on, the Service is applied again');
});

test('dependants of an excluded resource are excluded too', () => {
  const graph = sampleGraph();
  const extra = resource({ id: 'route', template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'route' } }, fields: [field('data.svc', 'service.metadata.name', ['service'])], dependencies: ['service'] });
  const g = graphOf([...graph.resources, extra]);
  const s = step({}, { ...spec, expose: false }, g);
  assert.equal(phases(s).route, 'Excluded');
  assert.match(s.resources.find((r) => r.id === 'route')?.message ?? '', /depends on service/);
});

test('a pending expression waits, and never prunes what exists; a real error is ERROR naming the resource and expression', () => {
  const s = step({}, { replicas: 2, expose: true });
  assert.equal(phases(s).config, 'Waiting', 'schema.spec.name is missing: waits for data');
  const bad = graphOf([resource({ id: 'cm', template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, fields: [field('data.n', 'schema.spec.replicas / 0', ['schema'])] })]);
  const failed = step({}, spec, bad);
  assert.equal(phases(failed).cm, 'Error');
  assert.match(failed.resources[0]?.message ?? '', /resource cm: expression \$\{schema\.spec\.replicas \/ 0\}/);
  const status = buildInstanceStatus({ graph: bad, resources: failed.resources, variables: failed.variables, evaluator, failures: [], now: 't' });
  assert.equal(status.state, 'ERROR');
});

test('forEach expands into one object per element with collection labels, and prunes a dropped element', () => {
  const g = graphOf([
    resource({
      id: 'configs',
      template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '' }, data: { region: '' } },
      forEach: [{ name: 'region', expression: 'schema.spec.regions' }],
      fields: [field('metadata.name', 'schema.spec.name + "-" + region', ['schema'], false), field('data.region', 'region', [])],
    }),
  ], [field('status.names', 'configs.map(c, c.metadata.name)', ['configs'])]);
  const s = step({}, { name: 'web', regions: ['eu', 'us'] }, g);
  assert.deepEqual(s.apply.map((a) => a.object.metadata.name), ['web-eu', 'web-us']);
  assert.equal(s.apply[1]?.object.metadata.labels?.[COLLECTION_INDEX_LABEL], '1');
  const liveItems = s.apply.map((a) => a.object);
  const shrunk = step({ configs: liveItems }, { name: 'web', regions: ['us'] }, g);
  assert.deepEqual(shrunk.prune.map((o) => o.metadata.name), ['web-eu']);
  const status = buildInstanceStatus({ graph: g, resources: s.resources, variables: step({ configs: liveItems }, { name: 'web', regions: ['eu', 'us'] }, g).variables, evaluator, failures: [], now: 't' });
  assert.deepEqual(status.names, ['web-eu', 'web-us']);
});

test('children of ids the graph no longer has are pruned; cluster-scoped children get no namespace', () => {
  const g = graphOf([resource({ id: 'ns', namespaced: false, template: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: '' } }, fields: [field('metadata.name', 'schema.spec.name', ['schema'])] })]);
  const stale: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'old', namespace: 'team-a' } };
  const s = step({ gone: [stale] }, spec, g);
  assert.equal(s.apply[0]?.object.metadata.namespace, undefined);
  assert.deepEqual(s.prune, [stale]);
});
