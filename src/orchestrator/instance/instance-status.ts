/**
 * The status gantry writes on an instance, in kro's shape: `state` (IN_PROGRESS, ACTIVE,
 * DELETING, ERROR), the conditions InstanceManaged, GraphResolved, ResourcesReady and Ready, and
 * the RGD's `spec.schema.status` fields projected from the resources (a field whose data is not
 * there yet is left out rather than guessed).
 */
import type { ResourceGraph } from '../graph/types.js';
import type { ExpressionEvaluator } from './evaluator.js';
import { parseFieldPath, setAtPath } from '../graph/field-path.js';
import type { ResourceOutcome } from './plan-step.js';

/** An instance's high-level state, spelt as kro spells it. */
export type InstanceState = 'IN_PROGRESS' | 'ACTIVE' | 'DELETING' | 'ERROR';

/** A status condition in the Kubernetes shape. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

/** A failed apply or delete of one resource, from the acting half. */
export interface ActionFailure {
  id: string;
  message: string;
}

/** What the status is built from. */
export interface StatusInput {
  graph: ResourceGraph;
  resources: ResourceOutcome[];
  variables: Record<string, unknown>;
  evaluator: ExpressionEvaluator;
  failures: ActionFailure[];
  previous?: { conditions?: Condition[] };
  generation?: number;
  now: string;
}

/** Projects `spec.schema.status` fields: evaluated values at their paths; pending ones left out. */
export function projectStatusFields(graph: ResourceGraph, variables: Record<string, unknown>, evaluator: ExpressionEvaluator): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of graph.instance.statusFields) {
    const r = evaluator.evaluate(field.expression, variables);
    if (!r.ok || r.value === undefined) continue;
    const path = parseFieldPath(field.path);
    const relative = path[0] === 'status' && path.length > 1 ? path.slice(1) : path;
    if (relative[0] === 'state' || relative[0] === 'conditions') continue;
    setAtPath(out, relative, field.standalone || typeof r.value === 'string' ? r.value : String(r.value));
  }
  return out;
}

/** The state a set of outcomes adds up to. */
export function instanceStateOf(resources: ResourceOutcome[], failures: ActionFailure[]): InstanceState {
  if (failures.length > 0 || resources.some((r) => r.phase === 'Error')) return 'ERROR';
  return resources.every((r) => r.phase === 'Ready' || r.phase === 'Excluded') ? 'ACTIVE' : 'IN_PROGRESS';
}

type ConditionCore = Pick<Condition, 'type' | 'status' | 'reason' | 'message'>;

/** GraphResolved and ResourcesReady from the outcomes and the action failures. */
function subConditions(resources: ResourceOutcome[], failures: ActionFailure[]): ConditionCore[] {
  const errors = resources.filter((r) => r.phase === 'Error');
  const graphResolved: ConditionCore = errors.length > 0
    ? { type: 'GraphResolved', status: 'False', reason: 'ResolutionFailed', message: errors.map((e) => e.message ?? e.id).join('; ') }
    : { type: 'GraphResolved', status: 'True', reason: 'Resolved', message: 'runtime graph created and all resources resolved' };
  const notReady = resources.filter((r) => r.phase !== 'Ready' && r.phase !== 'Excluded' && r.phase !== 'Error');
  let resourcesReady: ConditionCore = { type: 'ResourcesReady', status: 'True', reason: 'AllResourcesReady', message: 'all resources are created and ready' };
  if (failures.length > 0) {
    resourcesReady = { type: 'ResourcesReady', status: 'False', reason: 'ApplyFailed', message: failures.map((f) => `resource ${f.id}: ${f.message}`).join('; ') };
  } else if (notReady.length > 0 || errors.length > 0) {
    const message = notReady.map((r) => `${r.id}: ${r.message ?? r.phase}`).join('; ') || 'blocked by resources that failed to resolve';
    resourcesReady = { type: 'ResourcesReady', status: 'False', reason: 'NotReady', message };
  }
  return [graphResolved, resourcesReady];
}

/** The four conditions, keeping each one's transition time while its status is unchanged. */
export function instanceConditions(input: StatusInput): Condition[] {
  const managed: ConditionCore = { type: 'InstanceManaged', status: 'True', reason: 'Managed', message: 'instance is properly managed with finalizers and labels' };
  const subs = [managed, ...subConditions(input.resources, input.failures)];
  const allTrue = subs.every((c) => c.status === 'True');
  const firstFalse = subs.find((c) => c.status !== 'True');
  const ready: ConditionCore = allTrue
    ? { type: 'Ready', status: 'True', reason: 'Ready', message: 'all resources are created and ready' }
    : { type: 'Ready', status: 'False', reason: firstFalse?.reason ?? 'NotReady', message: firstFalse?.message || 'not ready' };
  return stampConditions([...subs, ready], input);
}

/** Adds lastTransitionTime (kept from the previous condition of the same type and status) and observedGeneration. */
export function stampConditions(conditions: ConditionCore[], input: Pick<StatusInput, 'previous' | 'generation' | 'now'>): Condition[] {
  const before = new Map((input.previous?.conditions ?? []).map((c) => [c.type, c]));
  return conditions.map((c) => {
    const prev = before.get(c.type);
    const lastTransitionTime = prev && prev.status === c.status ? prev.lastTransitionTime : input.now;
    return { ...c, lastTransitionTime, ...(input.generation !== undefined ? { observedGeneration: input.generation } : {}) };
  });
}

/** The whole status object to write. */
export function buildInstanceStatus(input: StatusInput): Record<string, unknown> {
  return {
    ...projectStatusFields(input.graph, input.variables, input.evaluator),
    state: instanceStateOf(input.resources, input.failures),
    conditions: instanceConditions(input),
  };
}

/** The status while children are being deleted. */
export function deletingStatus(remaining: string[], input: Pick<StatusInput, 'previous' | 'generation' | 'now'>, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const message = remaining.length > 0 ? `deleting resources in reverse order; remaining: ${remaining.join(', ')}` : 'all resources deleted';
  const conditions = stampConditions(
    [
      { type: 'InstanceManaged', status: 'True', reason: 'Managed', message: 'instance is properly managed with finalizers and labels' },
      { type: 'GraphResolved', status: 'True', reason: 'Resolved', message: 'runtime graph created and all resources resolved' },
      { type: 'ResourcesReady', status: 'Unknown', reason: 'UnderDeletion', message },
      { type: 'Ready', status: 'False', reason: 'UnderDeletion', message },
    ],
    input,
  );
  return { ...previous, state: 'DELETING', conditions };
}
