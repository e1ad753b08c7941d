/**
 * The status gantry writes on a ResourceGraphDefinition, in kro's shape: `state` Active or
 * Inactive, `topologicalOrder`, `resources` with their dependencies, and the conditions
 * GraphAccepted, KindReady, ControllerReady and Ready, each with a message that says what
 * to fix. The types are kro's current ones (api/v1alpha1/conditions.go); kro up to 0.8 spelled
 * the first ResourceGraphAccepted, which kro now treats as legacy. kro's GraphRevisionsResolved
 * belongs to its GraphRevision objects, which gantry does not have.
 */
import type { ResourceGraph } from '../graph/types.js';
import { stampConditions, type Condition } from '../instance/instance-status.js';

/** What one RGD reconcile found out. */
export interface RgdOutcome {
  /** The graph when accepted. */
  graph?: ResourceGraph;
  /** Why the graph was rejected (names the resource id and expression). */
  graphError?: string;
  /** Whether the generated kind's CRD is registered and established; undefined when not tried. */
  kind?: { ready: boolean; message: string };
  /** Whether the instance controller runs; undefined when not tried. */
  controller?: { running: boolean; message: string };
}

type Core = Pick<Condition, 'type' | 'status' | 'reason' | 'message'>;

function accepted(o: RgdOutcome): Core {
  if (o.graph) return { type: 'GraphAccepted', status: 'True', reason: 'Valid', message: 'resource graph and schema are valid' };
  return { type: 'GraphAccepted', status: 'False', reason: 'InvalidResourceGraph', message: o.graphError ?? 'the resource graph was not built' };
}

function kindReady(o: RgdOutcome, kind: string): Core {
  if (!o.kind) return { type: 'KindReady', status: 'Unknown', reason: 'Pending', message: `the CRD for kind ${kind} is registered once the resource graph is accepted` };
  return o.kind.ready
    ? { type: 'KindReady', status: 'True', reason: 'Ready', message: o.kind.message }
    : { type: 'KindReady', status: 'False', reason: 'Failed', message: o.kind.message };
}

function controllerReady(o: RgdOutcome, kind: string): Core {
  if (!o.controller) return { type: 'ControllerReady', status: 'Unknown', reason: 'Pending', message: `the controller for kind ${kind} starts once its CRD is established` };
  return o.controller.running
    ? { type: 'ControllerReady', status: 'True', reason: 'Running', message: o.controller.message }
    : { type: 'ControllerReady', status: 'False', reason: 'FailedToStart', message: o.controller.message };
}

/** Builds the RGD status from one reconcile's outcome. */
export function buildRgdStatus(o: RgdOutcome, at: { kind: string; previous?: { conditions?: Condition[] }; generation?: number; now: string }): Record<string, unknown> {
  const subs = [accepted(o), kindReady(o, at.kind), controllerReady(o, at.kind)];
  const blocker = subs.find((c) => c.status !== 'True');
  const ready: Core = blocker
    ? { type: 'Ready', status: 'False', reason: blocker.reason, message: `${blocker.type}: ${blocker.message}` }
    : { type: 'Ready', status: 'True', reason: 'Ready', message: `kind ${at.kind} is served and its controller runs` };
  const status: Record<string, unknown> = {
    state: blocker ? 'Inactive' : 'Active',
    conditions: stampConditions([...subs, ready], at),
  };
  if (o.graph) {
    status.topologicalOrder = o.graph.topologicalOrder;
    status.resources = o.graph.resources.map((r) => ({ id: r.id, ...(r.dependencies.length > 0 ? { dependencies: r.dependencies.map((id) => ({ id })) } : {}) }));
  }
  return status;
}

/** The status in canonical form (sorted keys, transition times removed), to tell whether a write would change anything. */
export function comparableStatus(status: unknown): string {
  return JSON.stringify(canonical(status));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (key !== 'lastTransitionTime') out[key] = canonical((value as Record<string, unknown>)[key]);
  }
  return out;
}
