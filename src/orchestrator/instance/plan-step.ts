/**
 * The one decision of an instance reconcile: from the graph, the instance and the children seen
 * live, which objects to apply now (every resource whose dependencies are ready, so independent
 * ones go together and dependants follow in dependency order), which wait and why, which are
 * excluded by includeWhen (with their dependants), and which live children to prune.
 */
import type { KubeObject } from '../../kube/index.js';
import type { GraphResource, ResourceGraph } from '../graph/types.js';
import type { ExpressionEvaluator } from './evaluator.js';
import { evaluateFor, expandResource } from './expand.js';
import type { InstanceIdentity } from './labels.js';

/** Where a resource stands for one instance after a step. */
export type ResourcePhase = 'Ready' | 'WaitingForReadiness' | 'Waiting' | 'Excluded' | 'Error';

/** One resource's outcome: its phase, why, and the objects it wants applied. */
export interface ResourceOutcome {
  id: string;
  phase: ResourcePhase;
  message?: string;
  desired: KubeObject[];
}

/** What a step decides. */
export interface InstanceStep {
  /** Objects to server-side apply now, in topological order. */
  apply: { id: string; object: KubeObject }[];
  /** Live children to delete: excluded, no longer in the graph, or no longer produced by a forEach. */
  prune: KubeObject[];
  /** Every resource's outcome, in topological order. */
  resources: ResourceOutcome[];
  /** Variables in scope after the step (`schema` and each resolved resource), for status projection. */
  variables: Record<string, unknown>;
}

/** What a step reads. */
export interface StepInput {
  graph: ResourceGraph;
  instance: KubeObject;
  /** Live children (and external objects) by resource id; ids not in the graph are pruned. */
  observed: Map<string, KubeObject[]>;
  evaluator: ExpressionEvaluator;
}

/** The instance as expressions see it: `schema.spec`, `schema.metadata`, ... (managed fields left out). */
export function schemaVariable(instance: KubeObject): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...instance, metadata: { ...instance.metadata } };
  delete (rest.metadata as Record<string, unknown>).managedFields;
  return rest;
}

/** The identity children of this instance carry. */
export function identityOf(graph: ResourceGraph, instance: KubeObject): InstanceIdentity {
  return { gvk: graph.instance.gvk, name: instance.metadata.name ?? '', namespace: instance.metadata.namespace, uid: instance.metadata.uid };
}

/** Plans one step of an instance. Pure: the controller applies `apply`, deletes `prune`, and writes status. */
export function planInstanceStep(input: StepInput): InstanceStep {
  const { graph, instance } = input;
  const byId = new Map(graph.resources.map((r) => [r.id, r]));
  const variables: Record<string, unknown> = { schema: schemaVariable(instance) };
  const outcomes = new Map<string, ResourceOutcome>();
  const ctx = { ...input, identity: identityOf(graph, instance), variables, outcomes };
  for (const id of graph.topologicalOrder) {
    const resource = byId.get(id);
    if (!resource) continue;
    const outcome = decideResource(resource, ctx);
    outcomes.set(id, outcome);
    const live = input.observed.get(id) ?? [];
    if (live.length > 0 || resource.forEach.length > 0) variables[id] = resource.forEach.length > 0 ? orderLike(outcome.desired, live) : live[0];
  }
  const resources = graph.topologicalOrder.flatMap((id) => outcomes.get(id) ?? []);
  const apply = resources.flatMap((o) => o.desired.map((object) => ({ id: o.id, object })));
  return { apply, prune: planPrune(input, outcomes), resources, variables };
}

interface DecideContext {
  evaluator: ExpressionEvaluator;
  observed: Map<string, KubeObject[]>;
  identity: InstanceIdentity;
  variables: Record<string, unknown>;
  outcomes: Map<string, ResourceOutcome>;
}

const outcome = (id: string, phase: ResourcePhase, message?: string, desired: KubeObject[] = []): ResourceOutcome => ({ id, phase, message, desired });

