/**
 * A directed acyclic graph of named vertices. An edge says "vertex depends on dependency"; adding
 * an edge that would close a cycle is refused. Orders break ties by insertion order.
 */
import { InputError } from '../../core/index.js';

/**
 * Raised when a dependency would close a cycle; `cycle` lists the vertices on it, first repeated
 * last. `edges`, when given, says for each step how the one vertex reads the next.
 */
export class CycleError extends InputError {
  readonly cycle: string[];

  constructor(cycle: string[], edges: readonly string[] = []) {
    const how = edges.length > 0 ? `: ${edges.join('; ')}` : '';
    super(`graph contains a cycle: ${cycle.join(' -> ')} (each reads the next)${how}; remove one of these references`);
    this.name = 'CycleError';
    this.cycle = cycle;
  }
}

/** The graph; build it with createDag. */
export interface Dag {
  addVertex(id: string): void;
  /** Records that `id` depends on each of `dependencies`; refuses unknown ids, self references and cycles. */
  addDependencies(id: string, dependencies: readonly string[]): void;
  /** Adds an edge without checks (tests use it to build a broken graph). */
  forceDependency(id: string, dependency: string): void;
  vertices(): string[];
  dependenciesOf(id: string): string[];
  /** Dependencies first; among vertices that are ready together, the earliest added first. */
  topologicalSort(): string[];
  /** Layers from the leaves up: each layer depends only on later ones (reverse creation order, for deletion). */
  reverseTopologicalLayers(): string[][];
}

/** Creates an empty graph. */
export function createDag(): Dag {
  const order = new Map<string, number>();
  const deps = new Map<string, Set<string>>();

  const need = (id: string): Set<string> => {
    const d = deps.get(id);
    if (!d) throw new InputError(`unknown vertex ${JSON.stringify(id)}`);
    return d;
  };

  const pathTo = (from: string, to: string, seen = new Set<string>()): string[] | undefined => {
    if (from === to) return [to];
    if (seen.has(from)) return undefined;
    seen.add(from);
    for (const next of deps.get(from) ?? []) {
      const rest = pathTo(next, to, seen);
      if (rest) return [from, ...rest];
    }
    return undefined;
  };

  return {
    addVertex(id) {
      if (deps.has(id)) throw new InputError(`vertex ${JSON.stringify(id)} is already in the graph`);
      order.set(id, order.size);
      deps.set(id, new Set());
    },
    addDependencies(id, dependencies) {
      const own = need(id);
      for (const d of dependencies) {
        need(d);
        if (d === id) throw new InputError(`${JSON.stringify(id)} cannot depend on itself`);
        const back = pathTo(d, id);
        if (back) throw new CycleError([id, ...back]);
        own.add(d);
      }
    },
    forceDependency(id, dependency) {
      need(id).add(dependency);
    },
    vertices: () => [...deps.keys()],
    dependenciesOf: (id) => [...need(id)],
    topologicalSort: () => sortLayers(deps, order, false).flat(),
    reverseTopologicalLayers: () => sortLayers(deps, order, true),
  };
}

function findCycle(deps: Map<string, Set<string>>, remaining: Set<string>): string[] {
  const start = [...remaining][0] ?? '';
  const path: string[] = [];
  let at = start;
  while (!path.includes(at)) {
    path.push(at);
    at = [...(deps.get(at) ?? [])].find((d) => remaining.has(d)) ?? start;
  }
  return [...path.slice(path.indexOf(at)), at];
}

/**
 * Kahn's algorithm. Forward: one vertex per layer, always the ready vertex added earliest.
 * Reverse: vertices nothing remaining depends on, a whole layer at a time.
 */
function sortLayers(deps: Map<string, Set<string>>, order: Map<string, number>, reverse: boolean): string[][] {
  const remaining = new Set(deps.keys());
  const layers: string[][] = [];
  const byOrder = (a: string, b: string): number => (order.get(a) ?? 0) - (order.get(b) ?? 0);
  while (remaining.size > 0) {
    const ready = [...remaining].filter((v) => (reverse ? !dependedOn(deps, remaining, v) : allDone(deps, remaining, v))).sort(byOrder);
    if (ready.length === 0) throw new CycleError(findCycle(deps, remaining));
    const layer = reverse ? ready : ready.slice(0, 1);
    for (const v of layer) remaining.delete(v);
    layers.push(layer);
  }
  return layers;
}

function allDone(deps: Map<string, Set<string>>, remaining: Set<string>, v: string): boolean {
  for (const d of deps.get(v) ?? []) if (remaining.has(d)) return false;
  return true;
}

function dependedOn(deps: Map<string, Set<string>>, remaining: Set<string>, v: string): boolean {
  for (const other of remaining) if (deps.get(other)?.has(v)) return true;
  return false;
}
