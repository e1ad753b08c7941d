import { createLogger, systemClock, textSink } from '../core/index.js';
import { findBinaries } from './binaries.js';
import { startControlPlane, type ControlPlane } from './control-plane.js';
import { findFreeBase, planPorts } from './ports.js';

/**
 * Starts a control plane for a test run: free ports, the given data folder, warnings only.
 * Used by the test command to start one real control plane shared by every integration test.
 */
export async function startTestControlPlane(options: {
  dataDir: string;
  env: Record<string, string | undefined>;
  spokes?: string[];
}): Promise<ControlPlane> {
  const binaries = findBinaries({ env: options.env });
  if (!binaries.ok) throw new Error(binaries.error);
  const spokes = options.spokes ?? [];
  const base = await findFreeBase(4 + spokes.length);
  const log = createLogger({ level: 'warn', sink: textSink((l) => process.stderr.write(l)) });
  return startControlPlane({
    dataDir: options.dataDir,
    binaries: binaries.value,
    ports: planPorts(base, spokes),
    spokes,
    clock: systemClock,
    log,
  });
}
