import { createRepoStore } from '../git/index.js';
import { connectCluster } from '../kube/index.js';
import { messageOf, silentLogger, type Clock } from '../core/index.js';
import { dataLayout, defaultDataDir, lockHolder, readInstanceState } from '../local/index.js';
import type { CommandIO } from './io.js';

/** `gantry status`: whether gantry runs on a data directory, and whether each cluster and the git server answer. */
export async function runStatus(dataDir: string | undefined, io: CommandIO, clock: Clock): Promise<number> {
  const layout = dataLayout(dataDir ?? defaultDataDir(io.env));
  const state = readInstanceState(layout);
  const pid = lockHolder(layout);
  if (pid === undefined || !state || state.pid !== pid) {
    const last = state?.phase === 'failed' ? ` (last start failed: ${state.error ?? 'unknown'})` : '';
    io.out(`gantry is not running on ${layout.root}${last}\n`);
    return 3;
  }
  io.out(`gantry ${state.phase} (pid ${pid}, ${state.mode === "embedded" ? "embedded control plane" : "hub from --kubeconfig"}, since ${state.startedAt}); data in ${layout.root}\n`);
  for (const c of state.clusters) {
    io.out(`  ${c.name.padEnd(8)} ${c.server.padEnd(26)} ${await probeCluster(c.kubeconfigPath, clock)}\n`);
  }
  if (state.git) {
    const repos = await createRepoStore({ root: layout.gitDir }).list().catch(() => []);
    io.out(`  ${'git'.padEnd(8)} ${`${state.git.url}/git/`.padEnd(26)} ${repos.length} repositories\n`);
  }
  if (state.mode === 'embedded') io.out(`  simulated nodes: ${state.simulatedNodes} per cluster (pods are simulated; no containers run)\n`);
  io.out(`kubeconfig: ${state.kubeconfig}\n`);
  return 0;
}

async function probeCluster(kubeconfigPath: string | undefined, clock: Clock): Promise<string> {
  if (!kubeconfigPath) return 'unknown';
  try {
    const cluster = await connectCluster({ kubeconfig: { path: kubeconfigPath }, clock, log: silentLogger });
    try {
      const v = await cluster.api.discovery.serverVersion();
      return `ready (${v.gitVersion})`;
    } finally {
      cluster.close();
    }
  } catch (error) {
    return `not answering: ${messageOf(error)}`;
  }
}
