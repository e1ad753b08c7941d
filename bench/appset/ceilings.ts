import { performance } from 'node:perf_hooks';
import type { Cluster, KubeObject } from '../../src/kube/index.js';
import { runPool } from '../lib/pool.js';
import { perSecond } from '../lib/stats.js';
import { applicationOf, clusterSecret } from './fleet.js';

/** One raw write round: how many objects, how long, how many per second. */
export interface Round {
  objects: number;
  ms: number;
  perSecond: number;
}

/** The raw apiserver ceilings of one run, measured before any controller starts. */
export interface Ceilings {
  /** Server-side apply of the N*M Applications the controller generates, c=32. */
  ssa: Round;
  /** The same objects created with POST (what the controller does for a new Application), c=32. */
  create: Round;
  /** Server-side apply of M of them changed (what one cluster's label change rewrites), c=32. */
  relabelMs: number;
  /** Server-side apply of N cluster-secret-sized Secrets, c=8 (what the fleet controller writes). */
  secrets: Round;
  /** One Secret re-applied with a changed label. */
  oneSecretMs: number;
}

const SSA_NAMESPACE = 'bench-appset-ssa';
const CREATE_NAMESPACE = 'bench-appset-post';

const round = (objects: number, ms: number): Round => ({ objects, ms, perSecond: perSecond(objects, ms) });

function applications(clusters: number, appsets: number, namespace: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (let c = 0; c < clusters; c++) for (let a = 0; a < appsets; a++) objects.push(applicationOf(c, a, namespace));
  return objects;
}

async function applyAll(cluster: Cluster, objects: KubeObject[], concurrency: number): Promise<number> {
  return runPool(objects.length, concurrency, (i) => cluster.api.apply(objects[i] as KubeObject));
}

async function secretCeiling(cluster: Cluster, clusters: number): Promise<Pick<Ceilings, 'secrets' | 'oneSecretMs'>> {
  const secrets = Array.from({ length: clusters }, (_, i) => clusterSecret(i, {}, SSA_NAMESPACE));
  const ms = await applyAll(cluster, secrets, 8);
  const started = performance.now();
  await cluster.api.apply(clusterSecret(0, { tier: 'gold' }, SSA_NAMESPACE));
  return { secrets: round(clusters, ms), oneSecretMs: performance.now() - started };
}

/** Measures every raw ceiling on `cluster` (the ApplicationSet API must be installed). */
export async function measureCeilings(cluster: Cluster, o: { clusters: number; appsets: number }): Promise<Ceilings> {
  for (const name of [SSA_NAMESPACE, CREATE_NAMESPACE]) await cluster.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const objects = applications(o.clusters, o.appsets, SSA_NAMESPACE);
  const ssaMs = await applyAll(cluster, objects, 32);
  const changed = objects.slice(0, o.appsets).map((a) => ({ ...a, spec: { ...(a['spec'] as object), revisionHistoryLimit: 5 } }));
  const relabelMs = await applyAll(cluster, changed, 32);
  const posts = applications(o.clusters, o.appsets, CREATE_NAMESPACE);
  const createMs = await runPool(posts.length, 32, (i) => cluster.api.create(posts[i] as KubeObject));
  const secrets = await secretCeiling(cluster, o.clusters);
  return { ssa: round(objects.length, ssaMs), create: round(posts.length, createMs), relabelMs, ...secrets };
}