/** Decides one resource, its dependencies already decided. */
function decideResource(resource: GraphResource, ctx: DecideContext): ResourceOutcome {
  const deps = resource.dependencies.map((d) => ctx.outcomes.get(d)).filter((o) => o !== undefined);
  const excludedDep = deps.find((d) => d.phase === 'Excluded');
  if (excludedDep) return outcome(resource.id, 'Excluded', `depends on ${excludedDep.id}, which is excluded`);
  const included = evaluateIncludeWhen(resource, ctx);
  if (included !== true) return included;
  const blocked = deps.find((d) => d.phase !== 'Ready');
  if (blocked) return outcome(resource.id, 'Waiting', `waiting for ${blocked.id} to become ready`);
  if (resource.externalRef) return decideExternal(resource, ctx);
  const expansion = expandResource(resource, { evaluator: ctx.evaluator, variables: ctx.variables, instance: ctx.identity });
  if (!expansion.ok) return outcome(resource.id, expansion.pending ? 'Waiting' : 'Error', expansion.message);
  const readiness = assessReadiness(resource, expansion.objects, ctx);
  return outcome(resource.id, readiness.ready ? 'Ready' : 'WaitingForReadiness', readiness.message, expansion.objects);
}

/** True when every includeWhen holds; otherwise the outcome (excluded, waiting or error). */
function evaluateIncludeWhen(resource: GraphResource, ctx: DecideContext): true | ResourceOutcome {
  for (const expression of resource.includeWhen) {
    const r = evaluateFor(resource.id, expression, ctx);
    if (!r.ok) return outcome(resource.id, r.pending ? 'Waiting' : 'Error', r.message);
    if (typeof r.value !== 'boolean') return outcome(resource.id, 'Error', `resource ${resource.id}: includeWhen \${${expression}} must be a bool, got ${JSON.stringify(r.value)}`);
    if (!r.value) return outcome(resource.id, 'Excluded', `includeWhen \${${expression}} is false`);
  }
  return true;
}

/** An external object is read, never written: ready once it exists and its readyWhen holds. */
function decideExternal(resource: GraphResource, ctx: DecideContext): ResourceOutcome {
  const live = ctx.observed.get(resource.id) ?? [];
  const ref = resource.externalRef;
  if (live.length === 0) return outcome(resource.id, 'Waiting', `external ${ref?.kind} ${ref?.metadata.namespace ? `${ref.metadata.namespace}/` : ''}${ref?.metadata.name} does not exist yet`);
  const readiness = assessReadiness(resource, live, ctx);
  return outcome(resource.id, readiness.ready ? 'Ready' : 'WaitingForReadiness', readiness.message);
}

const keyOf = (o: KubeObject): string => `${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name ?? ''}`;

/** Ready when every desired object exists live and every readyWhen holds on it (`each` for collections). */
function assessReadiness(resource: GraphResource, desired: KubeObject[], ctx: DecideContext): { ready: boolean; message?: string } {
  const live = new Map((ctx.observed.get(resource.id) ?? []).map((o) => [keyOf(o), o]));
  for (const want of desired) {
    const have = resource.externalRef ? want : live.get(keyOf(want));
    if (!have) return { ready: false, message: `${want.kind} ${want.metadata.name} is not created yet` };
    const bound = resource.forEach.length > 0 ? { each: have } : { [resource.id]: have };
    for (const expression of resource.readyWhen) {
      const r = evaluateFor(resource.id, expression, { evaluator: ctx.evaluator, variables: { ...ctx.variables, ...bound } });
      if (!r.ok || r.value !== true) return { ready: false, message: `readyWhen \${${expression}} ${r.ok ? 'is not yet true' : `waits: ${r.message}`}` };
    }
  }
  return { ready: true };
}

/** Live objects in the order of the desired ones (a collection as its dependants see it); extras last. */
function orderLike(desired: KubeObject[], live: KubeObject[]): KubeObject[] {
  const byKey = new Map(live.map((o) => [keyOf(o), o]));
  const ordered = desired.flatMap((d) => byKey.get(keyOf(d)) ?? []);
  return ordered;
}

/** Children to delete: unknown ids, excluded resources, and objects a fully expanded resource no longer produces. */
function planPrune(input: StepInput, outcomes: Map<string, ResourceOutcome>): KubeObject[] {
  const out: KubeObject[] = [];
  const external = new Set(input.graph.resources.filter((r) => r.externalRef).map((r) => r.id));
  for (const [id, live] of input.observed) {
    if (external.has(id)) continue;
    const o = outcomes.get(id);
    if (!o || o.phase === 'Excluded') {
      out.push(...live.filter((c) => !c.metadata.deletionTimestamp));
      continue;
    }
    if (o.phase !== 'Ready' && o.phase !== 'WaitingForReadiness') continue;
    const wanted = new Set(o.desired.map(keyOf));
    out.push(...live.filter((c) => !wanted.has(keyOf(c)) && !c.metadata.deletionTimestamp));
  }
  return out;
}
