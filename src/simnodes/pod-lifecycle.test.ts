import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../kube/index.js';
import { planPod, type PodAction, type PodContext } from './pod-lifecycle.js';

const nodes: PodContext['nodes'] = [
  { name: 'gantry-sim-0', labels: { 'kubernetes.io/os': 'linux' }, ip: '10.250.0.1' },
  { name: 'gantry-sim-1', labels: { 'kubernetes.io/os': 'linux', zone: 'b' }, ip: '10.250.0.2' },
];
const T0 = Date.parse('2026-11-23T10:00:00Z');

function pod(o: { nodeName?: string; image?: string; restartPolicy?: string; deleting?: boolean; status?: object; annotations?: Record<string, string>; nodeSelector?: Record<string, string>; probeDelay?: number }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'team', uid: 'u1', annotations: o.annotations, ...(o.deleting ? { deletionTimestamp: '2026-11-23T10:00:00Z' } : {}) },
    spec: {
      nodeName: o.nodeName,
      nodeSelector: o.nodeSelector,
      restartPolicy: o.restartPolicy,
      containers: [{ name: 'app', image: o.image ?? 'nginx:1.25', ...(o.probeDelay ? { readinessProbe: { initialDelaySeconds: o.probeDelay } } : {}) }],
    },
    status: o.status ?? { phase: 'Pending' },
  };
}

const conditionOf = (a: PodAction, type: string): string | undefined =>
  a.kind === 'status' ? (a.status.conditions as { type: string; status: string }[]).find((c) => c.type === type)?.status : undefined;

test('planPod decides the simulated scheduler and kubelet steps', () => {
  const running = { phase: 'Running', startTime: '2026-11-23T10:00:00Z', conditions: [
    { type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }, { type: 'ContainersReady', status: 'True' }, { type: 'PodScheduled', status: 'True' }] };
  const cases: { name: string; pod: KubeObject; now?: number; expect: (a: PodAction) => void }[] = [
    { name: 'pending pod is bound to a simulated node', pod: pod({}), expect: (a) => assert.ok(a.kind === 'bind' && nodes.some((n) => n.name === a.node)) },
    { name: 'nodeSelector narrows the nodes', pod: pod({ nodeSelector: { zone: 'b' } }), expect: (a) => assert.deepEqual(a, { kind: 'bind', node: 'gantry-sim-1' }) },
    { name: 'nodeSelector no node matches stays pending', pod: pod({ nodeSelector: { gpu: 'true' } }), expect: (a) => assert.deepEqual(a, { kind: 'none' }) },
    { name: 'pod on a real node is left alone', pod: pod({ nodeName: 'worker-7' }), expect: (a) => assert.deepEqual(a, { kind: 'none' }) },
    { name: 'bound pod becomes Running and Ready', pod: pod({ nodeName: 'gantry-sim-0' }), expect: (a) => {
      assert.equal(a.kind, 'status');
      assert.equal(a.kind === 'status' && a.status.phase, 'Running');
      assert.equal(conditionOf(a, 'Ready'), 'True');
      assert.equal(a.kind === 'status' && a.status.hostIP, '10.250.0.1');
    } },
    { name: 'readiness probe delay keeps it unready and requeues', pod: pod({ nodeName: 'gantry-sim-0', probeDelay: 5 }), expect: (a) => {
      assert.equal(conditionOf(a, 'Ready'), 'False');
      assert.equal(a.kind === 'status' && a.requeueAfterMs, 5000);
    } },
    { name: 'annotation delay overrides the probe', pod: pod({ nodeName: 'gantry-sim-0', probeDelay: 5, annotations: { 'gantry.io/sim-ready-after-ms': '250' } }), expect: (a) => assert.equal(a.kind === 'status' && a.requeueAfterMs, 250) },
    { name: 'a pod seen mid-second starts at the next whole second, so its delay is never short', now: T0 + 400, pod: pod({ nodeName: 'gantry-sim-0', annotations: { 'gantry.io/sim-ready-after-ms': '250' } }), expect: (a) => {
      assert.equal(a.kind === 'status' && a.status.startTime, '2026-11-23T10:00:01Z');
      assert.equal(a.kind === 'status' && a.requeueAfterMs, 850);
    } },
    { name: 'after the delay it is ready', now: T0 + 6000, pod: pod({ nodeName: 'gantry-sim-0', probeDelay: 5, status: { phase: 'Running', startTime: '2026-11-23T10:00:00Z' } }), expect: (a) => assert.equal(conditionOf(a, 'Ready'), 'True') },
    { name: 'failure marker crash-loops and is never ready', pod: pod({ nodeName: 'gantry-sim-0', image: 'shop/api:sim-fail' }), expect: (a) => {
      assert.equal(conditionOf(a, 'Ready'), 'False');
      const cs = a.kind === 'status' ? (a.status.containerStatuses as { state: { waiting?: { reason: string } } }[]) : [];
      assert.equal(cs[0]?.state.waiting?.reason, 'CrashLoopBackOff');
      assert.equal(a.kind === 'status' && a.requeueAfterMs, undefined);
    } },
    { name: 'an unchanged ready pod needs nothing', pod: pod({ nodeName: 'gantry-sim-0', status: running }), expect: (a) => assert.deepEqual(a, { kind: 'none' }) },
    { name: 'a deleting pod on a simulated node is removed', pod: pod({ nodeName: 'gantry-sim-0', deleting: true }), expect: (a) => assert.deepEqual(a, { kind: 'delete' }) },
    { name: 'a job pod runs then succeeds', now: T0 + 1500, pod: pod({ nodeName: 'gantry-sim-0', restartPolicy: 'Never', status: { phase: 'Running', startTime: '2026-11-23T10:00:00Z' } }), expect: (a) => assert.equal(a.kind === 'status' && a.status.phase, 'Succeeded') },
    { name: 'a job pod with the failure marker fails', now: T0 + 1500, pod: pod({ nodeName: 'gantry-sim-0', restartPolicy: 'OnFailure', image: 'x:sim-fail', status: { phase: 'Running', startTime: '2026-11-23T10:00:00Z' } }), expect: (a) => assert.equal(a.kind === 'status' && a.status.phase, 'Failed') },
    { name: 'a finished pod is left alone', pod: pod({ nodeName: 'gantry-sim-0', status: { phase: 'Succeeded' } }), expect: (a) => assert.deepEqual(a, { kind: 'none' }) },
  ];
  for (const c of cases) {
    const action = planPod(c.pod, { nodes, now: c.now ?? T0 });
    try {
      c.expect(action);
    } catch (e) {
      throw new Error(`${c.name}: ${(e as Error).message} (got ${JSON.stringify(action).slice(0, 300)})`);
    }
  }
});
