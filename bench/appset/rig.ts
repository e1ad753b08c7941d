import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Logger } from '../../src/core/index.js';
import { connectCluster, loadKubeConfig, type Cluster } from '../../src/kube/index.js';
import { findBinaries, findFreeBase, planPorts, startControlPlane, type ControlPlane } from '../../src/local/index.js';
import type { Cleanup } from '../lib/cleanup.js';
import type { SpokeEndpoint } from './fleet.js';

/** A fresh local control plane (no spokes, no simulated nodes) and connections to it. */
export interface AppSetRig {
  controlPlane: ControlPlane;
  /** The hub's own endpoint and credentials, registered as every pretend spoke (so connection checks are real). */
  endpoint: SpokeEndpoint;
  /** Opens a connection to the hub (its own watch cache), closed at clean-up. */
  connect(name: string): Promise<Cluster>;
}

const START_ATTEMPTS = 3;

/** Starts the rig in a temporary folder; every part is registered with the clean-up stack at once. */
export async function startAppSetRig(o: { cleanup: Cleanup; log: Logger; progress: (line: string) => void }): Promise<AppSetRig> {
  const dir = await mkdtemp(join(tmpdir(), 'gantry-bench-appset-'));
  o.cleanup.add(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  const binaries = findBinaries({ env: process.env });
  if (!binaries.ok) throw new Error(binaries.error);
  let controlPlane: ControlPlane | undefined;
  for (let attempt = 1; !controlPlane; attempt++) {
    const ports = planPorts(await findFreeBase(4), []);
    const starting = startControlPlane({ dataDir: join(dir, `control-plane-${attempt}`), binaries: binaries.value, ports, spokes: [], clock: systemClock, log: o.log });
    o.cleanup.add('stop the control plane', async () => (await starting.catch(() => undefined))?.stop());
    try {
      controlPlane = await starting;
    } catch (error) {
      // Free ports are found before they are bound; on a shared machine another process may take one first.
      if (attempt >= START_ATTEMPTS || !/address already in use/.test(String((error as Error).message))) throw error;
    }
  }
  o.progress(`control plane up: ${controlPlane.hub.server}`);
  const plane = controlPlane;
  const kc = loadKubeConfig({ path: plane.kubeconfigPath });
  return {
    controlPlane: plane,
    endpoint: { server: kc.getCurrentCluster()?.server ?? '', ca: kc.getCurrentCluster()?.caData ?? '', token: kc.getCurrentUser()?.token ?? '' },
    async connect(name) {
      const cluster = await connectCluster({ kubeconfig: { path: plane.kubeconfigPath }, name, clock: systemClock, log: o.log });
      o.cleanup.add(`close the ${name} connection`, () => cluster.close());
      return cluster;
    },
  };
}
