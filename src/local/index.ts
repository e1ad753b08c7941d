/**
 * local: gantry's embedded default. Finds (or asks the installer for) etcd, kube-apiserver and
 * kube-controller-manager, lays out a data directory, and starts a real control plane on loopback:
 * one etcd, a hub apiserver and one per spoke (each its own etcd prefix), with a controller-manager
 * each, plus the kubeconfig to reach them.
 */
export { findBinaries, cacheDir, KUBERNETES_VERSION } from './binaries.js';
export type { Binaries, BinarySearch } from './binaries.js';
export { dataLayout, defaultDataDir } from './layout.js';
export type { DataLayout } from './layout.js';
export { planPorts, listPorts, isPortFree, assertPortsFree, findFreeBase, DEFAULT_BASE_PORT } from './ports.js';
export type { PortPlan } from './ports.js';
export { startControlPlane } from './control-plane.js';
export type { ControlPlane, ControlPlaneOptions, LocalCluster } from './control-plane.js';
export { renderKubeconfig, contextName } from './kubeconfig.js';
export { startTestControlPlane } from './test-control-plane.js';
export {
  prepareDataDir,
  readInstanceState,
  writeInstanceState,
  isPidAlive,
  lockHolder,
  assertNotRunning,
  acquireLock,
} from './instance.js';
export type { InstanceState, InstancePhase } from './instance.js';
