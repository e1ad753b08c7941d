/**
 * The ResourceGraphDefinition controller: for each RGD, build its graph (through the injected
 * builder and a resolver over discovery and OpenAPI), register the generated kind's CRD, run one
 * instance controller per RGD, and report all of it in the RGD's status. Deleting an RGD waits (on
 * kro's finalizer) until its instances are gone, keeping their controller running meanwhile so each
 * instance's own finalizer is honoured and its children deleted; then the controller stops. The
 * CRD stays, as kro leaves it.
 */
import { messageOf, NotFoundError, type Clock, type Logger, type Result } from '../../core/index.js';
import type { Cluster, Informer, KubeObject } from '../../kube/index.js';
import { createController, type Controller, type ReconcileResult, type Runnable } from '../../runtime/index.js';
import { apiVersionOf } from '../graph/resource-node.js';
import type { ResourceGraph, SchemaResolver } from '../graph/types.js';
import type { ExpressionEvaluator } from '../instance/evaluator.js';
import { createInstanceController, type InstanceController } from '../instance/instance-controller.js';
import { KRO_FINALIZER } from '../instance/labels.js';
import { writeObjectStatus } from '../status-writer.js';
import { registerKind } from './register-kind.js';
import { buildRgdStatus, type RgdOutcome } from './rgd-status.js';
import { RGD_CRD } from './rgd-crd.js';
import { createSchemaResolver, type KubeSchemaResolver } from './schema-resolver.js';
import type { Condition } from '../instance/instance-status.js';

/** Builds the graph of an RGD: the pure builder's entry point, as a port. */
export type GraphBuilder = (rgd: KubeObject, resolver: SchemaResolver) => Promise<Result<ResourceGraph>>;

/** What the orchestrator needs. */
export interface OrchestratorOptions {
  hub: Cluster;
  buildGraph: GraphBuilder;
  evaluator: ExpressionEvaluator;
  /** Workers per instance controller. */
  instanceWorkers?: number;
  /**
   * Only RGDs with these labels (`key=value,...`); all when absent. Lets two orchestrators share
   * a cluster without fighting over each other's RGDs (tests; a staged rollout).
   */
  rgdSelector?: string;
  clock: Clock;
  log: Logger;
}

/** The orchestrator: the RGD controller and the instance controllers it runs. */
export interface Orchestrator extends Runnable {
  /** Names of the RGDs whose instance controller runs. */
  running(): string[];
  /** The instance controller of an RGD, for status pages and benchmarks. */
  instanceController(rgdName: string): InstanceController | undefined;
}

const RGD_API = 'kro.run/v1alpha1';
/** How soon a rejected RGD is tried again (a missing CRD it uses may have been installed since). */
const REJECTED_REQUEUE_MS = 30_000;
/** How often a deleted RGD looks again whether its last instance is gone. */
const INSTANCES_LEFT_REQUEUE_MS = 2000;

