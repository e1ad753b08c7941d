import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Logger } from '../../src/core/index.js';
import { createGitReader, createGitServer, createRepoStore, type GitServer, type RepoStore } from '../../src/git/index.js';
import { compareWithDiff, createApplicationController, renderWithDirectory, type ApplicationController } from '../../src/gitops/index.js';
import { connectCluster, type Cluster, type Informer } from '../../src/kube/index.js';
import { findBinaries, findFreeBase, planPorts, startControlPlane, type ControlPlane } from '../../src/local/index.js';
import { createSimulatedNodes } from '../../src/simnodes/index.js';
import type { Cleanup } from '../lib/cleanup.js';
import { clientGitEnv, createWorkClone, type WorkClone } from './git-client.js';

/** Everything the GitOps figures run on: a fresh control plane, gantry's git server, and the Application controller. */
export interface Rig {
  controlPlane: ControlPlane;
  /** The controller's connection to the hub; its watch cache is the one the controller reads. */
  hub: Cluster;
  controller: ApplicationController;
  controlNamespace: string;
  /** Starts the controller (after the baselines that must run without it). */
  startController(): Promise<void>;
  /** Creates a hosted repository and a working copy that pushes to it. */
  createRepo(name: string): Promise<WorkClone>;
  /** The repoURL an Application names for a hosted repository. */
  repoUrl(name: string): string;
  /** The controller's own informer on Applications (its control namespace), shared so nothing is cached twice. */
  applications(): Promise<Informer>;
  /** Opens another connection to the hub (no shared cache), closed at clean-up. */
  connect(name: string): Promise<Cluster>;
}

/** What the rig needs. */
export interface RigOptions {
  cleanup: Cleanup;
  log: Logger;
  path: string;
  workers: number;
  progress: (line: string) => void;
}

const CONTROL_NAMESPACE = 'argocd';
const START_ATTEMPTS = 3;

/**
 * Starts the rig on loopback: a control plane in a temporary folder, two simulated nodes (so the
 * Deployments of the push app become available), a git server on a free port with a push token,
 * and the Application controller wired as the integration test wires it. Every part is registered
 * with the clean-up stack as soon as it exists.
 */
export async function startRig(o: RigOptions): Promise<Rig> {
  const dir = await mkdtemp(join(tmpdir(), 'gantry-bench-gitops-'));
  o.cleanup.add(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  const controlPlane = await startLocalControlPlane(o, dir);
  const connect = async (name: string): Promise<Cluster> => {
    const cluster = await connectCluster({ kubeconfig: { path: controlPlane.kubeconfigPath }, name, clock: systemClock, log: o.log });
    o.cleanup.add(`close the ${name} connection`, () => cluster.close());
    return cluster;
  };
  const hub = await connect('hub');
  await startSimulatedNodes(o, await connect('simnodes'));
  const git = await startGit(o, dir);
  const reader = createGitReader({ store: git.store, cacheDir: join(dir, 'git-cache'), log: o.log, hostedUrlPrefixes: [`${git.url}/git/`] });
  o.cleanup.add('close the git reader', () => reader.close());
  const controller = createApplicationController({ hub, reader, render: renderWithDirectory, compare: compareWithDiff, controlNamespace: CONTROL_NAMESPACE, workers: o.workers, clock: systemClock, log: o.log });
  git.server.onPush((e) => controller.refreshWhere((url) => url.endsWith(`/git/${e.repo}.git`)));
  await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: CONTROL_NAMESPACE } });
  const home = join(dir, 'home');
  await mkdir(home);
  const env = clientGitEnv(home, o.path);
  return {
    controlPlane,
    hub,
    controller,
    controlNamespace: CONTROL_NAMESPACE,
    startController: () => startController(o, controller),
    async createRepo(name) {
      await git.store.create(name);
      const remote = git.server.repoUrl(name).replace('http://', `http://bench:${git.token}@`);
      return createWorkClone({ dir: join(dir, 'work', name), remote, env });
    },
    repoUrl: (name) => git.server.repoUrl(name),
    applications: () => hub.cache.informer('argoproj.io/v1alpha1', 'Application', { namespace: CONTROL_NAMESPACE }),
    connect,
  };
}

async function startLocalControlPlane(o: RigOptions, dir: string): Promise<ControlPlane> {
  const binaries = findBinaries({ env: process.env });
  if (!binaries.ok) throw new Error(binaries.error);
  for (let attempt = 1; ; attempt++) {
    const ports = planPorts(await findFreeBase(4), []);
    const dataDir = join(dir, `control-plane-${attempt}`);
    const starting = startControlPlane({ dataDir, binaries: binaries.value, ports, spokes: [], clock: systemClock, log: o.log });
    // Registered before the start resolves, so an interrupt during start-up waits for it and stops it.
    o.cleanup.add('stop the control plane', async () => (await starting.catch(() => undefined))?.stop());
    try {
      const controlPlane = await starting;
      o.progress(`control plane up: ${controlPlane.hub.server}`);
      return controlPlane;
    } catch (error) {
      // Free ports are found before they are bound; on a shared machine another process may take one first.
      if (attempt >= START_ATTEMPTS || !/address already in use/.test(String((error as Error).message))) throw error;
      o.progress(`control plane start failed on a port taken meanwhile; retrying (${attempt}/${START_ATTEMPTS})`);
    }
  }
}

async function startSimulatedNodes(o: RigOptions, cluster: Cluster): Promise<void> {
  const abort = new AbortController();
  const nodes = createSimulatedNodes({ cluster, count: 2, clock: systemClock, log: o.log });
  await nodes.start(abort.signal);
  o.cleanup.add('stop the simulated nodes', async () => {
    abort.abort();
    await nodes.stop?.();
  });
}

async function startGit(o: RigOptions, dir: string): Promise<{ store: RepoStore; server: GitServer; url: string; token: string }> {
  const token = randomBytes(16).toString('hex');
  const store = createRepoStore({ root: join(dir, 'repos') });
  const server = createGitServer({ store, token, readAccess: 'token', log: o.log });
  const { url } = await server.listen(0);
  o.cleanup.add('close the git server', () => server.close());
  return { store, server, url, token };
}

async function startController(o: RigOptions, controller: ApplicationController): Promise<void> {
  const abort = new AbortController();
  await controller.start(abort.signal);
  o.cleanup.add('stop the Application controller', async () => {
    abort.abort();
    await controller.stop?.();
  });
}
