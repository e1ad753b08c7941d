/**
 * Deleting an instance: its children go in reverse topological order. A resource's objects are
 * deleted once nothing that depends on it (directly or through others) still exists, so
 * independent ones go together and dependencies go last. Children of ids the graph no longer has
 * go at once.
 */
import type { KubeObject } from '../../kube/index.js';
import type { ResourceGraph } from '../graph/types.js';

/** What to delete now and what is still there. */
export interface DeletionStep {
  delete: KubeObject[];
  /** Resource ids with live children (being deleted or waiting their turn). */
  remaining: string[];
}

/** The transitive dependants of every resource id. */
export function dependantsOf(graph: ResourceGraph): Map<string, Set<string>> {
  const direct = new Map<string, string[]>(graph.resources.map((r) => [r.id, []]));
  for (const r of graph.resources) for (const d of r.dependencies) direct.get(d)?.push(r.id);
  const out = new Map<string, Set<string>>();
  // Reverse topological order: a resource's dependants are complete before it is visited.
  for (const id of [...graph.topologicalOrder].reverse()) {
    const all = new Set<string>();
    for (const child of direct.get(id) ?? []) {
      all.add(child);
      for (const grand of out.get(child) ?? []) all.add(grand);
    }
    out.set(id, all);
  }
  return out;
}

/** Plans one deletion step from the live children by resource id (external objects excluded by the caller). */
export function planDeletion(graph: ResourceGraph, observed: Map<string, KubeObject[]>): DeletionStep {
  const dependants = dependantsOf(graph);
  const present = [...observed].filter(([, live]) => live.length > 0).map(([id]) => id);
  const presentSet = new Set(present);
  const del: KubeObject[] = [];
  for (const id of present) {
    const waiting = [...(dependants.get(id) ?? [])].some((d) => presentSet.has(d));
    if (waiting) continue;
    del.push(...(observed.get(id) ?? []).filter((o) => !o.metadata.deletionTimestamp));
  }
  const order = new Map(graph.topologicalOrder.map((id, i) => [id, i]));
  present.sort((a, b) => (order.get(b) ?? -1) - (order.get(a) ?? -1));
  return { delete: del, remaining: present };
}
