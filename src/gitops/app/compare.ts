import { groupOf, messageOf } from '../../core/index.js';
import type { Cluster } from '../../kube/index.js';
import { assessResourceHealth as assessHealth } from '../health/generic-health.js';
import type { Health } from '../health/health-status.js';
import type { KubeObject } from '../kube-object.js';
import type { ComparisonCache } from './comparison-cache.js';
import type { ObjectComparer } from './ports.js';
import { TRACKING_ANNOTATION, isTrackedBy, parseTrackingId } from './tracking.js';
import type { IgnoreDifferences } from '../diff/ignore-differences.js';
import type { ResourceStatus } from './types.js';
import { applyModeOf } from './sync-options.js';
import { writeResource } from './write-resource.js';

/** One managed resource after comparison: what Git wants, what runs, and how they differ. */
export interface ComparedResource {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  target?: KubeObject;
  live?: KubeObject;
  status: 'Synced' | 'OutOfSync';
  requiresPruning?: boolean;
  health?: Health;
  /** Another Application tracks the live object: reported, never taken over. */
  sharedWith?: string;
  message?: string;
  /** OutOfSync presumed (the manifest changed since the live version was known in sync), not predicted by a dry run. */
  presumed?: boolean;
}

/** What comparison needs. */
export interface CompareInput {
  cluster: Cluster;
  appName: string;
  desired: KubeObject[];
  /** Resources the app managed before (status.resources): prune candidates when no longer desired. */
  previous: ResourceStatus[];
  ignoreDifferences: IgnoreDifferences;
  compare: ObjectComparer;
  /** The app's sync options (with each resource's own, they decide how the dry run treats undeclared fields: Validate=false). */
  syncOptions?: string[];
  /** Earlier answers for the same desired object and live version, so unchanged resources need no dry run. */
  cache?: ComparisonCache;
  /**
   * A sync that starts in this reconcile will apply every desired object: a resource whose live
   * version is known to match an earlier manifest and whose manifest changed is OutOfSync without
   * a dry run (the apply's result checks the presumption).
   */
  presume?: boolean;
}

const keyOf = (o: { kind?: string; group?: string; namespace?: string; name?: string }): string =>
  `${o.group ?? ''}/${o.kind ?? ''}/${o.namespace ?? ''}/${o.name ?? ''}`;

/** Group, version, kind, namespace and name of an object, as status entries name resources. */
export function identity(obj: KubeObject): { group: string; version: string; kind: string; namespace: string; name: string } {
  const apiVersion = obj.apiVersion ?? '';
  return {
    group: groupOf(apiVersion),
    version: apiVersion.includes('/') ? apiVersion.split('/')[1] ?? '' : apiVersion,
    kind: obj.kind ?? '',
    namespace: obj.metadata?.namespace ?? '',
    name: obj.metadata?.name ?? '',
  };
}

/** The live object of a kind from the cluster's watch cache, or undefined when the kind or object is absent. */
export async function liveObject(cluster: Cluster, ref: { apiVersion: string; kind: string; namespace?: string; name: string }): Promise<KubeObject | undefined> {
  try {
    const informer = await cluster.cache.informer(ref.apiVersion, ref.kind);
    return informer.get(ref.namespace || undefined, ref.name) as KubeObject | undefined;
  } catch (error) {
    if ((error as Error).name === 'NotFoundError') return undefined;
    throw error;
  }
}

async function compareOne(input: CompareInput, target: KubeObject): Promise<ComparedResource> {
  const id = identity(target);
  const live = await liveObject(input.cluster, { apiVersion: target.apiVersion ?? '', kind: id.kind, namespace: id.namespace, name: id.name });
  if (!live) return { ...id, target, status: 'OutOfSync', health: { status: 'Missing' } };
  const owner = parseTrackingId(live.metadata?.annotations?.[TRACKING_ANNOTATION]);
  const health = assessHealth(live);
  if (owner && owner.appName !== input.appName) {
    return { ...id, target, live, status: 'OutOfSync', health, sharedWith: owner.appName };
  }
  try {
    const modified = await isModified(input, target, live);
    if (modified === 'presumed') return { ...id, target, live, status: 'OutOfSync', health, presumed: true };
    return { ...id, target, live, status: modified ? 'OutOfSync' : 'Synced', health };
  } catch (error) {
    return { ...id, target, live, status: 'OutOfSync', health, message: messageOf(error) };
  }
}

/**
 * Whether applying `target` would change `live`: the answer kept for this manifest and live
 * version, 'presumed' when presuming is allowed and the manifest superseded a live version known
 * in sync, or a new dry run.
 */
async function isModified(input: CompareInput, target: KubeObject, live: KubeObject): Promise<boolean | 'presumed'> {
  const question = { cluster: input.cluster.name, target, live, ignore: input.ignoreDifferences };
  const known = input.cache?.modified(question);
  if (known !== undefined) return known;
  if (input.presume && input.cache?.superseded(question)) return 'presumed';
  const predicted = await writeResource(input.cluster, target, { mode: applyModeOf(input.syncOptions, target), dryRun: true });
  const { modified } = input.compare(predicted, live, input.ignoreDifferences);
  input.cache?.remember(question, modified);
  return modified;
}

/**
 * The live objects (from the watch cache) of resources the app recorded, each with its entry, left
 * out where the object is gone or does not carry this app's tracking id: gantry never prunes or
 * deletes what the app does not track (a copied manifest, another app's object).
 */
export async function trackedLiveObjects(cluster: Cluster, recorded: readonly ResourceStatus[], appName: string): Promise<{ recorded: ResourceStatus; live: KubeObject }[]> {
  const out: { recorded: ResourceStatus; live: KubeObject }[] = [];
  for (const r of recorded) {
    const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
    const live = await liveObject(cluster, { apiVersion, kind: r.kind, namespace: r.namespace, name: r.name });
    if (live && isTrackedBy(live, appName)) out.push({ recorded: r, live });
  }
  return out;
}

async function prunable(input: CompareInput, wanted: Set<string>): Promise<ComparedResource[]> {
  const candidates = input.previous.filter((r) => !wanted.has(keyOf(r)) && !r.hook);
  return (await trackedLiveObjects(input.cluster, candidates, input.appName)).map(({ recorded: r, live }) => ({
    group: r.group,
    version: r.version,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    live,
    status: 'OutOfSync',
    requiresPruning: true,
    health: assessHealth(live),
  }));
}

/**
 * Compares desired with live for every resource: a server-side-apply dry run predicts what applying
 * would leave, and that prediction is compared with the live object, so fields the server or other
 * controllers fill in never show as drift. Resources the app tracked before and no longer renders
 * are prune candidates, but only when their live object still carries this app's tracking id.
 */
export async function compareResources(input: CompareInput): Promise<ComparedResource[]> {
  const compared = await Promise.all(input.desired.map((t) => compareOne(input, t)));
  const wanted = new Set(compared.map(keyOf));
  return [...compared, ...(await prunable(input, wanted))];
}
