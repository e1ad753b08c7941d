import { createHash } from 'node:crypto';
import type { Clock } from '../../core/index.js';
import type { IgnoreDifferences } from '../diff/ignore-differences.js';
import type { KubeObject } from '../kube-object.js';

/**
 * What comparing a desired object with a live version found, remembered so that a reconcile that
 * sees the same desired object and the same live resourceVersion does not ask the apiserver for
 * another server-side-apply dry run (Argo CD's server-side diff caches the same way: a new dry run
 * only for a new manifest or a changed live object).
 */
export interface ComparisonCache {
  /** Whether the target differs from the live object, when that exact question was answered before. */
  modified(q: ComparisonQuestion): boolean | undefined;
  /**
   * Whether the live version is known to be what an earlier, different manifest of the resource
   * leaves (an apply's result, or a dry run that found nothing to change) while `target` is new:
   * applying `target` will most likely change it. A presumption, never an answer: the caller
   * checks it against what the apply returns.
   */
  superseded(q: ComparisonQuestion): boolean;
  /** Whether `obj` is exactly what gantry's last apply of it returned (same uid and resourceVersion): its watch event brings nothing new. */
  isOwnApply(cluster: string, obj: KubeObject): boolean;
  /** Remembers the answer of a dry run. */
  remember(q: ComparisonQuestion, modified: boolean): void;
  /** Remembers that applying `applied` left `result`: applying it again would change nothing, whatever is ignored. */
  applied(cluster: string, applied: KubeObject, result: KubeObject): void;
}

/** One comparison: a desired object against a live version of it, under the app's ignore rules. */
export interface ComparisonQuestion {
  cluster: string;
  target: KubeObject;
  live: KubeObject;
  ignore: IgnoreDifferences;
}

interface Entry {
  target: string;
  uid: string;
  resourceVersion: string;
  /** The ignore rules the answer holds for; ANY_RULES after an apply. */
  rules: string;
  modified: boolean;
  at: number;
}

const ANY_RULES = '*';
const MAX_ENTRIES = 200_000;

/**
 * Creates the cache: one entry per resource (the latest answer), each trusted for `maxAgeMs` at
 * most, so a change the live object does not show (a new CRD default, a mutating webhook) is seen
 * by the next dry run after that.
 */
export function createComparisonCache(options: { clock: Clock; maxAgeMs: number }): ComparisonCache {
  const entries = new Map<string, Entry>();
  const rulesKeys = new WeakMap<IgnoreDifferences, string>();
  const fingerprints = new WeakMap<KubeObject, string>();
  const rulesOf = (ignore: IgnoreDifferences): string => {
    let key = rulesKeys.get(ignore);
    if (key === undefined) rulesKeys.set(ignore, (key = JSON.stringify(ignore.rules, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v))));
    return key;
  };
  const store = (id: string, entry: Entry): void => {
    if (entries.size >= MAX_ENTRIES && !entries.has(id)) entries.delete(entries.keys().next().value as string);
    entries.delete(id);
    entries.set(id, entry);
  };
  const current = (cluster: string, target: KubeObject, live: KubeObject): Entry | undefined => {
    const entry = entries.get(identity(cluster, target));
    if (!entry || options.clock.now() - entry.at >= options.maxAgeMs) return undefined;
    const version = versionOf(live);
    return entry.uid === version.uid && entry.resourceVersion === version.resourceVersion ? entry : undefined;
  };
  return {
    modified({ cluster, target, live, ignore }) {
      const entry = current(cluster, target, live);
      if (!entry) return undefined;
      if (entry.rules !== ANY_RULES && entry.rules !== rulesOf(ignore)) return undefined;
      return entry.target === fingerprint(target, fingerprints) ? entry.modified : undefined;
    },
    superseded({ cluster, target, live }) {
      const entry = current(cluster, target, live);
      return entry !== undefined && !entry.modified && entry.target !== fingerprint(target, fingerprints);
    },
    isOwnApply(cluster, obj) {
      const entry = current(cluster, obj, obj);
      return entry !== undefined && entry.rules === ANY_RULES && entry.resourceVersion !== '';
    },
    remember({ cluster, target, live, ignore }, modified) {
      store(identity(cluster, target), { target: fingerprint(target, fingerprints), ...versionOf(live), rules: rulesOf(ignore), modified, at: options.clock.now() });
    },
    applied(cluster, applied, result) {
      const version = versionOf(result);
      if (!version.resourceVersion) return;
      store(identity(cluster, applied), { target: fingerprint(applied, fingerprints), ...version, rules: ANY_RULES, modified: false, at: options.clock.now() });
    },
  };
}

function versionOf(obj: KubeObject): { uid: string; resourceVersion: string } {
  const m = obj.metadata ?? {};
  return { uid: typeof m.uid === 'string' ? m.uid : '', resourceVersion: typeof m.resourceVersion === 'string' ? m.resourceVersion : '' };
}

function identity(cluster: string, obj: KubeObject): string {
  return `${cluster}|${obj.apiVersion ?? ''}|${obj.kind ?? ''}|${obj.metadata?.namespace ?? ''}|${obj.metadata?.name ?? ''}`;
}

/**
 * A digest of a manifest, kept per object in `memo`: desired objects are not changed once
 * rendered, and one reconcile asks about the same desired object several times (compare, apply).
 */
function fingerprint(obj: KubeObject, memo: WeakMap<KubeObject, string>): string {
  let digest = memo.get(obj);
  if (digest === undefined) memo.set(obj, (digest = createHash('sha1').update(JSON.stringify(obj)).digest('base64')));
  return digest;
}
