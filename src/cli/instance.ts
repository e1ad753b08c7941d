import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createApplicationSetController, type ApplicationSetController } from '../appset/index.js';
import { InputError, messageOf, withContext, type Clock, type Logger } from '../core/index.js';
import { createGitReader, createGitServer, createRepoStore, rewriteUrl, type GitReader, type GitServer, type RepoStore, type UrlRewrite } from '../git/index.js';
import {
  compareWithDiff,
  createApplicationController,
  createCredentialLookup,
  createRepoPoller,
  createSourceRenderer,
  gitReaderWithCredentials,
  refreshFromWebhook,
  type ApplicationController,
} from '../gitops/index.js';
import { createHelmRepositoryClient } from '../helmrepo/index.js';
import { join } from 'node:path';
import { connectCluster, loadKubeConfig, type Cluster } from '../kube/index.js';
import {
  acquireLock,
  assertPortsFree,
  dataLayout,
  findBinaries,
  isPortFree,
  planPorts,
  prepareDataDir,
  startControlPlane,
  writeInstanceState,
  type DataLayout,
  type InstanceState,
  type PortPlan,
} from '../local/index.js';
import { createDefaultOrchestrator } from '../orchestrator/index.js';
import { createManager } from '../runtime/index.js';
import { createFleetController, createKubernetesRegistrationStore, localSpokeRegistration, localTenantProject, registrationSecretName, type ProjectCluster } from '../fleet/index.js';
import { createSimulatedNodes } from '../simnodes/index.js';
import type { InstanceConfig } from './config.js';
import { ensureDemo } from './demo.js';
import { writeInstanceMirrors } from './git-mirrors.js';

/** Where the Application controller reads Applications, projects and cluster secrets. */
const CONTROL_NAMESPACE = 'argocd';

/** A running gantry instance: its state as written to state.json, and how to stop it. */
export interface RunningInstance {
  readonly state: InstanceState;
  readonly clusters: Cluster[];
  readonly git: GitServer;
  stop(): Promise<void>;
}

/** What an instance needs from the composition root. */
export interface InstanceDeps {
  clock: Clock;
  log: Logger;
  env: Record<string, string | undefined>;
}

type Cleanup = () => Promise<void> | void;

/**
 * Starts everything one gantry instance runs: the embedded control plane (or a connection to a real
 * cluster), the git server, simulated nodes, and the controllers. All or nothing: on any failure,
 * whatever started is stopped, state.json says why, and the error is rethrown.
 */
export async function runInstance(config: InstanceConfig, deps: InstanceDeps): Promise<RunningInstance> {
  const layout = dataLayout(config.dataDir);
  prepareDataDir(layout);
  const release = acquireLock(layout);
  const cleanups: Cleanup[] = [release];
  const stopAll = async (): Promise<void> => {
    for (const c of cleanups.splice(0).reverse()) await Promise.resolve(c()).catch((e: unknown) => deps.log.warn('stop step failed', { error: messageOf(e) }));
  };
  const base = baseState(config);
  writeInstanceState(layout, base);
  writeInstanceMirrors(layout.root, config.gitMirrors);
  try {
    const running = await startParts(config, deps, layout, cleanups);
    const state: InstanceState = { ...base, ...running.state, phase: 'running' };
    writeInstanceState(layout, state);
    return {
      state,
      clusters: running.clusters,
      git: running.git,
      async stop() {
        await stopAll();
        writeInstanceState(layout, { ...state, phase: 'stopped' });
      },
    };
  } catch (error) {
    await stopAll();
    writeInstanceState(layout, { ...base, phase: 'failed', error: messageOf(error) });
    throw error;
  }
}

function baseState(config: InstanceConfig): InstanceState {
  return {
    pid: process.pid,
    phase: 'starting',
    startedAt: new Date().toISOString(),
    mode: config.kubeconfig ? 'external' : 'embedded',
    clusters: [],
    simulatedNodes: config.simulatedNodes,
    processes: [],
  };
}

