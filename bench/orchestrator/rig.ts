import { systemClock, type Logger } from '../../src/core/index.js';
import type { Cluster } from '../../src/kube/index.js';
import type { ControlPlane } from '../../src/local/index.js';
import { createSimulatedNodes } from '../../src/simnodes/index.js';
import type { Cleanup } from '../lib/cleanup.js';
import { startBenchControlPlane } from '../lib/control-plane.js';

/** A fresh control plane with simulated nodes, and a way to open connections to it. */
export interface Rig {
  controlPlane: ControlPlane;
  connect(name: string): Promise<Cluster>;
}

/** Starts the rig on loopback; every part is registered with the clean-up stack as soon as it exists. */
export async function startRig(o: { cleanup: Cleanup; log: Logger; progress: (line: string) => void }): Promise<Rig> {
  const { controlPlane, connect } = await startBenchControlPlane({ name: 'orchestrator', ...o });
  const simCluster = await connect('simnodes');
  const abort = new AbortController();
  const nodes = createSimulatedNodes({ cluster: simCluster, count: 2, clock: systemClock, log: o.log });
  await nodes.start(abort.signal);
  o.cleanup.add('stop the simulated nodes', async () => {
    abort.abort();
    await nodes.stop?.();
  });
  return { controlPlane, connect };
}
