/**
 * The controller of one generated kind: it watches the kind's instances and every child kind, and
 * reconciles one instance per key, one step at a time (apply what is ready to apply, prune what is
 * excluded, write status); deletion goes through kro's finalizer in reverse topological order.
 * Everything it decides comes from plan-step and plan-deletion; this file only acts.
 */
import { ConflictError, formatNameKey, messageOf, parseNameKey, type Clock, type Logger } from '../../core/index.js';
import type { Cluster, Informer, KubeObject, ObjectChange } from '../../kube/index.js';
import { createController, type Controller, type ControllerMetrics, type ReconcileResult, type Runnable } from '../../runtime/index.js';
import { apiVersionOf } from '../graph/resource-node.js';
import type { ResourceGraph } from '../graph/types.js';
import { writeObjectStatus } from '../status-writer.js';
import { CHILD_SELECTOR, changeMatters, childKinds, collectChildren, instanceKeyOf, observedIds, readExternals } from './children.js';
import type { ExpressionEvaluator } from './evaluator.js';
import { actOnStep, createAppliedCache, type AppliedCache } from './apply-step.js';
import { buildInstanceStatus, deletingStatus, type Condition } from './instance-status.js';
import { KRO_FINALIZER, instanceLabels } from './labels.js';
import { planDeletion } from './plan-deletion.js';
import { identityOf, planInstanceStep, schemaVariable } from './plan-step.js';

/** What an instance controller needs. */
export interface InstanceControllerOptions {
  hub: Cluster;
  rgd: { name: string; uid?: string };
  graph: ResourceGraph;
  evaluator: ExpressionEvaluator;
  workers?: number;
  clock: Clock;
  log: Logger;
}

/** A running instance controller; its graph can be swapped when the RGD changes. */
export interface InstanceController extends Runnable {
  setGraph(graph: ResourceGraph): Promise<void>;
  graph(): ResourceGraph;
  metrics(): ControllerMetrics;
}

/** How soon an instance that waits on something unwatched (an external object) is looked at again. */
const EXTERNAL_REQUEUE_MS = 10_000;
/** A safety net for an instance in progress whose children are all watched. */
const IN_PROGRESS_REQUEUE_MS = 60_000;

/** What a change to an instance must touch off: anything but our own status write. */
const WATCHED = (o: KubeObject): string => JSON.stringify([o.spec, o.metadata.labels, o.metadata.annotations, o.metadata.deletionTimestamp, o.metadata.finalizers, o.metadata.generation]);

/** Creates the controller of one RGD's instances. */
export function createInstanceController(o: InstanceControllerOptions): InstanceController {
  let graph = o.graph;
  let read = observedIds(graph);
  let ids = graph.resources.map((r) => r.id);
  const name = `instances:${o.rgd.name}`;
  const log = o.log.child({ controller: name });
  let instances: Informer | undefined;
  const children = new Map<string, Informer>();
  const unsubscribe: (() => void)[] = [];
  const applied = createAppliedCache();
  const controller: Controller = createController({ name, workers: o.workers ?? 4, clock: o.clock, log, reconcile: (key) => reconcile(key) });
  const enqueueAll = (): void => instances?.list().forEach((i) => controller.enqueue(formatNameKey(i.metadata.namespace, i.metadata.name ?? '')));

  const watchChildren = async (): Promise<void> => {
    for (const k of childKinds(graph)) {
      const key = `${k.apiVersion}|${k.kind}`;
      if (children.has(key)) continue;
      const informer = await o.hub.cache.informer(k.apiVersion, k.kind, { labelSelector: CHILD_SELECTOR });
      children.set(key, informer);
      unsubscribe.push(informer.onChange((c: ObjectChange) => {
        const target = instanceKeyOf(c, graph.instance.gvk);
        if (target && changeMatters(c, read, ids)) controller.enqueue(target);
      }));
    }
  };

  const reconcile = async (key: string): Promise<ReconcileResult> => {
    const { namespace, name: instanceName } = parseNameKey(key);
    const instance = instances?.get(namespace, instanceName);
    if (!instance) return {};
    const deps: StepDeps = { hub: o.hub, graph, evaluator: o.evaluator, children: [...children.values()], applied, clock: o.clock, log, rgd: o.rgd };
    if (instance.metadata.deletionTimestamp) return finalizeInstance(instance, deps);
    const managed = await ensureManaged(instance, deps);
    return stepInstance(managed, deps);
  };

  return {
    name,
    async start(signal) {
      instances = await o.hub.cache.informer(apiVersionOf(graph.instance.gvk), graph.instance.gvk.kind);
      unsubscribe.push(instances.onChange((c) => {
        if (c.type !== 'updated' || !c.old || WATCHED(c.old) !== WATCHED(c.object)) controller.enqueue(formatNameKey(c.object.metadata.namespace, c.object.metadata.name ?? ''));
      }));
      await watchChildren();
      enqueueAll();
      await controller.start(signal);
    },
    async stop() {
      unsubscribe.splice(0).forEach((u) => u());
      await controller.stop();
    },
    async setGraph(next) {
      graph = next;
      read = observedIds(graph);
      ids = graph.resources.map((r) => r.id);
      await watchChildren();
      enqueueAll();
    },
    graph: () => graph,
    metrics: () => controller.metrics(),
  };
}

