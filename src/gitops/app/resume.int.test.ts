import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { createSimulatedNodes } from '../../simnodes/index.js';
import { eventually } from '../../testkit/index.js';
import { createAppRig } from './int-rig.js';

// Each test starts (and stops) its own controllers; two simulated nodes make Deployments Healthy.
const rig = createAppRig({ name: 'resume', controller: false, alongside: (cluster, log) => [createSimulatedNodes({ cluster, count: 2, clock: systemClock, log })] });
const { suffix } = rig;
let hub: Cluster;
const push = rig.push;
const app = rig.getApp;

function appManifest(name: string, repoURL: string, ns: string, syncPolicy: Record<string, unknown>): KubeObject {
  return rig.application(name, { destNamespace: ns, source: { repoURL, path: 'app', targetRevision: 'main' }, syncPolicy });
}

before(async () => {
  ({ hub } = await rig.start());
});

after(() => rig.stop());

test('a controller restart mid-sync resumes the operation: later waves still run, hooks are not run twice', async () => {
  const ns = `resume-${suffix}`;
  const slow = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: slow\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: slow}\n  template:\n    metadata:\n      labels: {app: slow}\n      annotations: {gantry.io/sim-ready-after-ms: "4000"}\n    spec:\n      containers:\n      - name: main\n        image: nginx:1.25\n`;
  const hook = `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: prepare\n  annotations:\n    argocd.argoproj.io/hook: PreSync\nspec:\n  template:\n    metadata:\n      labels: {hook: prepare}\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: m\n        image: busybox\n`;
  const late = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after-slow\n  annotations:\n    argocd.argoproj.io/sync-wave: "1"\ndata:\n  a: "1"\n`;
  await push('resume', { 'app/slow.yaml': slow, 'app/hook.yaml': hook, 'app/late.yaml': late });
  const first = rig.createController();
  await first.start(rig.signal);
  await hub.api.apply(appManifest('resume', rig.git.url('resume'), ns, { automated: {}, syncOptions: ['CreateNamespace=true'] }));
  await eventually('wave 0 applied and waiting for health', async () => {
    const a = await app('resume');
    const applied = a?.status?.operationState?.syncResult?.resources?.some((r) => r.kind === 'Deployment' && r.status === 'Synced');
    return a?.status?.operationState?.phase === 'Running' && applied ? true : undefined;
  }, 30_000);
  await first.stop?.();
  assert.equal(await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'after-slow' }), undefined, 'wave 1 waits for wave 0 to be healthy');

  const second = rig.createController();
  await second.start(rig.signal);
  try {
    const done = await eventually('operation Succeeded after the restart', async () => {
      const a = await app('resume');
      return a?.status?.operationState?.phase === 'Succeeded' ? a : undefined;
    }, 40_000);
    assert.ok(await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'after-slow' }));
    const jobs = await hub.api.list('batch/v1', 'Job', { namespace: ns });
    assert.equal(jobs.items.length, 1, 'the PreSync hook ran once');
    const pods = await hub.api.list('v1', 'Pod', { namespace: ns, labelSelector: 'hook=prepare' });
    assert.equal(pods.items.length, 1, 'the hook Job was not re-created');
    assert.equal(done.status?.history?.length, 1);
  } finally {
    await second.stop?.();
  }
});

test('an unreachable git server and a failing apply keep what runs; retries follow the backoff', async () => {
  const ns = `retry-${suffix}`;
  const controller = rig.createController();
  await controller.start(rig.signal);
  try {
    await hub.api.apply(appManifest('unreachable', 'http://127.0.0.1:9/git/nothing.git', ns, { automated: {} }));
    const down = await eventually('ComparisonError for the unreachable repo', async () => {
      const a = await app('unreachable');
      return (a?.status?.conditions ?? []).find((c) => c.type === 'ComparisonError');
    }, 30_000);
    assert.match(down.message, /127\.0\.0\.1:9/);

    const bad = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: invalid\nspec:\n  replicas: 1\n`;
    await push('retry', { 'app/ok.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\ndata:\n  a: "1"\n`, 'app/bad.yaml': bad });
    await hub.api.apply(appManifest('retry', rig.git.url('retry'), ns, { automated: {}, syncOptions: ['CreateNamespace=true'], retry: { limit: 2, backoff: { duration: '1s', factor: 2, maxDuration: '5s' } } }));
    const failed = await eventually('sync Failed after 2 retries', async () => {
      const a = await app('retry');
      const s = a?.status?.operationState;
      return s?.phase === 'Failed' && s.retryCount === 2 ? s : undefined;
    }, 40_000);
    const invalid = failed.syncResult?.resources?.find((r) => r.name === 'invalid');
    assert.equal(invalid?.status, 'SyncFailed');
    assert.match(invalid?.message ?? '', /selector/);
  } finally {
    await controller.stop?.();
  }
});
