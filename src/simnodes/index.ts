/**
 * simnodes: simulated nodes for the embedded control plane, which has no kubelet. Like the
 * Kubernetes SIG project kwok, it registers Nodes and plays scheduler and kubelet for pods: binds
 * them, reports them Running and Ready (after readiness delays), fails containers whose image ends
 * in `:sim-fail`, completes run-to-completion pods and removes deleted ones. No container runs.
 */
export { createSimulatedNodes } from './simulated-nodes.js';
export type { SimulatedNodesOptions } from './simulated-nodes.js';
export { planPod, FAIL_MARKER, READY_DELAY_ANNOTATION, RUN_DURATION_ANNOTATION } from './pod-lifecycle.js';
export type { PodAction, PodContext } from './pod-lifecycle.js';
export { simulatedNode, simulatedNodeName, simulatedNodeStatus, SIMULATED_NODE_LABEL } from './node-manifest.js';
