import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Logger } from '../../src/core/index.js';
import { connectCluster, type Cluster } from '../../src/kube/index.js';
import { findBinaries, findFreeBase, planPorts, startControlPlane, type ControlPlane } from '../../src/local/index.js';
import type { Cleanup } from './cleanup.js';

/** A fresh local control plane for one benchmark, and connections to it that close with the run. */
export interface BenchControlPlane {
  controlPlane: ControlPlane;
  connect(name: string): Promise<Cluster>;
}

/** Starts a hub-only control plane in a temporary folder; every part is registered with the clean-up stack as soon as it exists. */
export async function startBenchControlPlane(o: { name: string; cleanup: Cleanup; log: Logger; progress: (line: string) => void }): Promise<BenchControlPlane> {
  const dir = await mkdtemp(join(tmpdir(), `gantry-bench-${o.name}-`));
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
  return { controlPlane, connect };
}
