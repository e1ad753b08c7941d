import type { KubeObject } from '../kube-object.js';
import { conditionCheck } from './condition-check.js';
import { conditionsAt } from './fields.js';
import { health, type Health, type HealthCheck } from './health-status.js';

// Smaller ecosystem controllers: Argo CD's ApplicationSet, Argo Events, Sealed Secrets, Prometheus Operator.

/** Condition checks for an ApplicationSet, in the order they take precedence. */
const APPLICATION_SET_RULES: ReadonlyArray<readonly [string, string, Health['status']]> = [
  ['ErrorOccurred', 'True', 'Degraded'],
  ['ResourcesUpToDate', 'False', 'Degraded'],
  ['RolloutProgressing', 'True', 'Progressing'],
  ['ResourcesUpToDate', 'True', 'Healthy'],
];

/** Health of an ApplicationSet: errors, stale resources, a progressive sync in flight, or up to date. */
export function assessApplicationSet(obj: KubeObject): Health {
  const conditions = conditionsAt(obj);
  for (const [type, status, code] of APPLICATION_SET_RULES) {
    const match = conditions.find((c) => c.type === type && c.status === status);
    if (match) return health(code, match.message);
  }
  return health('Progressing', 'Waiting for the status to be reported');
}

/** Health of an Argo Events EventBus from its Deployed condition. */
export const assessEventBus: HealthCheck = conditionCheck({ type: 'Deployed', waiting: 'Waiting for initialization', reasonFallback: true });

/** Health of a Bitnami SealedSecret: Synced means the Secret was decrypted. */
export const assessSealedSecret: HealthCheck = conditionCheck({ type: 'Synced', waiting: 'Waiting for Sealed Secret to be decrypted' });

/** Health of a Prometheus (Prometheus Operator) from its Available condition; the last one wins. */
export function assessPrometheus(obj: KubeObject): Health {
  let result = health('Progressing', 'Waiting for initialization');
  for (const condition of conditionsAt(obj)) {
    if (condition.type !== 'Available') continue;
    if (condition.status === 'True') {
      result = health('Healthy', 'All instances are available');
    } else {
      const status = condition.reason === 'SomePodsNotReady' ? 'Progressing' : 'Degraded';
      result = health(status, condition.message ?? condition.reason);
    }
  }
  return result;
}