async function startParts(
  config: InstanceConfig,
  deps: InstanceDeps,
  layout: DataLayout,
  cleanups: Cleanup[],
): Promise<{ state: Partial<InstanceState>; clusters: Cluster[]; git: GitServer }> {
  const ports = planPorts(config.portBase, config.spokes);
  await checkPorts(config, ports);
  const embedded = config.kubeconfig ? undefined : await startEmbedded(config, deps, { layout, ports, cleanups });
  const clusterInfo = embedded?.clusters ?? [{ name: 'hub', kubeconfigPath: config.kubeconfig as string }];
  const clusters = await connectAll(config, deps, clusterInfo, cleanups);
  const store = createRepoStore({ root: layout.gitDir });
  const git = await startGit(config, deps, { layout, ports, cleanups, store });
  await startSimulatedNodes(config, deps, clusters, cleanups);
  await startControllers(deps, { hub: clusters[0] as Cluster, git, store, layout, ports, cleanups, repoPollSeconds: config.repoPollSeconds, gitMirrors: config.gitMirrors });
  if (embedded) await registerLocalSpokes(clusters[0] as Cluster, embedded.clusters.filter((c) => c.name !== 'hub'), deps);
  // The quickstart's app-of-apps, on the embedded control plane only (never into a real cluster unasked).
  if (embedded && config.demo) {
    await ensureDemo({ dataDir: config.dataDir, store, hub: clusters[0] as Cluster, repoUrl: `http://127.0.0.1:${ports.git}/git/demo.git`, spokes: config.spokes, log: deps.log });
  }
  const kubeconfig = config.kubeconfig ?? layout.kubeconfig;
  const gitState = { url: `http://127.0.0.1:${ports.git}`, tokenFile: layout.gitTokenFile };
  const servers = clusters.map((c) => ({ name: c.name, server: c.api.client.connection.server, kubeconfigPath: clusterInfo.find((i) => i.name === c.name)?.kubeconfigPath, ...(config.context ? { context: config.context } : {}) }));
  return { state: { kubeconfig, clusters: servers, git: gitState, processes: embedded?.processes ?? [] }, clusters, git };
}

async function checkPorts(config: InstanceConfig, ports: PortPlan): Promise<void> {
  if (!config.kubeconfig) return assertPortsFree(ports);
  if (!(await isPortFree(ports.git))) {
    throw new InputError(`port ${ports.git} (git server) is already in use: stop whatever listens there, or pass --port-base N (git uses N+2)`);
  }
}

interface LocalClusterInfo {
  name: string;
  kubeconfigPath: string;
}

async function startEmbedded(
  config: InstanceConfig,
  deps: InstanceDeps,
  ctx: { layout: DataLayout; ports: PortPlan; cleanups: Cleanup[] },
): Promise<{ clusters: LocalClusterInfo[]; processes: { name: string; pid: number }[] }> {
  const binaries = findBinaries({ env: deps.env, explicit: config.binaries });
  if (!binaries.ok) throw new InputError(binaries.error);
  const plane = await startControlPlane({
    dataDir: config.dataDir,
    binaries: binaries.value,
    ports: ctx.ports,
    spokes: config.spokes,
    clock: deps.clock,
    log: deps.log.child({ component: 'control-plane' }),
  });
  ctx.cleanups.push(() => plane.stop());
  return {
    clusters: plane.clusters.map((c) => ({ name: c.name, kubeconfigPath: c.kubeconfigPath })),
    processes: plane.processes.map((p) => ({ name: p.name, pid: p.pid })),
  };
}

async function connectAll(
  config: InstanceConfig,
  deps: InstanceDeps,
  infos: LocalClusterInfo[],
  cleanups: Cleanup[],
): Promise<Cluster[]> {
  const clusters: Cluster[] = [];
  for (const info of infos) {
    const context = config.kubeconfig ? config.context : undefined;
    const cluster = await connectCluster({ kubeconfig: { path: info.kubeconfigPath, context }, name: info.name, clock: deps.clock, log: deps.log });
    cleanups.push(() => cluster.close());
    clusters.push(cluster);
    try {
      await cluster.api.discovery.serverVersion();
    } catch (error) {
      throw withContext(`cannot reach cluster ${info.name} (kubeconfig ${info.kubeconfigPath})`, error);
    }
  }
  return clusters;
}

