import { formatNameKey, parseNameKey, type Clock, type Logger } from '../core/index.js';
import { resourcePath, type Cluster, type Informer, type KubeObject } from '../kube/index.js';
import { createController, type Controller, type ReconcileResult, type Runnable } from '../runtime/index.js';
import { SIMULATED_NODE_LABEL, simulatedNode, simulatedNodeName, simulatedNodeStatus } from './node-manifest.js';
import { planPod, type PodAction, type PodContext } from './pod-lifecycle.js';

/** Options of the simulated nodes of one cluster. */
export interface SimulatedNodesOptions {
  cluster: Cluster;
  count: number;
  clock: Clock;
  log: Logger;
  workers?: number;
}

/**
 * Simulated nodes for a control plane without kubelets, as the Kubernetes SIG project kwok does:
 * registers `count` Nodes and runs a controller that binds pending pods to them and writes the status
 * a kubelet would. No container runs. Only for the embedded control plane, never a real cluster.
 */
export function createSimulatedNodes(options: SimulatedNodesOptions): Runnable {
  const { cluster, clock } = options;
  const log = options.log.child({ cluster: cluster.name, component: 'simulated-nodes' });
  let pods: Informer | undefined;
  let nodes: PodContext['nodes'] = [];
  const controller: Controller = createController({
    name: `simulated-nodes/${cluster.name}`,
    workers: options.workers ?? 4,
    clock,
    log,
    reconcile: (key) => reconcilePod(key),
  });

  const reconcilePod = async (key: string): Promise<ReconcileResult> => {
    const { namespace, name } = parseNameKey(key);
    const pod = pods?.get(namespace, name);
    if (!pod) return {};
    const action = planPod(pod, { nodes, now: clock.now() });
    await act(cluster, pod, action);
    return 'requeueAfterMs' in action ? { requeueAfterMs: action.requeueAfterMs } : {};
  };

  return {
    name: `simulated-nodes/${cluster.name}`,
    async start(signal) {
      nodes = await registerNodes(cluster, options.count, clock);
      log.info('simulated nodes registered; no containers run on them', { count: nodes.length });
      pods = await cluster.cache.informer('v1', 'Pod');
      pods.onChange((c) => controller.enqueue(formatNameKey(c.object.metadata.namespace, c.object.metadata.name ?? '')));
      for (const pod of pods.list()) controller.enqueue(formatNameKey(pod.metadata.namespace, pod.metadata.name ?? ''));
      await controller.start(signal);
    },
    stop: () => controller.stop(),
  };
}

async function registerNodes(cluster: Cluster, count: number, clock: Clock): Promise<PodContext['nodes']> {
  const nowIso = new Date(clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  const out: PodContext['nodes'] = [];
  for (let i = 0; i < count; i++) {
    const node = simulatedNode(i);
    await cluster.api.apply(node, { fieldManager: 'gantry-simulated-nodes' });
    const status = simulatedNodeStatus(i, nowIso);
    await cluster.api.patch({ apiVersion: 'v1', kind: 'Node', name: simulatedNodeName(i) }, { status }, { type: 'merge', subresource: 'status' });
    const ip = (status.addresses as { address: string }[])[0]?.address ?? '';
    out.push({ name: simulatedNodeName(i), labels: node.metadata.labels ?? {}, ip });
  }
  await removeSurplusNodes(cluster, count);
  return out;
}

async function removeSurplusNodes(cluster: Cluster, count: number): Promise<void> {
  const list = await cluster.api.list('v1', 'Node', { labelSelector: `${SIMULATED_NODE_LABEL}=true` });
  const keep = new Set(Array.from({ length: count }, (_, i) => simulatedNodeName(i)));
  for (const node of list.items) {
    if (!keep.has(node.metadata.name ?? '')) await cluster.api.delete({ apiVersion: 'v1', kind: 'Node', name: node.metadata.name ?? '' });
  }
}

async function act(cluster: Cluster, pod: KubeObject, action: PodAction): Promise<void> {
  const target = { apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name ?? '' };
  if (action.kind === 'bind') {
    const res = await cluster.api.discovery.resolve('v1', 'Pod');
    const path = resourcePath(res, { namespace: target.namespace, name: target.name, subresource: 'binding' });
    const body = { apiVersion: 'v1', kind: 'Binding', metadata: { name: target.name }, target: { apiVersion: 'v1', kind: 'Node', name: action.node } };
    await cluster.api.client.request({ method: 'POST', path, body, what: `bind pod ${target.namespace}/${target.name}` }).catch((e: unknown) => {
      // Another scheduler (or simulated-nodes instance) bound it first: the pod is placed either way.
      if ((e as Error).name !== 'ConflictError') throw e;
    });
  } else if (action.kind === 'status') {
    await cluster.api.patch(target, { status: action.status }, { type: 'merge', subresource: 'status' });
  } else if (action.kind === 'delete') {
    const res = await cluster.api.discovery.resolve('v1', 'Pod');
    const path = resourcePath(res, { namespace: target.namespace, name: target.name });
    await cluster.api.client
      .request({ method: 'DELETE', path, body: { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0 }, what: `remove pod ${target.name}` })
      .catch((e: unknown) => ((e as Error).name === 'NotFoundError' ? undefined : Promise.reject(e)));
  }
}
