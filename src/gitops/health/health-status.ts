import type { KubeObject } from '../kube-object.js';

/** Health codes, spelled as Argo CD spells them. */
export type HealthStatusCode = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';

/** The assessed health of one resource: a code and, when there is something to say, a message. */
export interface Health {
  status: HealthStatusCode;
  message?: string;
}

/** A health check for one kind of resource; pure, never throws for malformed status. */
export type HealthCheck = (obj: KubeObject) => Health;

/** Health codes from most to least healthy, as gitops-engine orders them. */
export const HEALTH_ORDER: readonly HealthStatusCode[] = ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown'];

/** Builds a Health value, leaving the message out when it is empty. */
export function health(status: HealthStatusCode, message?: string): Health {
  return message ? { status, message } : { status };
}

/** Whether `next` is a worse condition than `current` (Argo CD's IsWorse). */
export function isWorseHealth(current: HealthStatusCode, next: HealthStatusCode): boolean {
  return HEALTH_ORDER.indexOf(next) > HEALTH_ORDER.indexOf(current);
}

/** The worst of several health values (an app's health is the worst of its resources'); Healthy when empty. */
export function worstHealth(values: readonly Health[]): Health {
  let worst: Health = { status: 'Healthy' };
  for (const value of values) {
    if (isWorseHealth(worst.status, value.status)) worst = value;
  }
  return worst;
}
