/**
 * testkit: what integration tests share. The test command starts one real control plane for the
 * whole run and names its kubeconfig in GANTRY_TEST_KUBECONFIG; each test connects to it and works
 * in a namespace of its own. Only tests import this module.
 */
import { randomBytes } from 'node:crypto';
import { createLogger, systemClock, textSink, type Logger } from '../core/index.js';
import { connectCluster, type Cluster, type KubeObject } from '../kube/index.js';

/** A logger for tests: warnings and errors to stderr. */
export function testLogger(): Logger {
  return createLogger({ level: 'warn', sink: textSink((l) => process.stderr.write(l)) });
}

/** The kubeconfig of the run's control plane; fails clearly when the test was not started by `npm test`. */
export function testKubeconfig(): string {
  const path = process.env.GANTRY_TEST_KUBECONFIG;
  if (!path) throw new Error('GANTRY_TEST_KUBECONFIG is not set: run integration tests through `npm test`, which starts the control plane');
  return path;
}

/** Connects to the run's control plane (the hub). */
export function connectTestCluster(): Promise<Cluster> {
  return connectCluster({ kubeconfig: { path: testKubeconfig() }, name: 'test', clock: systemClock, log: testLogger() });
}

/** Creates a namespace with a unique name for one test; `cleanup` deletes it. */
export async function createTestNamespace(cluster: Cluster, prefix: string): Promise<{ name: string; cleanup: () => Promise<void> }> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await cluster.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'gantry.io/test': 'true' } } });
  return {
    name,
    cleanup: async () => {
      await cluster.api.delete({ apiVersion: 'v1', kind: 'Namespace', name });
    },
  };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs` saying what it waited for. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
export { createTestRepos } from './test-repos.js';
export type { TestRepos } from './test-repos.js';
export { startTestGitHost } from './git-host.js';
export type { TestGitHost } from './git-host.js';
export { gzippedTar } from './tar.js';

/** A ConfigMap manifest in `namespace`, the object most tests apply. */
export function testConfigMap(namespace: string, name: string, data: Record<string, string>, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...(labels ? { labels } : {}) }, data };
}

/** The get/patch/delete target of a ConfigMap in `namespace`. */
export function configMapTarget(namespace: string, name: string): { apiVersion: string; kind: string; namespace: string; name: string } {
  return { apiVersion: 'v1', kind: 'ConfigMap', namespace, name };
}
