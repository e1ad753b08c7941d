import type { KubeObject } from '../kube/index.js';

/** The label every simulated node carries, so gantry never touches real nodes. */
export const SIMULATED_NODE_LABEL = 'gantry.io/simulated-node';

/** The name of the i-th simulated node. */
export function simulatedNodeName(index: number): string {
  return `gantry-sim-${index}`;
}

/** A Node object for a simulated node: labelled, with room for many pods. */
export function simulatedNode(index: number): KubeObject {
  const name = simulatedNodeName(index);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        [SIMULATED_NODE_LABEL]: 'true',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        type: 'kwok',
      },
      annotations: { 'gantry.io/simulated': 'no containers run on this node; pods are simulated' },
    },
    spec: {},
  };
}

/** The status a kubelet would report for a simulated node: Ready, with capacity and an address. */
export function simulatedNodeStatus(index: number, nowIso: string): Record<string, unknown> {
  const capacity = { cpu: '32', memory: '256Gi', pods: '250', 'ephemeral-storage': '1Ti' };
  const condition = (type: string, status: string, reason: string): Record<string, string> => ({
    type,
    status,
    reason,
    message: reason,
    lastHeartbeatTime: nowIso,
    lastTransitionTime: nowIso,
  });
  return {
    capacity,
    allocatable: capacity,
    phase: 'Running',
    addresses: [
      { type: 'InternalIP', address: `10.250.${Math.floor(index / 250)}.${(index % 250) + 1}` },
      { type: 'Hostname', address: simulatedNodeName(index) },
    ],
    conditions: [
      condition('Ready', 'True', 'KubeletReady'),
      condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory'),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure'),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID'),
    ],
    nodeInfo: {
      kubeletVersion: 'v1.20.2-gantry-sim',
      kubeProxyVersion: 'v1.20.2-gantry-sim',
      containerRuntimeVersion: 'gantry-sim://0',
      operatingSystem: 'linux',
      architecture: 'amd64',
      osImage: 'simulated (no containers run)',
      kernelVersion: '',
      machineID: '',
      systemUUID: '',
      bootID: '',
    },
  };
}