/** What one reconcile of an instance works with. */
export interface StepDeps {
  hub: Cluster;
  graph: ResourceGraph;
  evaluator: ExpressionEvaluator;
  children: Informer[];
  applied: AppliedCache;
  rgd: { name: string; uid?: string };
  clock: Clock;
  log: Logger;
}

const targetOf = (o: KubeObject): { apiVersion: string; kind: string; namespace?: string; name: string } => ({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name ?? '' });
const hasStatusSubresource = (graph: ResourceGraph): boolean => {
  const versions = ((graph.instance.crd.spec as { versions?: { subresources?: { status?: unknown } }[] } | undefined)?.versions) ?? [];
  return versions.some((v) => v.subresources?.status !== undefined);
};

/** Adds kro's finalizer and labels to an instance that lacks them (optimistically locked). */
async function ensureManaged(instance: KubeObject, deps: StepDeps, retried = false): Promise<KubeObject> {
  const labels = instanceLabels(deps.rgd);
  const finalizers = instance.metadata.finalizers ?? [];
  const hasLabels = Object.entries(labels).every(([k, v]) => instance.metadata.labels?.[k] === v);
  if (finalizers.includes(KRO_FINALIZER) && hasLabels) return instance;
  const patch = { metadata: { resourceVersion: instance.metadata.resourceVersion, labels, finalizers: finalizers.includes(KRO_FINALIZER) ? finalizers : [...finalizers, KRO_FINALIZER] } };
  try {
    return await deps.hub.api.patch<KubeObject>(targetOf(instance), patch, { type: 'merge' });
  } catch (error) {
    // The cached copy was behind (our own status write, usually): once more from a fresh read.
    if (!(error instanceof ConflictError) || retried) throw error;
    const fresh = await deps.hub.api.get<KubeObject>(targetOf(instance));
    if (!fresh) throw error;
    return ensureManaged(fresh, deps, true);
  }
}

/** One step: observe, plan, act, write status. */
async function stepInstance(instance: KubeObject, deps: StepDeps): Promise<ReconcileResult> {
  const identity = identityOf(deps.graph, instance);
  const observed = collectChildren(deps.children, deps.graph, identity);
  const externals = await readExternals(deps.hub, deps.graph, { namespace: instance.metadata.namespace, variables: { schema: schemaVariable(instance) }, evaluator: deps.evaluator });
  for (const [id, objs] of externals) observed.set(id, objs);
  const step = planInstanceStep({ graph: deps.graph, instance, observed, evaluator: deps.evaluator });
  const failures = await actOnStep(step, { api: deps.hub.api, applied: deps.applied, observed, log: deps.log });
  const status = buildInstanceStatus({
    graph: deps.graph,
    resources: step.resources,
    variables: step.variables,
    evaluator: deps.evaluator,
    failures,
    previous: instance.status as { conditions?: Condition[] } | undefined,
    generation: instance.metadata.generation,
    now: new Date(deps.clock.now()).toISOString(),
  });
  await writeObjectStatus(deps.hub.api, instance, status, { subresource: hasStatusSubresource(deps.graph) });
  if (failures.some((f) => f.retryable)) return { requeueAfterMs: 2000 };
  if (status.state === 'ACTIVE') return {};
  return { requeueAfterMs: deps.graph.resources.some((r) => r.externalRef) ? EXTERNAL_REQUEUE_MS : IN_PROGRESS_REQUEUE_MS };
}

/** Deletes an instance's children in reverse topological order, then releases the finalizer. */
async function finalizeInstance(instance: KubeObject, deps: StepDeps): Promise<ReconcileResult> {
  const finalizers = instance.metadata.finalizers ?? [];
  if (!finalizers.includes(KRO_FINALIZER)) return {};
  const observed = collectChildren(deps.children, deps.graph, identityOf(deps.graph, instance));
  const step = planDeletion(deps.graph, observed);
  await Promise.all(step.delete.map((child) => deps.hub.api.delete(targetOf(child), { propagationPolicy: 'Background' })));
  const at = { previous: instance.status as { conditions?: Condition[] } | undefined, generation: instance.metadata.generation, now: new Date(deps.clock.now()).toISOString() };
  if (step.remaining.length > 0) {
    await writeObjectStatus(deps.hub.api, instance, deletingStatus(step.remaining, at, instance.status as Record<string, unknown>), { subresource: hasStatusSubresource(deps.graph) }).catch((e: unknown) => deps.log.debug('status write during deletion failed', { error: messageOf(e) }));
    return { requeueAfterMs: 1000 };
  }
  const patch = { metadata: { resourceVersion: instance.metadata.resourceVersion, finalizers: finalizers.filter((f) => f !== KRO_FINALIZER) } };
  await deps.hub.api.patch(targetOf(instance), patch, { type: 'merge' }).catch((e: unknown) => {
    if ((e as Error).name !== 'NotFoundError') throw e;
  });
  return {};
}
