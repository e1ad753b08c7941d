import type { KubeObject } from '../kube-object.js';
import { conditionCheck } from './condition-check.js';
import { conditionsAt, messageOf, text } from './fields.js';
import { health, type Health, type HealthCheck } from './health-status.js';

/**
 * Health of an ExternalSecret from its Ready condition. With refreshPolicy OnChange a Ready
 * condition older than the last refresh is stale and ignored (timestamps compare as RFC 3339 text).
 */
export function assessExternalSecret(obj: KubeObject): Health {
  const onChange = text(obj, 'spec', 'refreshPolicy') === 'OnChange';
  const refreshTime = text(obj, 'status', 'refreshTime');
  for (const condition of conditionsAt(obj)) {
    if (condition.type !== 'Ready') continue;
    if (onChange && (condition.lastTransitionTime ?? '') < refreshTime) continue;
    if (condition.status === 'False') return health('Degraded', messageOf(condition));
    if (condition.status === 'True') return health('Healthy', messageOf(condition));
    break;
  }
  return health('Progressing', 'Waiting for ExternalSecret');
}

/** Health of a ClusterExternalSecret: its newest (last) condition decides. */
export function assessClusterExternalSecret(obj: KubeObject): Health {
  const last = conditionsAt(obj).at(-1);
  if (last?.status === 'True') {
    if (last.type === 'Ready') return health('Healthy', messageOf(last));
    if (last.type === 'PartiallyReady' || last.type === 'NotReady') return health('Degraded', messageOf(last));
  }
  return health('Progressing', 'Waiting for ClusterExternalSecret');
}

/** Health of a SecretStore from its Ready condition. */
export const assessSecretStore: HealthCheck = conditionCheck({ type: 'Ready', waiting: 'Waiting for SecretStore' });

/** Health of a ClusterSecretStore from its Ready condition. */
export const assessClusterSecretStore: HealthCheck = conditionCheck({ type: 'Ready', waiting: 'Waiting for ClusterSecretStore' });

/** Health of a PushSecret from its Ready condition. */
export const assessPushSecret: HealthCheck = conditionCheck({ type: 'Ready', waiting: 'Waiting for PushSecret' });
