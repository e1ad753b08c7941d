import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { eventually } from '../../testkit/index.js';
import type { ApplicationSet } from '../types.js';
import { startAppSetRig, type AppSetRig } from './appset-rig.js';

// The Application controller does not run here: the test writes each Application's sync and
// health status as it would, and watches what the ApplicationSet controller does in reply.
const ns = `gantry-rolling-${randomBytes(3).toString('hex')}`;
const API = 'argoproj.io/v1alpha1';
let hub: Cluster;
let rig: AppSetRig;

const target = (name: string): { apiVersion: string; kind: string; namespace: string; name: string } => ({ apiVersion: API, kind: 'Application', namespace: ns, name });
const getApp = async (name: string): Promise<KubeObject> => (await hub.api.get(target(name))) as KubeObject;

async function setStatus(name: string, sync: string, health: string, phase?: string): Promise<void> {
  const status = { sync: { status: sync, revision: 'c0ffee' }, health: { status: health }, ...(phase ? { operationState: { phase } } : {}) };
  await hub.api.patch(target(name), { status, ...(phase === 'Succeeded' ? { operation: null } : {}) }, { type: 'merge' });
}

function appStatuses(a: ApplicationSet): string[] {
  return (a.status?.applicationStatus ?? []).map((s) => `${s.application}:${s.status}:${s.step}`).sort();
}

function waitStatuses(want: string[]): Promise<ApplicationSet> {
  return eventually(`applicationStatus ${want.join(' ')}`, async () => {
    const a = (await hub.api.get({ apiVersion: API, kind: 'ApplicationSet', namespace: ns, name: 'rollout' })) as ApplicationSet;
    if (JSON.stringify(appStatuses(a)) === JSON.stringify(want)) return a;
    throw new Error(`has ${appStatuses(a).join(' ')}`);
  });
}

before(async () => {
  rig = await startAppSetRig({ namespace: ns, projects: ['default'] });
  hub = rig.hub;
});

after(() => rig.stop());

test('RollingSync: automated sync withheld, step 1 synced first, step 2 only after step 1 is Healthy', async () => {
  await hub.api.apply({
    apiVersion: API,
    kind: 'ApplicationSet',
    metadata: { name: 'rollout', namespace: ns },
    spec: {
      generators: [{ list: { elements: [{ name: 'dev-a', env: 'dev' }, { name: 'dev-b', env: 'dev' }, { name: 'prod-a', env: 'prod' }] } }],
      strategy: { type: 'RollingSync', rollingSync: { steps: [{ matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }], maxUpdate: '50%' }, { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }] } },
      template: {
        metadata: { name: '{{name}}', labels: { env: '{{env}}' } },
        spec: { project: 'default', source: { repoURL: 'https://example.com/r.git', path: '{{name}}' }, destination: { server: 'https://kubernetes.default.svc', namespace: '{{name}}' }, syncPolicy: { automated: { prune: true } } },
      },
    },
  });
  const names = ['dev-a', 'dev-b', 'prod-a'];
  await eventually('three Applications', async () => ((await hub.api.list(API, 'Application', { namespace: ns })).items.length === 3 ? true : undefined));
  for (const n of names) assert.equal(((await getApp(n))['spec'] as { syncPolicy?: { automated?: unknown } }).syncPolicy?.automated, undefined, `${n} has no automated sync`);
  for (const n of names) await setStatus(n, 'OutOfSync', 'Missing');

  // maxUpdate 50% of two: one dev Application at a time.
  await waitStatuses(['dev-a:Pending:1', 'dev-b:Waiting:1', 'prod-a:Waiting:2']);
  const devA = await eventually('dev-a sync requested', async () => ((await getApp('dev-a'))['operation'] ? getApp('dev-a') : undefined));
  assert.deepEqual((devA['operation'] as { sync: unknown; initiatedBy: unknown }).initiatedBy, { username: 'applicationset-controller', automated: true });
  assert.equal((await getApp('prod-a'))['operation'], undefined);

  await setStatus('dev-a', 'Synced', 'Healthy', 'Succeeded');
  await waitStatuses(['dev-a:Healthy:1', 'dev-b:Pending:1', 'prod-a:Waiting:2']);
  assert.equal((await getApp('prod-a'))['operation'], undefined, 'step 2 waits while step 1 is not all Healthy');
  await eventually('dev-b sync requested', async () => ((await getApp('dev-b'))['operation'] ? true : undefined));
  await setStatus('dev-b', 'Synced', 'Progressing', 'Succeeded');
  await waitStatuses(['dev-a:Healthy:1', 'dev-b:Progressing:1', 'prod-a:Waiting:2']);
  await setStatus('dev-b', 'Synced', 'Healthy', 'Succeeded');
  await eventually('prod-a sync requested', async () => ((await getApp('prod-a'))['operation'] ? true : undefined));
  const rolling = await waitStatuses(['dev-a:Healthy:1', 'dev-b:Healthy:1', 'prod-a:Pending:2']);
  assert.equal(rolling.status?.conditions?.find((c) => c.type === 'RolloutProgressing')?.message, 'ApplicationSet is performing rollout of step 2');
  await setStatus('prod-a', 'Synced', 'Healthy', 'Succeeded');
  const done = await waitStatuses(['dev-a:Healthy:1', 'dev-b:Healthy:1', 'prod-a:Healthy:2']);
  await eventually('rollout complete', async () => {
    const a = (await hub.api.get({ apiVersion: API, kind: 'ApplicationSet', namespace: ns, name: 'rollout' })) as ApplicationSet;
    return a.status?.conditions?.find((c) => c.type === 'RolloutProgressing')?.reason === 'ApplicationSetRolloutComplete' ? true : undefined;
  });
  assert.ok(done);
});
