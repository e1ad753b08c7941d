import type { Clock } from '../../core/index.js';

/** The clock's time as an Application's status records times: RFC 3339 in UTC, whole seconds (Argo CD's metav1.Time). */
export function statusTime(clock: Clock): string {
  return new Date(clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
}