/** Reads the git push token of a data directory, creating it on first use. */
export function ensureGitToken(layout: DataLayout): string {
  if (existsSync(layout.gitTokenFile)) {
    const token = readFileSync(layout.gitTokenFile, 'utf8').trim();
    if (token) return token;
  }
  const token = randomBytes(20).toString('hex');
  writeFileSync(layout.gitTokenFile, `${token}\n`, { mode: 0o600 });
  return token;
}

async function startGit(
  config: InstanceConfig,
  deps: InstanceDeps,
  ctx: { layout: DataLayout; ports: PortPlan; cleanups: Cleanup[]; store: RepoStore },
): Promise<GitServer> {
  const { store } = ctx;
  const log = deps.log.child({ component: 'git' });
  const webhookSecret = readWebhookSecret(config, deps.env);
  const webhookSecrets = webhookSecret === undefined ? {} : { github: webhookSecret, gitlab: webhookSecret };
  const server = createGitServer({ store, token: ensureGitToken(ctx.layout), readAccess: config.gitReadAccess, log, clock: deps.clock, webhookSecrets });
  await server.listen(ctx.ports.git);
  ctx.cleanups.push(() => server.close());
  server.onPush((e) => log.info('push', { repo: e.repo, ref: e.ref, oldCommit: e.oldCommit, newCommit: e.newCommit }));
  return server;
}

/** The webhook secret from --webhook-secret-file, else GANTRY_WEBHOOK_SECRET; undefined leaves webhooks unchecked. */
function readWebhookSecret(config: InstanceConfig, env: Record<string, string | undefined>): string | undefined {
  if (config.webhookSecretFile) {
    let secret: string;
    try {
      secret = readFileSync(config.webhookSecretFile, 'utf8').trim();
    } catch (error) {
      throw withContext(`--webhook-secret-file ${config.webhookSecretFile}`, error);
    }
    if (!secret) throw new InputError(`--webhook-secret-file ${config.webhookSecretFile} is empty: put the webhook's shared secret in it`);
    return secret;
  }
  return env.GANTRY_WEBHOOK_SECRET?.trim() || undefined;
}

async function startSimulatedNodes(config: InstanceConfig, deps: InstanceDeps, clusters: Cluster[], cleanups: Cleanup[]): Promise<void> {
  if (config.kubeconfig || config.simulatedNodes === 0) return;
  const manager = createManager({ log: deps.log });
  for (const cluster of clusters) {
    manager.add(createSimulatedNodes({ cluster, count: config.simulatedNodes, clock: deps.clock, log: deps.log }));
  }
  await manager.start();
  cleanups.push(() => manager.stop());
}

/**
 * Starts the controllers on the hub: the Application and ApplicationSet controllers, reading hosted
 * repos straight from disk and woken by every push (for external repositories a poller and the
 * webhook at /api/webhook), the fleet controller, turning registrations into cluster secrets, and
 * the orchestrator (ResourceGraphDefinitions, their kinds, and the golden paths).
 */
async function startControllers(
  deps: InstanceDeps,
  ctx: { hub: Cluster; git: GitServer; store: RepoStore; layout: DataLayout; ports: PortPlan; cleanups: Cleanup[]; repoPollSeconds: number; gitMirrors: UrlRewrite[] },
): Promise<void> {
  const log = deps.log.child({ component: 'controllers' });
  const hosted = [`http://127.0.0.1:${ctx.ports.git}/git/`, `http://localhost:${ctx.ports.git}/git/`];
  const reader = createGitReader({ store: ctx.store, cacheDir: join(ctx.layout.root, 'cache', 'git'), log, hostedUrlPrefixes: hosted, urlRewrites: ctx.gitMirrors });
  ctx.cleanups.push(() => reader.close());
  const helmRepos = createHelmRepositoryClient({ cacheDir: join(ctx.layout.root, 'cache', 'helm'), log });
  const render = createSourceRenderer({ helmRepos, git: reader });
  const apps = createApplicationController({ hub: ctx.hub, reader, render, compare: compareWithDiff, clock: deps.clock, log });
  // Pollers, webhooks and git generators have no Application of their own to take credentials from: Argo CD's repository secrets give them.
  const withCredentials = gitReaderWithCredentials(reader, createCredentialLookup(ctx.hub, CONTROL_NAMESPACE));
  const appsets = createApplicationSetController({ hub: ctx.hub, reader: withCredentials, clock: deps.clock, log });
  const manager = createManager({ log });
  manager.add(apps);
  if (ctx.repoPollSeconds > 0) manager.add(createRepoPoller({ git: withCredentials, apps, intervalMs: ctx.repoPollSeconds * 1000, clock: deps.clock, log }));
  const store = createKubernetesRegistrationStore({ hub: ctx.hub, clock: deps.clock, log });
  manager.add(createFleetController({ hub: ctx.hub, store, clock: deps.clock, log }));
  manager.add(appsets);
  // After the Application API, so the golden paths' AppProjects find their kind.
  manager.add(createDefaultOrchestrator({ hub: ctx.hub, clock: deps.clock, log }));
  await manager.start();
  ctx.cleanups.push(() => manager.stop());
  wireTriggers({ git: ctx.git, reader: withCredentials, apps, appsets, log }, (url) => rewriteUrl(url, ctx.gitMirrors, hosted[0] as string));
}

