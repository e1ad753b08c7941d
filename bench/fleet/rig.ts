import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Logger } from '../../src/core/index.js';
import { createFleetController, createKubernetesRegistrationStore, type RegistrationStore } from '../../src/fleet/index.js';
import { connectCluster, loadKubeConfig, type Cluster } from '../../src/kube/index.js';
import { findBinaries, findFreeBase, planPorts, startControlPlane, type ControlPlane } from '../../src/local/index.js';
import type { Cleanup } from '../lib/cleanup.js';

/** A fresh control plane, the fleet controller on it, and the hub's own endpoint to register as pretend spokes. */
export interface FleetRig {
  controlPlane: ControlPlane;
  hub: Cluster;
  store: RegistrationStore;
  endpoint: { server: string; ca: string; token: string };
  startController(): Promise<void>;
  connect(name: string): Promise<Cluster>;
}

/** Starts the rig on loopback; every part is registered with the clean-up stack as soon as it exists. */
export async function startFleetRig(o: { cleanup: Cleanup; log: Logger; progress: (line: string) => void }): Promise<FleetRig> {
  const dir = await mkdtemp(join(tmpdir(), 'gantry-bench-fleet-'));
  o.cleanup.add(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  const binaries = findBinaries({ env: process.env });
  if (!binaries.ok) throw new Error(binaries.error);
  const starting = startControlPlane({ dataDir: join(dir, 'cp'), binaries: binaries.value, ports: planPorts(await findFreeBase(4), []), spokes: [], clock: systemClock, log: o.log });
  o.cleanup.add('stop the control plane', async () => (await starting.catch(() => undefined))?.stop());
  const controlPlane = await starting;
  o.progress(`control plane up: ${controlPlane.hub.server}`);
  const connect = async (name: string): Promise<Cluster> => {
    const cluster = await connectCluster({ kubeconfig: { path: controlPlane.kubeconfigPath }, name, clock: systemClock, log: o.log });
    o.cleanup.add(`close the ${name} connection`, () => cluster.close());
    return cluster;
  };
  const hub = await connect('hub');
  const kc = loadKubeConfig({ path: controlPlane.kubeconfigPath });
  const endpoint = { server: kc.getCurrentCluster()?.server ?? '', ca: kc.getCurrentCluster()?.caData ?? '', token: kc.getCurrentUser()?.token ?? '' };
  const store = createKubernetesRegistrationStore({ hub, clock: systemClock, log: o.log });
  return {
    controlPlane,
    hub,
    store,
    endpoint,
    connect,
    async startController() {
      const controller = createFleetController({ hub, store, clock: systemClock, log: o.log });
      const abort = new AbortController();
      await controller.start(abort.signal);
      o.cleanup.add('stop the fleet controller', async () => {
        abort.abort();
        await controller.stop();
      });
    },
  };
}
