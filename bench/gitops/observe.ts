import { performance } from 'node:perf_hooks';
import type { Informer, KubeObject, ObjectChange } from '../../src/kube/index.js';

/** When the first and the last of a set of objects reached the wanted state (performance.now()). */
export interface Convergence {
  firstAt: number;
  lastAt: number;
}

/** A wait for a set of objects to reach a state, started before the change that should cause it. */
export interface ConvergenceWait {
  done: Promise<Convergence>;
  /** How many objects have not reached the state yet. */
  pending(): number;
  cancel(): void;
}

/** Which objects to wait for, and what state. */
export interface ConvergenceSpec {
  informer: Informer;
  /** `namespace/name` of each object. */
  keys: string[];
  reached: (obj: KubeObject) => boolean;
  timeoutMs: number;
  what: string;
}

/** The informer key of an object. */
export function keyOf(obj: { metadata: { namespace?: string; name?: string } }): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

/**
 * Waits, on watch events rather than polling, until every object named by `keys` satisfies
 * `reached`; each event is timestamped as it is handled, so the figure is as precise as the watch.
 * Objects already in the state count at once. Fails after `timeoutMs` saying how many are missing.
 */
export function awaitConvergence(spec: ConvergenceSpec): ConvergenceWait {
  const pending = new Set(spec.keys);
  let firstAt: number | undefined;
  let settle: { resolve: (c: Convergence) => void; reject: (e: Error) => void } | undefined;
  const done = new Promise<Convergence>((resolve, reject) => (settle = { resolve, reject }));
  // A wait nobody awaits any more (cancelled, or a sibling failed first) must not crash the process.
  done.catch(() => undefined);
  const finish = (error?: Error): void => {
    unsubscribe();
    clearTimeout(timer);
    if (error) settle?.reject(error);
    else settle?.resolve({ firstAt: firstAt ?? performance.now(), lastAt: performance.now() });
  };
  const see = (obj: KubeObject): void => {
    const key = keyOf(obj);
    if (!pending.has(key) || !spec.reached(obj)) return;
    pending.delete(key);
    firstAt ??= performance.now();
    if (pending.size === 0) finish();
  };
  const unsubscribe = spec.informer.onChange((c: ObjectChange) => {
    if (c.type !== 'deleted') see(c.object);
  });
  const timer = setTimeout(() => {
    const example = pending.values().next().value ?? '';
    finish(new Error(`${spec.what}: ${pending.size} of ${spec.keys.length} objects not there after ${spec.timeoutMs} ms (e.g. ${example})`));
  }, spec.timeoutMs);
  for (const key of spec.keys) {
    const [namespace, name] = key.split('/') as [string, string];
    const obj = spec.informer.get(namespace || undefined, name);
    if (obj) see(obj);
  }
  if (spec.keys.length === 0) finish();
  return { done, pending: () => pending.size, cancel: () => finish(new Error(`${spec.what}: cancelled`)) };
}

/** Waits for several sets at once; first is the earliest first, last the latest last. */
export async function allConverged(waits: ConvergenceWait[]): Promise<Convergence> {
  const all = await Promise.all(waits.map((w) => w.done));
  return { firstAt: Math.min(...all.map((c) => c.firstAt)), lastAt: Math.max(...all.map((c) => c.lastAt)) };
}

/** Writes seen by informers while counting: resourceVersion changes per kind. */
export interface WriteCount {
  total: number;
  byKind: Record<string, number>;
  /** Application updates that changed nothing but status.reconciledAt (the controller's periodic heartbeat). */
  heartbeatOnly: number;
}

/** Counts every add, update and delete the informers see until `stop` is called. */
export function countWrites(informers: Informer[]): { stop(): WriteCount } {
  const count: WriteCount = { total: 0, byKind: {}, heartbeatOnly: 0 };
  const offs = informers.map((informer) =>
    informer.onChange((c) => {
      if (c.type === 'updated' && c.old?.metadata.resourceVersion === c.object.metadata.resourceVersion) return;
      count.total++;
      count.byKind[informer.resource.kind] = (count.byKind[informer.resource.kind] ?? 0) + 1;
      if (c.type === 'updated' && c.old && onlyReconciledAtChanged(c.old, c.object)) count.heartbeatOnly++;
    }),
  );
  return {
    stop() {
      offs.forEach((off) => off());
      return count;
    },
  };
}

function onlyReconciledAtChanged(old: KubeObject, next: KubeObject): boolean {
  const strip = (o: KubeObject): string => {
    const status = { ...((o.status as Record<string, unknown> | undefined) ?? {}) };
    delete status.reconciledAt;
    return JSON.stringify([o.spec, status, o.metadata.annotations, o.metadata.labels]);
  };
  return (old.status as { reconciledAt?: string } | undefined)?.reconciledAt !== (next.status as { reconciledAt?: string } | undefined)?.reconciledAt && strip(old) === strip(next);
}
