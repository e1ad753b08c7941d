import type { KubeObject } from '../kube-object.js';
import { assessHealth } from './assess-health.js';
import type { Health } from './health-status.js';

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

const KRO_STATES: Record<string, Health['status']> = { ACTIVE: 'Healthy', IN_PROGRESS: 'Progressing', DELETING: 'Progressing', ERROR: 'Degraded', FAILED: 'Degraded' };

/** An Application's own health, for app-of-apps: what its status reports, Progressing until it reports. */
export function assessApplicationHealth(obj: KubeObject): Health {
  const reported = (obj.status as { health?: { status?: string; message?: string } } | undefined)?.health;
  if (!reported?.status) return { status: 'Progressing', message: 'waiting for the application to report its health' };
  return { status: reported.status as Health['status'], ...(reported.message ? { message: reported.message } : {}) };
}

function fromConditions(conditions: Condition[]): Health | undefined {
  const ready = conditions.find((c) => c.type === 'Ready') ?? conditions.find((c) => c.type === 'Available') ?? conditions.find((c) => c.type === 'Synced');
  if (!ready) return undefined;
  const message = ready.message ?? ready.reason;
  const withMessage = (status: Health['status']): Health => (message ? { status, message } : { status });
  if (ready.status === 'True') return withMessage('Healthy');
  if (ready.status === 'False') return withMessage(/progress|pending|creating|reconcil|waiting/i.test(`${ready.reason ?? ''}`) ? 'Progressing' : 'Degraded');
  return withMessage('Progressing');
}

/**
 * A generic check for custom resources no specific check covers: kro's `status.state`, then a
 * Ready (else Available, else Synced) condition. Undefined when the object reports neither.
 */
export function assessGenericHealth(obj: KubeObject): Health | undefined {
  const status = obj.status as { state?: string; conditions?: Condition[] } | undefined;
  const kro = status?.state ? KRO_STATES[status.state] : undefined;
  if (kro) return { status: kro };
  return Array.isArray(status?.conditions) ? fromConditions(status.conditions) : undefined;
}

/**
 * The health the Application controller shows for a live resource: the specific checks of
 * assessHealth first, then Applications (app-of-apps), then the generic condition check.
 */
export function assessResourceHealth(obj: KubeObject): Health | undefined {
  const specific = assessHealth(obj);
  if (specific) return specific;
  if (obj.kind === 'Application' && (obj.apiVersion ?? '').startsWith('argoproj.io/')) return assessApplicationHealth(obj);
  return assessGenericHealth(obj);
}
