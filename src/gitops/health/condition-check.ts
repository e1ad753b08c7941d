import type { KubeObject } from '../kube-object.js';
import { conditionsAt, type Condition } from './fields.js';
import { health, type Health, type HealthCheck } from './health-status.js';

/** How a controller's single readiness condition maps to health. */
export interface ConditionCheckOptions {
  /** The condition type to read ("Ready", "Synced", "Deployed"...). */
  type: string;
  /** Message while no True/False condition of that type is present. */
  waiting: string;
  /** Fixed message when healthy; the condition's own message otherwise. */
  healthyMessage?: string;
  /** Use the condition's reason when it has no message. */
  reasonFallback?: boolean;
  /** Checks applied after the readiness condition, when it is absent or Unknown. */
  fallback?: (conditions: Condition[]) => Health | undefined;
}

function conditionText(condition: Condition, reasonFallback: boolean | undefined): string | undefined {
  if (condition.message !== undefined || !reasonFallback) return condition.message;
  return condition.reason;
}

/**
 * A health check for the many controllers that report one readiness condition: the first
 * condition of that type that is True or False decides (True -> Healthy, False -> Degraded).
 */
export function conditionCheck(options: ConditionCheckOptions): HealthCheck {
  return (obj: KubeObject): Health => {
    const conditions = conditionsAt(obj);
    for (const condition of conditions) {
      if (condition.type !== options.type) continue;
      if (condition.status === 'False') return health('Degraded', conditionText(condition, options.reasonFallback));
      if (condition.status === 'True') {
        return health('Healthy', options.healthyMessage ?? conditionText(condition, options.reasonFallback));
      }
    }
    return options.fallback?.(conditions) ?? health('Progressing', options.waiting);
  };
}

/** The first condition of one of the given types whose status is False, as a Degraded health. */
export function firstFalse(conditions: readonly Condition[], types: readonly string[]): Health | undefined {
  const failed = conditions.find((c) => c.status === 'False' && c.type !== undefined && types.includes(c.type));
  return failed ? health('Degraded', failed.message) : undefined;
}
