import type { InstanceState } from '../local/index.js';
import type { InstanceConfig } from './config.js';
import { describeDemo, type DemoRecord } from './demo.js';

/** What `up` prints once gantry runs: endpoints, how to use kubectl and git, and what is simulated. */
export function describeRunning(state: InstanceState, config: Pick<InstanceConfig, 'dataDir' | 'simulatedNodes'>, demo?: DemoRecord): string {
  const lines = [`gantry is up (pid ${state.pid}); data in ${config.dataDir}`];
  for (const c of state.clusters) lines.push(`  ${c.name.padEnd(8)} ${c.server}`);
  if (state.git) lines.push(`  ${'git'.padEnd(8)} ${state.git.url}/git/<repo>.git   (create one: gantry repo create <repo>; push token in ${state.git.tokenFile})`);
  lines.push('', 'Use it with kubectl:', `  export KUBECONFIG=${state.kubeconfig}`, '  kubectl get ns');
  for (const c of state.clusters.filter((x) => x.name !== 'hub')) lines.push(`  kubectl --context gantry-${c.name} get ns`);
  if (state.mode === 'embedded' && config.simulatedNodes > 0) {
    lines.push('', `Simulated nodes: ${config.simulatedNodes} per cluster. Pods are simulated: no containers run.`);
  } else if (state.mode === 'embedded') {
    lines.push('', 'No simulated nodes (--simulated-nodes 0): pods stay Pending, since this control plane has no kubelet.');
  }
  if (demo) lines.push(...describeDemo(demo));
  lines.push('', 'Status: gantry status    Stop: gantry down', '');
  return lines.join('\n');
}
