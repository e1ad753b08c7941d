import type { Cluster, KubeObject } from '../../src/kube/index.js';
import { runPool } from '../lib/pool.js';
import { perSecond } from '../lib/stats.js';

/** One timed round of server-side applies through gantry's kube layer. */
export interface ApplyTiming {
  objects: number;
  concurrency: number;
  ms: number;
  perSecond: number;
  /** CPU this process spent per object, user + system, in microseconds. */
  clientCpuUsPerObject: number;
}

/**
 * Applies `objects` with `cluster.api.apply` (server-side apply, gantry's field manager) at
 * `concurrency` and times the round: the baseline every controller figure is held to.
 */
export async function timeApply(cluster: Cluster, objects: KubeObject[], concurrency: number): Promise<ApplyTiming> {
  const cpuBefore = process.cpuUsage();
  const ms = await runPool(objects.length, concurrency, (i) => cluster.api.apply(objects[i] as KubeObject));
  const cpu = process.cpuUsage(cpuBefore);
  return { objects: objects.length, concurrency, ms, perSecond: perSecond(objects.length, ms), clientCpuUsPerObject: (cpu.user + cpu.system) / Math.max(1, objects.length) };
}

/** Applies a namespace (idempotent). */
export async function ensureNamespace(cluster: Cluster, name: string): Promise<void> {
  await cluster.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'gantry.io/bench': 'gitops' } } });
}

/** Deletes a namespace and waits (bounded) until the namespace controller has removed it and its objects. */
export async function deleteNamespace(cluster: Cluster, name: string, timeoutMs: number): Promise<void> {
  await cluster.api.delete({ apiVersion: 'v1', kind: 'Namespace', name });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await cluster.api.get({ apiVersion: 'v1', kind: 'Namespace', name }))) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`namespace ${name} still there after ${timeoutMs} ms`);
}
