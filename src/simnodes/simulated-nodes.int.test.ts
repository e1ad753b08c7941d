import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../core/index.js';
import type { Cluster, KubeObject } from '../kube/index.js';
import type { Runnable } from '../runtime/index.js';
import { connectTestCluster, createTestNamespace, eventually, testLogger } from '../testkit/index.js';
import { FAIL_MARKER, READY_DELAY_ANNOTATION, RUN_DURATION_ANNOTATION, SIMULATED_NODE_LABEL, createSimulatedNodes } from './index.js';

// Simulated nodes with the run's real Deployment, ReplicaSet, Job and namespace controllers. The
// control plane of the test run runs no simulated nodes, so this file starts them, once: Nodes are
// cluster-scoped and their names fixed, so two nodes (gantry-sim-0 and -1) are registered and never
// deleted here (registering two also removes gantry-sim-2 and up, so surplus removal is not tested
// and any other file starting simulated nodes must use count 2). The tests run concurrently, each in
// its own namespace.

interface Condition {
  type: string;
  status: string;
  reason?: string;
}
interface ContainerStatus {
  name: string;
  ready: boolean;
  state: { running?: object; waiting?: { reason: string; message?: string }; terminated?: { reason: string; exitCode: number } };
}
interface PodView extends KubeObject {
  spec: { nodeName?: string };
  status?: { phase?: string; startTime?: string; conditions?: Condition[]; containerStatuses?: ContainerStatus[] };
}
interface WorkloadView extends KubeObject {
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number; succeeded?: number; conditions?: Condition[] };
}

let cluster: Cluster;
let nodes: Runnable;
const stopNodes = new AbortController();
/** Namespaces the tests leave behind, deleted while the simulated kubelet still removes their pods. */
const namespaces: { name: string; cleanup: () => Promise<void> }[] = [];

const conditionOf = (o: { status?: { conditions?: Condition[] } } | undefined, type: string): string | undefined =>
  o?.status?.conditions?.find((c) => c.type === type)?.status;

function deployment(name: string, namespace: string, o: { replicas: number; image: string; annotations?: Record<string, string> }): KubeObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, ...(o.annotations ? { annotations: o.annotations } : {}) },
        spec: { containers: [{ name: 'app', image: o.image }] },
      },
    },
  };
}

async function testNamespace(prefix: string): Promise<string> {
  const ns = await createTestNamespace(cluster, prefix);
  namespaces.push(ns);
  return ns.name;
}

async function podsOf(namespace: string, app: string): Promise<PodView[]> {
  return (await cluster.api.list<PodView>('v1', 'Pod', { namespace, labelSelector: `app=${app}` })).items;
}

/** One observed state of a pod, with when the watch delivered it. */
interface PodSighting {
  at: number;
  name: string;
  phase?: string;
  ready?: string;
}

/** Records every state of the namespace's pods as the watch delivers it, to time their transitions. */
async function recordPods(namespace: string): Promise<PodSighting[]> {
  const sightings: PodSighting[] = [];
  const informer = await cluster.cache.informer('v1', 'Pod', { namespace });
  informer.onChange((c) => {
    const pod = c.object as PodView;
    sightings.push({ at: Date.now(), name: pod.metadata.name ?? '', phase: pod.status?.phase, ready: conditionOf(pod, 'Ready') });
  });
  return sightings;
}

const firstSighting = (sightings: PodSighting[], what: string, match: (s: PodSighting) => boolean): PodSighting => {
  const found = sightings.find(match);
  assert.ok(found, `saw ${what} (saw ${JSON.stringify(sightings.map((s) => [s.phase, s.ready]))})`);
  return found;
};

const getDeployment = (namespace: string, name: string): Promise<WorkloadView | undefined> =>
  cluster.api.get<WorkloadView>({ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name });

