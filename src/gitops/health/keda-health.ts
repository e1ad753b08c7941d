import type { KubeObject } from '../kube-object.js';
import { conditionsAt, type Condition } from './fields.js';
import { health, type Health, type HealthCheck } from './health-status.js';

interface ScalerFlags {
  healthy: boolean;
  degraded: boolean;
  suspended: boolean;
  message?: string;
}

/** Reads all conditions; the message of the last one that set a flag is kept, as KEDA's health script does. */
function readFlags(conditions: readonly Condition[], isDegraded: (c: Condition) => boolean): ScalerFlags {
  const flags: ScalerFlags = { healthy: false, degraded: false, suspended: false };
  for (const condition of conditions) {
    if (isDegraded(condition)) flags.degraded = true;
    else if (condition.type === 'Ready' && condition.status === 'True') flags.healthy = true;
    else if (condition.type === 'Paused' && condition.status === 'True') flags.suspended = true;
    else continue;
    flags.message = condition.message;
  }
  return flags;
}

function scalerCheck(isDegraded: (c: Condition) => boolean, waiting: string): HealthCheck {
  return (obj: KubeObject): Health => {
    const flags = readFlags(conditionsAt(obj), isDegraded);
    if (flags.degraded) return health('Degraded', flags.message);
    if (flags.healthy) return health(flags.suspended ? 'Suspended' : 'Healthy', flags.message);
    return health('Progressing', waiting);
  };
}

/** Health of a KEDA ScaledObject: Ready False or an active Fallback degrade it; Paused suspends it. */
export const assessScaledObject: HealthCheck = scalerCheck(
  (c) => (c.type === 'Ready' && c.status === 'False') || (c.type === 'Fallback' && c.status === 'True'),
  'Creating HorizontalPodAutoscaler Object',
);

/** Health of a KEDA ScaledJob: Ready False or Unknown degrade it; Paused suspends it. */
export const assessScaledJob: HealthCheck = scalerCheck(
  (c) => c.type === 'Ready' && (c.status === 'False' || c.status === 'Unknown'),
  'Waiting for ScaledJob',
);
