import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Logger } from '../../src/core/index.js';
import { connectCluster, type Cluster } from '../../src/kube/index.js';
import { findBinaries, findFreeBase, planPorts, startControlPlane, type ControlPlane } from '../../src/local/index.js';
import { createSimulatedNodes } from '../../src/simnodes/index.js';
import type { Cleanup } from '../lib/cleanup.js';

/** A fresh control plane with simulated nodes, and a way to open connections to it. */
export interface Rig {
  controlPlane: ControlPlane;
  connect(name: string): Promise<Cluster>;
}

/** Starts the rig on loopback; every part is registered with the clean-up stack as soon as it exists. */
export async function startRig(o: { cleanup: Cleanup; log: Logger; progress: (line: string) => void }): Promise<Rig> {
  const dir = await mkdtemp(join(tmpdir(), 'gantry-bench-orchestrator-'));
  o.cleanup.add(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  const binaries = findBinaries({ env: process.env });
  if (!binaries.ok) throw new Error(binaries.error);
  const ports = planPorts(await findFreeBase(4), []);
  const starting = startControlPlane({ dataDir: join(dir, 'control-plane'), binaries: binaries.value, ports, spokes: [], clock: systemClock, log: o.log });
  o.cleanup.add('stop the control plane', async () => (await starting.catch(() => undefined))?.stop());
  const controlPlane = await starting;
  o.progress(`control plane up: ${controlPlane.hub.server}`);
  const connect = async (name: string): Promise<Cluster> => {
    const cluster = await connectCluster({ kubeconfig: { path: controlPlane.kubeconfigPath }, name, clock: systemClock, log: o.log });
    o.cleanup.add(`close the ${name} connection`, () => cluster.close());
    return cluster;
  };
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