describe('simulated nodes', { concurrency: true }, () => {
  before(async () => {
    cluster = await connectTestCluster();
    nodes = createSimulatedNodes({ cluster, count: 2, clock: systemClock, log: testLogger() });
    await nodes.start(stopNodes.signal);
  });

  after(async () => {
    // Delete the namespaces while pods can still be removed, or they would stay Terminating.
    await Promise.all(namespaces.map((ns) => ns.cleanup().then(() => waitForNamespaceGone(ns.name)).catch(() => undefined)));
    stopNodes.abort();
    await nodes.stop?.();
    cluster.close();
  });

  test('registers Ready nodes labelled as simulated', async () => {
    const list = await cluster.api.list('v1', 'Node', { labelSelector: `${SIMULATED_NODE_LABEL}=true` });
    const names = list.items.map((n) => n.metadata.name);
    assert.ok(names.includes('gantry-sim-0') && names.includes('gantry-sim-1'), `nodes gantry-sim-0 and -1 exist (got ${names.join(', ')})`);
    const node = await cluster.api.get<WorkloadView>({ apiVersion: 'v1', kind: 'Node', name: 'gantry-sim-0' });
    assert.equal(conditionOf(node, 'Ready'), 'True');
  });

  test('a Deployment of 3 replicas becomes Available through the real controllers', async () => {
    const ns = await testNamespace('sim-deploy');
    await cluster.api.apply(deployment('web', ns, { replicas: 3, image: 'nginx:1.25' }));
    const live = await eventually(
      'Deployment web to have 3 ready replicas and be Available',
      async () => {
        const d = await getDeployment(ns, 'web');
        return d?.status?.readyReplicas === 3 && d.status.availableReplicas === 3 && conditionOf(d, 'Available') === 'True' ? d : undefined;
      },
      45_000,
    );
    assert.equal(live.status?.replicas, 3);
    const pods = await podsOf(ns, 'web');
    assert.equal(pods.length, 3);
    for (const pod of pods) {
      const where = `pod ${pod.metadata.name}`;
      assert.match(pod.spec.nodeName ?? '', /^gantry-sim-[01]$/, `${where} is bound to a simulated node`);
      assert.equal(pod.status?.phase, 'Running', where);
      assert.equal(conditionOf(pod, 'Ready'), 'True', where);
      assert.equal(conditionOf(pod, 'PodScheduled'), 'True', where);
      const [container] = pod.status?.containerStatuses ?? [];
      assert.equal(container?.name, 'app', where);
      assert.equal(container?.ready, true, where);
      assert.ok(container?.state.running, `${where} reports its container running`);
      assert.equal(pod.metadata.ownerReferences?.[0]?.kind, 'ReplicaSet', `${where} was made by the ReplicaSet controller`);
    }
  });

  test(`a Deployment whose image ends in ${FAIL_MARKER} crash-loops and never becomes available`, async () => {
    const ns = await testNamespace('sim-fail');
    await cluster.api.apply(deployment('broken', ns, { replicas: 1, image: `shop/api${FAIL_MARKER}` }));
    await eventually(
      'the pod of broken to be in CrashLoopBackOff',
      async () => ((await podsOf(ns, 'broken'))[0]?.status?.containerStatuses?.[0]?.state.waiting?.reason === 'CrashLoopBackOff' ? true : undefined),
      30_000,
    );
    // Give the controllers time to (wrongly) count it as available.
    await sleep(3000);
    const [pod] = await podsOf(ns, 'broken');
    assert.equal(pod?.status?.phase, 'Running');
    assert.equal(conditionOf(pod, 'Ready'), 'False');
    assert.equal(pod?.status?.containerStatuses?.[0]?.ready, false);
    assert.equal(pod?.status?.containerStatuses?.[0]?.state.waiting?.reason, 'CrashLoopBackOff');
    const d = await getDeployment(ns, 'broken');
    assert.equal(d?.status?.readyReplicas ?? 0, 0);
    assert.equal(d?.status?.availableReplicas ?? 0, 0);
    assert.equal(conditionOf(d, 'Available'), 'False');
  });

  test(`the ${READY_DELAY_ANNOTATION} annotation keeps a pod unready for that long, then it becomes ready`, async () => {
    const ns = await testNamespace('sim-delay');
    const sightings = await recordPods(ns);
    const delayMs = 3000;
    await cluster.api.apply(deployment('slow', ns, { replicas: 1, image: 'nginx:1.25', annotations: { [READY_DELAY_ANNOTATION]: String(delayMs) } }));
    await eventually('Deployment slow to be available', async () => ((await getDeployment(ns, 'slow'))?.status?.availableReplicas === 1 ? true : undefined), 30_000);
    const running = firstSighting(sightings, 'the pod Running', (s) => s.phase === 'Running');
    assert.equal(running.ready, 'False', 'first Running, not Ready');
    const ready = firstSighting(sightings, 'the pod Ready', (s) => s.ready === 'True');
    // The watch delivers both states with the same small lag, so 100 ms covers it.
    const unreadyMs = ready.at - running.at;
    assert.ok(unreadyMs >= delayMs - 100, `Running but unready for at least ${delayMs} ms (was ${unreadyMs} ms)`);
    assert.ok(unreadyMs < delayMs + 2000, `ready soon after ${delayMs} ms (took ${unreadyMs} ms)`);
  });

  test('a Job completes: its pod (restartPolicy Never) succeeds after its run duration', async () => {
    const ns = await testNamespace('sim-job');
    const sightings = await recordPods(ns);
    const runMs = 1500;
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'once', namespace: ns },
      spec: {
        backoffLimit: 0,
        template: {
          metadata: { labels: { app: 'once' }, annotations: { [RUN_DURATION_ANNOTATION]: String(runMs) } },
          spec: { restartPolicy: 'Never', containers: [{ name: 'task', image: 'busybox:1.36' }] },
        },
      },
    };
    await cluster.api.apply(job);
    const done = await eventually('Job once to succeed', async () => {
      const live = await cluster.api.get<WorkloadView>({ apiVersion: 'batch/v1', kind: 'Job', namespace: ns, name: 'once' });
      return live?.status?.succeeded === 1 ? live : undefined;
    }, 45_000);
    await eventually('Job once to be Complete', async () => {
      const live = await cluster.api.get<WorkloadView>({ apiVersion: 'batch/v1', kind: 'Job', namespace: ns, name: 'once' });
      return conditionOf(live, 'Complete') === 'True' ? true : undefined;
    }, 15_000);
    assert.equal(done.status?.succeeded, 1);
    const pods = await podsOf(ns, 'once');
    assert.equal(pods.length, 1, 'one pod ran');
    assert.equal(pods[0]?.status?.phase, 'Succeeded');
    assert.equal(pods[0]?.status?.containerStatuses?.[0]?.state.terminated?.reason, 'Completed');
    const running = firstSighting(sightings, 'the pod Running', (s) => s.phase === 'Running');
    const succeeded = firstSighting(sightings, 'the pod Succeeded', (s) => s.phase === 'Succeeded');
    const ranMs = succeeded.at - running.at;
    assert.ok(ranMs >= runMs - 100, `Running for at least ${runMs} ms before it succeeded (was ${ranMs} ms)`);
  });

  test('a deleted pod and a deleted namespace with pods go away, as the simulated kubelet removes terminating pods', async () => {
    const ns = await createTestNamespace(cluster, 'sim-ns');
    await cluster.api.apply(deployment('web', ns.name, { replicas: 2, image: 'nginx:1.25' }));
    const pods = await eventually('2 running pods', async () => {
      const list = await podsOf(ns.name, 'web');
      return list.length === 2 && list.every((p) => conditionOf(p, 'Ready') === 'True') ? list : undefined;
    }, 30_000);

    // A bound pod is deleted gracefully (30 s by default); only a kubelet removes it before that.
    const victim = pods[0]?.metadata.name ?? '';
    const podTarget = { apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name: victim };
    const deletedAt = Date.now();
    assert.equal(await cluster.api.delete(podTarget), true);
    await eventually(`pod ${victim} to be removed`, async () => ((await cluster.api.get(podTarget)) === undefined ? true : undefined), 10_000);
    assert.ok(Date.now() - deletedAt < 10_000, 'removed well before its grace period ends');

    await ns.cleanup();
    await waitForNamespaceGone(ns.name);
  });
});

async function waitForNamespaceGone(name: string): Promise<void> {
  const target = { apiVersion: 'v1', kind: 'Namespace', name };
  await eventually(`namespace ${name} to be gone`, async () => ((await cluster.api.get(target)) === undefined ? true : undefined), 60_000);
}
