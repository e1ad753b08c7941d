import { annotationsOf, type KubeObject } from '../kube-object.js';
import { conditionsAt, isFields, type Condition } from './fields.js';
import { health, type Health } from './health-status.js';

const WAITING: Health = { status: 'Progressing', message: 'Waiting to Autoscale' };

/**
 * Conditions that mean the autoscaler cannot do its job: it cannot read or update the target's
 * scale, or cannot read a metric (FailedGetResourceMetric, FailedGetObjectMetric, FailedGetPodsMetric...).
 */
function isDegraded(condition: Condition): boolean {
  const reason = condition.reason ?? '';
  if (condition.type === 'AbleToScale') return reason === 'FailedGetScale' || reason === 'FailedUpdateScale';
  if (condition.type === 'ScalingActive') return reason === 'InvalidSelector' || (reason.startsWith('FailedGet') && reason.endsWith('Metric'));
  return false;
}

/** Any degrading condition wins over a healthy one, wherever it appears in the list. */
function judgeConditions(conditions: readonly Condition[]): Health {
  const degraded = conditions.find(isDegraded);
  if (degraded) return health('Degraded', degraded.message);
  const healthy = conditions.find((c) => (c.type === 'AbleToScale' || c.type === 'ScalingLimited') && c.status === 'True');
  return healthy ? health('Healthy', healthy.message) : WAITING;
}

/** autoscaling/v1 keeps its conditions as JSON in an annotation. */
function v1Conditions(obj: KubeObject): Condition[] | Health {
  const raw = annotationsOf(obj)['autoscaling.alpha.kubernetes.io/conditions'];
  if (raw === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isFields).map(fromGoFields) : [];
  } catch (error) {
    return health('Unknown', `failed to convert conditions annotation to typed: ${(error as Error).message}`);
  }
}

/** The annotation is Go-marshalled, so keys may be capitalised; JSON decoding in Go matches case-insensitively. */
function fromGoFields(fields: Record<string, unknown>): Condition {
  const lower: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) lower[key.toLowerCase()] = value;
  const pick = (key: string): string | undefined => (typeof lower[key] === 'string' ? (lower[key] as string) : undefined);
  return { type: pick('type'), status: pick('status'), reason: pick('reason'), message: pick('message') };
}

/** Health of a HorizontalPodAutoscaler (v1, v2beta1, v2beta2, v2) from its scaling conditions. */
export function assessHorizontalPodAutoscaler(obj: KubeObject): Health {
  const version = obj.apiVersion ?? '';
  if (version === 'autoscaling/v1') {
    const conditions = v1Conditions(obj);
    return Array.isArray(conditions) ? judgeConditions(conditions) : conditions;
  }
  return judgeConditions(conditionsAt(obj));
}
