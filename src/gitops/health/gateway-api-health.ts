import type { KubeObject } from '../kube-object.js';
import { conditionsAt, field, numberAt, recordsAt, text, type Condition, type Fields } from './fields.js';
import { health, type Health, type HealthCheck } from './health-status.js';

// Gateway API kinds. Routes and policies report one status entry per parent (or ancestor); each
// entry's conditions carry the generation they observed.

/** The first False condition of a type, with a fallback message naming the condition. */
function failedConditionMessage(conditions: readonly Condition[], type: string): string | undefined {
  const failed = conditions.find((c) => c.type === type && c.status === 'False');
  if (!failed) return undefined;
  return failed.message ?? `Failed condition: ${type}`;
}

/** ResolvedRefs, then Accepted, then Programmed: the Gateway API's order of what can go wrong. */
function judgeEntry(conditions: readonly Condition[], prefix: string, programming: string): Health | undefined {
  for (const type of ['ResolvedRefs', 'Accepted']) {
    const failed = failedConditionMessage(conditions, type);
    if (failed !== undefined) return health('Degraded', prefix + failed);
  }
  const programmed = conditions.find((c) => c.type === 'Programmed' && c.status !== 'True');
  return programmed ? health('Progressing', prefix + (programmed.message ?? programming)) : undefined;
}

/** Health of a Gateway from its own conditions, then each listener's. */
export function assessGateway(obj: KubeObject): Health {
  const status = field(obj, 'status');
  if (status === undefined) return health('Progressing', 'Waiting for Gateway status');
  const conditions = field(obj, 'status', 'conditions') !== undefined ? conditionsAt(obj) : undefined;
  const own = conditions && judgeEntry(conditions, '', 'Gateway is still being programmed');
  if (own) return own;
  const listeners = recordsAt(obj, 'status', 'listeners');
  for (const listener of listeners) {
    if (field(listener, 'conditions') === undefined) continue;
    const judged = judgeEntry(conditionsAt(listener, 'conditions'), 'Listener: ', 'Listener is still being programmed');
    if (judged) return judged;
  }
  if (conditions !== undefined || listeners.length > 0) return health('Healthy', 'Gateway is healthy');
  return health('Progressing', 'Waiting for Gateway status');
}

/** Health of a GatewayClass from its Accepted condition, ignoring conditions of an older generation. */
export function assessGatewayClass(obj: KubeObject): Health {
  const generation = numberAt(obj, 'metadata', 'generation');
  for (const condition of conditionsAt(obj)) {
    if (condition.type !== 'Accepted') continue;
    const stale = generation !== undefined && condition.observedGeneration !== undefined && condition.observedGeneration !== generation;
    if (stale) continue;
    if (condition.status === 'True') return health('Healthy', condition.message ?? 'GatewayClass is accepted');
    if (condition.status === 'False') return health('Degraded', condition.message ?? 'GatewayClass is not accepted');
    return health('Progressing', condition.message ?? 'Waiting for GatewayClass status');
  }
  return health('Progressing', 'Waiting for GatewayClass status');
}

/** Whether a parent entry reports on the current generation (any condition observed it). */
function isParentCurrent(obj: KubeObject, conditions: readonly Condition[]): boolean {
  const generation = numberAt(obj, 'metadata', 'generation');
  if (generation === undefined) return true;
  return conditions.some((c) => c.observedGeneration !== undefined && c.observedGeneration === generation);
}

function parentName(parent: Fields): string {
  return text(parent, 'parentRef', 'name');
}

/** A route check (HTTPRoute, GRPCRoute...): every current parent must have resolved, accepted and programmed it. */
function routeCheck(kind: string): HealthCheck {
  return (obj: KubeObject): Health => {
    const parents = recordsAt(obj, 'status', 'parents').filter((p) => field(p, 'conditions') !== undefined);
    const current = parents.filter((p) => isParentCurrent(obj, conditionsAt(p, 'conditions')));
    for (const parent of current) {
      const judged = judgeEntry(conditionsAt(parent, 'conditions'), `Parent ${parentName(parent)}: `, 'Route is still being programmed');
      if (judged) return judged;
    }
    if (current.some((p) => conditionsAt(p, 'conditions').length > 0)) return health('Healthy', `${kind} is healthy`);
    return health('Progressing', `Waiting for ${kind} status`);
  };
}

/** Health of an HTTPRoute from its parents' conditions. */
export const assessHTTPRoute: HealthCheck = routeCheck('HTTPRoute');

/** Health of a GRPCRoute from its parents' conditions. */
export const assessGRPCRoute: HealthCheck = routeCheck('GRPCRoute');

/** An ancestor entry from a controller that cannot find the target is not the responsible controller's verdict. */
function isNotResponsible(conditions: readonly Condition[]): boolean {
  const accepted = conditions.find((c) => c.type === 'Accepted');
  return accepted !== undefined && accepted.status !== 'True' && accepted.reason === 'TargetNotFound';
}

function staleAncestor(obj: KubeObject, ancestors: readonly Fields[]): Health | undefined {
  const generation = numberAt(obj, 'metadata', 'generation');
  if (generation === undefined) return undefined;
  for (const ancestor of ancestors) {
    const conditions = conditionsAt(ancestor, 'conditions');
    if (conditions.some((c) => c.observedGeneration !== undefined && c.observedGeneration !== generation)) {
      return health('Progressing', `Waiting for Ancestor ${text(ancestor, 'ancestorRef', 'name')} to update BackendTLSPolicy status`);
    }
  }
  return undefined;
}

/** Health of a BackendTLSPolicy from the conditions of the ancestors responsible for its target. */
export function assessBackendTLSPolicy(obj: KubeObject): Health {
  const ancestors = recordsAt(obj, 'status', 'ancestors');
  let result = health('Progressing', 'Waiting for BackendTLSPolicy status');
  const stale = staleAncestor(obj, ancestors);
  if (stale) return stale;
  for (const ancestor of ancestors) {
    const conditions = conditionsAt(ancestor, 'conditions');
    if (isNotResponsible(conditions)) continue;
    for (const condition of conditions) {
      if (condition.type !== 'Accepted' && condition.type !== 'ResolvedRefs') continue;
      if (condition.status !== 'True') {
        return health('Degraded', `Ancestor ${text(ancestor, 'ancestorRef', 'name')}: ${condition.message ?? ''}`);
      }
      if (condition.type === 'Accepted') result = health('Healthy', 'BackendTLSPolicy is healthy');
    }
  }
  return result;
}
