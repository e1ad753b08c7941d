import { systemClock, type Logger } from '../../src/core/index.js';
import { createFleetController, createKubernetesRegistrationStore, type RegistrationStore } from '../../src/fleet/index.js';
import { loadKubeConfig, type Cluster } from '../../src/kube/index.js';
import type { ControlPlane } from '../../src/local/index.js';
import type { Cleanup } from '../lib/cleanup.js';
import { startBenchControlPlane } from '../lib/control-plane.js';

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
  const { controlPlane, connect } = await startBenchControlPlane({ name: 'fleet', ...o });
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