/**
 * Pushes to hosted repositories and webhooks for external ones refresh the Applications and
 * ApplicationSets that read them. A push to a hosted repository also refreshes sources whose URL a
 * --git-mirror sends there (`fetchedFrom`).
 */
function wireTriggers(
  o: { git: GitServer; reader: GitReader; apps: ApplicationController; appsets: ApplicationSetController; log: Logger },
  fetchedFrom: (url: string) => string,
): void {
  const pushedTo = (repo: string) => (url: string): boolean => fetchedFrom(url).endsWith(`/git/${repo}.git`);
  o.git.onPush((e) => o.apps.refreshWhere(pushedTo(e.repo)));
  o.git.onPush((e) => o.appsets.refreshWhere(pushedTo(e.repo)));
  o.git.onWebhook(async (push) => void (await refreshFromWebhook(push, { git: o.reader, apps: o.apps, appsets: o.appsets, log: o.log })));
}

/**
 * Registers the local spokes through the fleet's own path: a registration secret per spoke (the
 * reference JSON, labelled as the reference architecture labels spokes) and a credentials secret
 * with its token; the fleet controller turns them into the cluster secrets `cluster-<spoke>`.
 * Waits briefly for them, so Applications naming a spoke find it at once.
 */
async function registerLocalSpokes(hub: Cluster, spokes: LocalClusterInfo[], deps: InstanceDeps): Promise<void> {
  const store = createKubernetesRegistrationStore({ hub, clock: deps.clock, log: deps.log });
  const registered: ProjectCluster[] = [];
  for (const spoke of spokes) {
    const kc = loadKubeConfig({ path: spoke.kubeconfigPath });
    const credentialsSecret = `cluster-credentials-${spoke.name}`;
    await store.putSecret(credentialsSecret, { token: kc.getCurrentUser()?.token ?? '' });
    const reg = localSpokeRegistration({ name: spoke.name, server: kc.getCurrentCluster()?.server ?? '', caData: kc.getCurrentCluster()?.caData ?? '', credentialsSecret });
    await store.put(registrationSecretName(spoke.name), JSON.stringify(reg, null, 2));
    registered.push({ name: spoke.name, server: reg.cluster_endpoint });
  }
  await ensureLocalTenantProject(hub, registered);
  for (let i = 0; i < 100; i++) {
    const reports = await Promise.all(spokes.map((s) => store.lastReport(registrationSecretName(s.name))));
    if (reports.every((r) => r?.state === 'Registered')) return;
    await deps.clock.sleep(100);
  }
  deps.log.warn('local spokes not registered yet', { spokes: spokes.map((s) => s.name) });
}

/** The local tenant's AppProject (the reference ApplicationSets' `{{values.tenant}}`), created once like `default` and never overwritten. */
async function ensureLocalTenantProject(hub: Cluster, spokes: ProjectCluster[]): Promise<void> {
  if (spokes.length === 0) return;
  const project = localTenantProject(CONTROL_NAMESPACE, spokes);
  const existing = await hub.api.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace: CONTROL_NAMESPACE, name: project.metadata.name ?? '' });
  if (!existing) await hub.api.create(project);
}
