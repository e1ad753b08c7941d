import { assessResourceHealth } from '../health/generic-health.js';
import type { KubeObject } from '../kube-object.js';
import { identity, type ComparedResource } from './compare.js';
import type { OperationState } from './types.js';

const keyOf = (r: { group: string; kind: string; namespace: string; name: string }): string => `${r.group}/${r.kind}/${r.namespace}/${r.name}`;

/**
 * The comparison as it stands once a sync that finished in this reconcile applied `applied`
 * (desired object key -> the object the apiserver returned): each applied resource is Synced
 * with that object as live (applying the same manifest again would change nothing) and pruned
 * ones are gone. So the status written at the end of a sync already says Synced, and the next
 * reconcile, finding the same live versions, has nothing to write. Unchanged when the sync did
 * not succeed or applied nothing here.
 */
export function settleAfterSync(compared: ComparedResource[], state: OperationState | undefined, applied: ReadonlyMap<string, KubeObject>): ComparedResource[] {
  if (state?.phase !== 'Succeeded' || applied.size === 0) return compared;
  const pruned = new Set((state.syncResult?.resources ?? []).filter((r) => r.status === 'Pruned').map(keyOf));
  return compared.flatMap((c) => {
    if (c.requiresPruning) return pruned.has(keyOf(c)) ? [] : [c];
    const result = applied.get(keyOf(c));
    if (c.status !== 'OutOfSync' || c.sharedWith || !result) return [c];
    const settled: ComparedResource = { ...c, live: result, status: 'Synced', health: assessResourceHealth(result) };
    delete settled.message;
    return [settled];
  });
}

/** The key settleAfterSync looks an applied object up by. */
export function appliedKey(obj: KubeObject): string {
  return keyOf(identity(obj));
}
