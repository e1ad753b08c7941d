import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../kube-object.js';
import { assessHealth, HOOK_FINALIZER } from './assess-health.js';
import { isWorseHealth, worstHealth, type Health } from './health-status.js';

interface Row {
  name: string;
  obj: KubeObject;
  want: Health | undefined;
}

const runningPod = (annotations: Record<string, string>, waiting?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', annotations },
  spec: { restartPolicy: 'Never' },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: waiting ? [{ name: 'c', state: { waiting: { reason: waiting, message: 'pull failed' } } }] : [],
  },
});

const rows: Row[] = [
  {
    name: 'an object being deleted is Progressing whatever its kind',
    obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', deletionTimestamp: '2024-01-01T00:00:00Z' } },
    want: { status: 'Progressing', message: 'Pending deletion' },
  },
  {
    name: 'a hook held by the hook finalizer is judged by its kind, not by its deletion',
    obj: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j', deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: [HOOK_FINALIZER] },
      status: { conditions: [{ type: 'Complete', status: 'True' }] },
    },
    want: { status: 'Healthy' },
  },
  { name: 'kinds without a check have no health', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, want: undefined },
  {
    name: 'an API version the built-in check does not know is Unknown',
    obj: { apiVersion: 'apps/v1beta2', kind: 'Deployment', metadata: { name: 'd' } },
    want: { status: 'Unknown', message: 'unsupported Deployment GVK: apps/v1beta2, Kind=Deployment' },
  },
  { name: 'a running Never pod is Progressing (it is probably a hook)', obj: runningPod({}), want: { status: 'Progressing' } },
  {
    name: 'ignore-restart-policy makes a ready Never pod Healthy',
    obj: runningPod({ 'argocd.argoproj.io/ignore-restart-policy': 'true' }),
    want: { status: 'Healthy' },
  },
  {
    name: 'ignore-restart-policy also lets a pull error degrade it',
    obj: runningPod({ 'argocd.argoproj.io/ignore-restart-policy': 'true' }, 'ImagePullBackOff'),
    want: { status: 'Degraded', message: 'pull failed' },
  },
  {
    name: 'ignore-restart-policy does not apply to hooks',
    obj: runningPod({ 'argocd.argoproj.io/ignore-restart-policy': 'true', 'argocd.argoproj.io/hook': 'PostSync' }),
    want: { status: 'Progressing' },
  },
  {
    name: 'an HPA that cannot read a metric is Degraded even when it can scale',
    obj: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h' },
      status: {
        conditions: [
          { type: 'AbleToScale', status: 'True', message: 'ok' },
          { type: 'ScalingActive', status: 'False', reason: 'FailedGetExternalMetric', message: 'no metric' },
        ],
      },
    },
    want: { status: 'Degraded', message: 'no metric' },
  },
  {
    name: 'a specific crossplane.io check wins over the wildcard',
    obj: { apiVersion: 's3.aws.crossplane.io/v1beta1', kind: 'Bucket', metadata: { name: 'b' } },
    want: { status: 'Progressing', message: 'Waiting for Bucket to be created' },
  },
  {
    name: 'any other crossplane.io kind gets the wildcard check',
    obj: { apiVersion: 'ec2.aws.crossplane.io/v1beta1', kind: 'VPC', metadata: { name: 'v' }, status: { conditions: [] } },
    want: { status: 'Progressing', message: 'Provisioning ...' },
  },
  {
    name: 'a Deployment past its progress deadline is Degraded',
    obj: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', generation: 2 },
      spec: { replicas: 1 },
      status: { observedGeneration: 2, conditions: [{ type: 'Progressing', reason: 'ProgressDeadlineExceeded' }] },
    },
    want: { status: 'Degraded', message: 'Deployment "web" exceeded its progress deadline' },
  },
];

for (const row of rows) {
  test(`assessHealth: ${row.name}`, () => {
    assert.deepEqual(assessHealth(row.obj), row.want);
  });
}

test('isWorseHealth follows Argo CD order: Healthy < Suspended < Progressing < Missing < Degraded < Unknown', () => {
  assert.equal(isWorseHealth('Healthy', 'Suspended'), true);
  assert.equal(isWorseHealth('Degraded', 'Missing'), false);
  assert.equal(isWorseHealth('Degraded', 'Unknown'), true);
});

test('worstHealth is Healthy for nothing and the worst value otherwise', () => {
  assert.deepEqual(worstHealth([]), { status: 'Healthy' });
  assert.deepEqual(worstHealth([{ status: 'Progressing' }, { status: 'Degraded', message: 'x' }, { status: 'Suspended' }]), {
    status: 'Degraded',
    message: 'x',
  });
});
