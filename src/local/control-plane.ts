import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import { join } from 'node:path';
import { withContext, type Clock, type Logger } from '../core/index.js';
import type { Binaries } from './binaries.js';
import { ensureCredentials, type ClusterCredentials } from './credentials.js';
import { contextName, renderKubeconfig, type KubeconfigCluster } from './kubeconfig.js';
import { dataLayout, type DataLayout } from './layout.js';
import type { PortPlan } from './ports.js';
import { startProcess, waitUntilReady, type ManagedProcess } from './process.js';
import { apiserverArgs, controllerManagerArgs, etcdArgs } from './process-args.js';

/** One running local cluster (the hub or a spoke). */
export interface LocalCluster {
  name: string;
  server: string;
  port: number;
  /** A kubeconfig for this cluster alone. */
  kubeconfigPath: string;
}

/** A running embedded control plane: etcd, an apiserver and controller-manager per cluster. */
export interface ControlPlane {
  readonly hub: LocalCluster;
  readonly clusters: LocalCluster[];
  /** The kubeconfig with a context per cluster (gantry-hub current). */
  readonly kubeconfigPath: string;
  readonly processes: ManagedProcess[];
  stop(): Promise<void>;
}

/** What to start. */
export interface ControlPlaneOptions {
  dataDir: string;
  binaries: Binaries;
  ports: PortPlan;
  spokes: string[];
  clock: Clock;
  log: Logger;
}

const READY_TIMEOUT_MS = 90_000;

/**
 * Starts the embedded control plane, or nothing: if any part fails to start, every process already
 * started is stopped before the error (which names the part and quotes its log) is thrown.
 */
export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const layout = dataLayout(options.dataDir);
  mkdirSync(layout.logsDir, { recursive: true });
  const started: ManagedProcess[] = [];
  const stopAll = async (): Promise<void> => {
    for (const p of [...started].reverse()) await p.stop();
  };
  try {
    await startEtcd(options, layout, started);
    const names = ['hub', ...options.spokes];
    const clusters = await Promise.all(names.map((name) => startCluster(name, options, layout, started)));
    const kubeconfigPath = layout.kubeconfig;
    writeFileSync(kubeconfigPath, renderKubeconfig(clusters.map((c) => c.entry), contextName('hub')), { mode: 0o600 });
    await assertStillRunning(started, options.clock);
    const local = clusters.map((c) => c.cluster);
    return { hub: local[0] as LocalCluster, clusters: local, kubeconfigPath, processes: started, stop: stopAll };
  } catch (error) {
    options.log.error('control plane failed to start; stopping what started', { started: started.map((p) => p.name) });
    await stopAll();
    throw error;
  }
}

async function startEtcd(options: ControlPlaneOptions, layout: DataLayout, started: ManagedProcess[]): Promise<void> {
  const hadData = existsSync(layout.etcdDir) && readdirSync(layout.etcdDir).length > 0;
  const proc = startProcess({
    name: 'etcd',
    command: options.binaries.etcd,
    args: etcdArgs(layout.etcdDir, options.ports),
    logFile: join(layout.logsDir, 'etcd.log'),
  });
  started.push(proc);
  const url = `http://127.0.0.1:${options.ports.etcdClient}/health`;
  const hint = hadData
    ? `The etcd data in ${layout.etcdDir} may be corrupt: move that folder away to start empty (its objects are lost), or restore it from a backup.`
    : undefined;
  await waitUntilReady(proc, () => httpOk(url), { timeoutMs: 30_000, clock: options.clock, hint });
  options.log.info('etcd ready', { port: options.ports.etcdClient });
}

async function startCluster(
  name: string,
  options: ControlPlaneOptions,
  layout: DataLayout,
  started: ManagedProcess[],
): Promise<{ cluster: LocalCluster; entry: KubeconfigCluster }> {
  const port = name === 'hub' ? options.ports.hub : (options.ports.spokes[name] as number);
  const creds = ensureCredentials(layout.clusterDir(name));
  const apiserver = startProcess({
    name: `${name} apiserver`,
    command: options.binaries.apiserver,
    args: apiserverArgs({ name, port, etcdPort: options.ports.etcdClient, creds, clusterIndex: clusterIndexOf(name, options) }),
    logFile: join(layout.logsDir, `${name}-apiserver.log`),
  });
  started.push(apiserver);
  const server = `https://127.0.0.1:${port}`;
  await waitUntilReady(apiserver, () => httpsReady(server, creds.adminToken), { timeoutMs: READY_TIMEOUT_MS, clock: options.clock });
  const entry = { context: contextName(name), server, caPem: readCa(creds), token: creds.adminToken };
  const kubeconfigPath = layout.clusterKubeconfig(name);
  writeFileSync(kubeconfigPath, renderKubeconfig([entry], entry.context), { mode: 0o600 });
  started.push(
    startProcess({
      name: `${name} controller-manager`,
      command: options.binaries.controllerManager,
      args: controllerManagerArgs({ kubeconfigPath, creds }),
      logFile: join(layout.logsDir, `${name}-controller-manager.log`),
    }),
  );
  options.log.info('cluster ready', { cluster: name, server });
  return { cluster: { name, server, port, kubeconfigPath }, entry };
}

function clusterIndexOf(name: string, options: ControlPlaneOptions): number {
  return name === 'hub' ? 0 : options.spokes.indexOf(name) + 1;
}

function readCa(creds: ClusterCredentials): string {
  try {
    return readFileSync(join(creds.certDir, 'apiserver.crt'), 'utf8');
  } catch (error) {
    throw withContext(`read the apiserver certificate in ${creds.certDir}`, error);
  }
}

async function assertStillRunning(processes: ManagedProcess[], clock: Clock): Promise<void> {
  await clock.sleep(300);
  const dead = processes.find((p) => !p.isRunning());
  if (dead) {
    const info = await dead.exited;
    throw new Error(`${dead.name} exited during start-up (code ${info.code ?? info.signal}). Last lines of ${dead.logFile}:\n${dead.tail()}`);
  }
}

function httpOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

function httpsReady(server: string, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    // Only this readiness probe skips verification: the CA is read from the cert folder once ready.
    const req = https.get(`${server}/readyz`, { rejectUnauthorized: false, headers: { Authorization: `Bearer ${token}` }, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}
