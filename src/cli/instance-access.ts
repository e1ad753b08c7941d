import { join } from 'node:path';
import { NotFoundError, silentLogger, type Clock } from '../core/index.js';
import { createGitReader, createRepoStore, type GitReader } from '../git/index.js';
import { connectCluster, type Cluster } from '../kube/index.js';
import { readInstanceState, type DataLayout, type InstanceState } from '../local/index.js';
import { readInstanceMirrors } from './git-mirrors.js';

/**
 * How the commands that talk to a running instance (app, cluster, plan, appset) reach it: its
 * recorded state, its hub, and a git reader that reads what the instance reads.
 */

/** An instance as its data directory records it, with the hub's kubeconfig. */
export interface RecordedInstance {
  state: InstanceState;
  hub: { kubeconfigPath: string; context?: string };
}

/** The instance recorded in `layout`, which must have a hub; otherwise says to run `gantry up`. */
export function recordedInstance(layout: DataLayout): RecordedInstance {
  const state = readInstanceState(layout);
  const hub = state?.clusters.find((c) => c.name === 'hub');
  if (!state || !hub?.kubeconfigPath) throw new NotFoundError(`gantry has not run on ${layout.root}: start it with gantry up`);
  return { state, hub: { kubeconfigPath: hub.kubeconfigPath, context: hub.context } };
}

/** Connects to the instance's hub. */
export function connectHub(instance: RecordedInstance, clock: Clock): Promise<Cluster> {
  return connectCluster({ kubeconfig: { path: instance.hub.kubeconfigPath, context: instance.hub.context }, name: 'hub', clock, log: silentLogger });
}

/** Connects to the hub of the instance recorded in `layout`. */
export function connectInstanceHub(layout: DataLayout, clock: Clock): Promise<Cluster> {
  return connectHub(recordedInstance(layout), clock);
}

/**
 * A git reader of the CLI's own: the data directory's hosted repositories read directly, the
 * instance's --git-mirror rules applied, and external repositories fetched into `cache/<cache>`
 * (never the running instance's cache, so the two never race on one mirror).
 */
export function cliGitReader(layout: DataLayout, state: InstanceState | undefined, cache: string): GitReader {
  const url = state?.git?.url;
  const hostedUrlPrefixes = url ? [`${url}/git/`, `${url.replace('127.0.0.1', 'localhost')}/git/`] : [];
  return createGitReader({ store: createRepoStore({ root: layout.gitDir }), cacheDir: join(layout.root, 'cache', cache), log: silentLogger, hostedUrlPrefixes, urlRewrites: readInstanceMirrors(layout.root) });
}