/** Creates the orchestrator. */
export function createOrchestrator(o: OrchestratorOptions): Orchestrator {
  const log = o.log.child({ controller: 'resourcegraphdefinitions' });
  const resolver: KubeSchemaResolver = createSchemaResolver({ api: o.hub.api, clock: o.clock });
  const controllers = new Map<string, InstanceController>();
  let rgds: Informer | undefined;
  let signal: AbortSignal | undefined;
  const controller: Controller = createController({ name: 'resourcegraphdefinitions', workers: 2, clock: o.clock, log, reconcile: (key) => reconcile(key) });

  const stopInstances = async (name: string): Promise<void> => {
    const running = controllers.get(name);
    controllers.delete(name);
    await running?.stop?.();
  };

  const runInstances = async (rgd: KubeObject, graph: ResourceGraph): Promise<RgdOutcome['controller']> => {
    const name = rgd.metadata.name ?? '';
    let running = controllers.get(name);
    try {
      // A new kind needs a new informer: restart rather than swap the graph.
      if (running && JSON.stringify(running.graph().instance.gvk) !== JSON.stringify(graph.instance.gvk)) {
        await stopInstances(name);
        running = undefined;
      }
      if (running && JSON.stringify(running.graph()) !== JSON.stringify(graph)) await running.setGraph(graph);
      if (!running) {
        const created = createInstanceController({ hub: o.hub, rgd: { name, uid: rgd.metadata.uid }, graph, evaluator: o.evaluator, workers: o.instanceWorkers, clock: o.clock, log: o.log });
        await created.start(signal ?? new AbortController().signal);
        controllers.set(name, created);
      }
      return { running: true, message: 'controller is running' };
    } catch (error) {
      return { running: false, message: `the controller for kind ${graph.instance.gvk.kind} failed to start: ${messageOf(error)}` };
    }
  };

  const reconcile = async (name: string): Promise<ReconcileResult> => {
    const rgd = await o.hub.api.get<KubeObject>({ apiVersion: RGD_API, kind: 'ResourceGraphDefinition', name });
    if (!rgd || !matchesSelector(rgd, o.rgdSelector)) {
      await stopInstances(name);
      return {};
    }
    if (rgd.metadata.deletionTimestamp) return finalizeRgd(rgd);
    const managed = await ensureFinalizer(o.hub, rgd);
    const outcome = await evaluateRgd(managed);
    const kind = (managed.spec as { schema?: { kind?: string } } | undefined)?.schema?.kind ?? '?';
    const status = buildRgdStatus(outcome, { kind, previous: managed.status as { conditions?: Condition[] }, generation: managed.metadata.generation, now: new Date(o.clock.now()).toISOString() });
    await writeObjectStatus(o.hub.api, managed, status, { subresource: true });
    if (!outcome.graph) return { requeueAfterMs: REJECTED_REQUEUE_MS };
    return outcome.kind?.ready && outcome.controller?.running ? {} : { requeueAfterMs: 2000 };
  };

  const evaluateRgd = async (rgd: KubeObject): Promise<RgdOutcome> => {
    const built = await o.buildGraph(rgd, resolver);
    if (!built.ok) {
      log.info('resource graph rejected', { rgd: rgd.metadata.name, error: built.error.message });
      return { graphError: built.error.message };
    }
    const graph = built.value;
    const kind = await registerKind(o.hub, graph, { rgd: { name: rgd.metadata.name ?? '', uid: rgd.metadata.uid }, clock: o.clock });
    if (!kind.ready) return { graph, kind };
    return { graph, kind, controller: await runInstances(rgd, graph) };
  };

  const finalizeRgd = async (rgd: KubeObject): Promise<ReconcileResult> => {
    const name = rgd.metadata.name ?? '';
    const left = await instancesLeft(o.hub, instanceApiOf(rgd, controllers.get(name)));
    if (left > 0) {
      // Their finalizers need the controller: (re)start it, e.g. after a restart, and wait.
      if (!controllers.has(name)) await evaluateRgd(rgd);
      log.info('RGD deletion waits for its instances to be deleted', { rgd: name, instances: left });
      return { requeueAfterMs: INSTANCES_LEFT_REQUEUE_MS };
    }
    await stopInstances(name);
    const finalizers = rgd.metadata.finalizers ?? [];
    if (finalizers.includes(KRO_FINALIZER)) {
      await o.hub.api.patch({ apiVersion: RGD_API, kind: 'ResourceGraphDefinition', name: rgd.metadata.name ?? '' }, { metadata: { finalizers: finalizers.filter((f) => f !== KRO_FINALIZER) } }, { type: 'merge' });
    }
    return {};
  };

  return {
    name: 'resourcegraphdefinitions',
    async start(s) {
      signal = s;
      await installRgdApi(o.hub, o.clock);
      rgds = await o.hub.cache.informer(RGD_API, 'ResourceGraphDefinition', o.rgdSelector ? { labelSelector: o.rgdSelector } : {});
      rgds.onChange((c) => {
        if (c.type === 'updated' && c.old && JSON.stringify([c.old.spec, c.old.metadata.deletionTimestamp]) === JSON.stringify([c.object.spec, c.object.metadata.deletionTimestamp])) return;
        controller.enqueue(c.object.metadata.name ?? '');
      });
      for (const r of rgds.list()) controller.enqueue(r.metadata.name ?? '');
      await controller.start(s);
    },
    async stop() {
      await controller.stop();
      await Promise.all([...controllers.keys()].map((n) => stopInstances(n)));
    },
    running: () => [...controllers.keys()],
    instanceController: (name) => controllers.get(name),
  };
}

/** Whether an object carries every `key=value` of an equality selector (no selector: yes). */
export function matchesSelector(obj: KubeObject, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [key, value] = term.split('=').map((s) => s.trim());
    return key !== undefined && obj.metadata.labels?.[key] === (value ?? '');
  });
}

/** The apiVersion and kind of an RGD's instances: from its running graph, else from its schema. */
export function instanceApiOf(rgd: KubeObject, running: InstanceController | undefined): { apiVersion: string; kind: string } {
  const gvk = running?.graph().instance.gvk;
  if (gvk) return { apiVersion: apiVersionOf(gvk), kind: gvk.kind };
  const schema = (rgd.spec as { schema?: { group?: string; apiVersion?: string; kind?: string } } | undefined)?.schema ?? {};
  return { apiVersion: `${schema.group ?? 'kro.run'}/${schema.apiVersion ?? ''}`, kind: schema.kind ?? '' };
}

/** How many instances of a kind exist (at most one page's worth); none when the kind is not served. */
async function instancesLeft(hub: Cluster, api: { apiVersion: string; kind: string }): Promise<number> {
  try {
    return (await hub.api.list(api.apiVersion, api.kind, { limit: 50 })).items.length;
  } catch (error) {
    if (error instanceof NotFoundError) return 0;
    throw error;
  }
}

/** Adds kro's finalizer to an RGD that lacks it. */
async function ensureFinalizer(hub: Cluster, rgd: KubeObject): Promise<KubeObject> {
  const finalizers = rgd.metadata.finalizers ?? [];
  if (finalizers.includes(KRO_FINALIZER)) return rgd;
  const patch = { metadata: { resourceVersion: rgd.metadata.resourceVersion, finalizers: [...finalizers, KRO_FINALIZER] } };
  return hub.api.patch<KubeObject>({ apiVersion: RGD_API, kind: 'ResourceGraphDefinition', name: rgd.metadata.name ?? '' }, patch, { type: 'merge' });
}

/** Registers the ResourceGraphDefinition CRD (unless a cluster already has kro's own) and waits for it. */
export async function installRgdApi(hub: Cluster, clock: Clock): Promise<void> {
  const name = RGD_CRD.metadata.name ?? '';
  const existing = await hub.api.get<KubeObject>({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name });
  if (!existing || existing.metadata.labels?.['app.kubernetes.io/part-of'] === 'gantry') await hub.api.apply(RGD_CRD);
  for (let i = 0; i < 100; i++) {
    const crd = await hub.api.get<KubeObject>({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name });
    const conditions = (crd?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
    if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) {
      hub.api.discovery.invalidate();
      return;
    }
    await clock.sleep(100);
  }
  throw new Error(`CRD ${name} was not established within 10 s: check the apiserver's log`);
}
