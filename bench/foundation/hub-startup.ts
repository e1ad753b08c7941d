import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock, type Logger } from '../../src/core/index.js';
import { findFreeBase, planPorts, startControlPlane, type Binaries, type ControlPlane } from '../../src/local/index.js';
import type { Cleanup } from '../lib/cleanup.js';
import { median } from '../lib/stats.js';

/** Start-up times of the embedded control plane (hub only), each from a fresh data folder. */
export interface HubStartupResult {
  samplesMs: number[];
  minMs: number;
  medianMs: number;
}

/** What the start-up measurement needs. */
export interface HubStartupOptions {
  runs: number;
  binaries: Binaries;
  cleanup: Cleanup;
  log: Logger;
  progress: (line: string) => void;
}

/**
 * Starts the hub `runs` times, each in a fresh temporary data folder on free ports, timing the call
 * to startControlPlane until its promise resolves. Every start but the last is stopped and its
 * folder removed before the next; the last keeps running for the rest of the benchmark (the
 * clean-up stack stops it).
 */
export async function measureHubStartup(options: HubStartupOptions): Promise<{ result: HubStartupResult; controlPlane: ControlPlane }> {
  const samplesMs: number[] = [];
  let controlPlane: ControlPlane | undefined;
  for (let run = 1; run <= options.runs; run++) {
    const started = await startTimed(options);
    samplesMs.push(started.ms);
    options.progress(`hub start-up ${run}/${options.runs}: ${(started.ms / 1000).toFixed(2)} s`);
    if (run < options.runs) await started.release();
    else controlPlane = started.controlPlane;
  }
  if (!controlPlane) throw new Error('hub start-up needs at least one run');
  return { result: { samplesMs, minMs: Math.min(...samplesMs), medianMs: median(samplesMs) }, controlPlane };
}

async function startTimed(options: HubStartupOptions): Promise<{ ms: number; controlPlane: ControlPlane; release: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gantry-bench-hub-'));
  const removeDir = options.cleanup.add(`remove ${dataDir}`, () => rm(dataDir, { recursive: true, force: true }));
  const ports = planPorts(await findFreeBase(4), []);
  const t0 = performance.now();
  const starting = startControlPlane({ dataDir, binaries: options.binaries, ports, spokes: [], clock: systemClock, log: options.log });
  // Registered before the start resolves, so an interrupt during start-up waits for it and stops it.
  const stop = options.cleanup.add(`stop the control plane in ${dataDir}`, async () => (await starting.catch(() => undefined))?.stop());
  const controlPlane = await starting;
  const ms = performance.now() - t0;
  const release = async (): Promise<void> => {
    await stop();
    await removeDir();
  };
  return { ms, controlPlane, release };
}
