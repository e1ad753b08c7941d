import { createHash } from 'node:crypto';
import type { RegistrationReport } from './registration-store.js';

/** On a registration secret: Registered, Invalid or Pending. */
export const STATE_ANNOTATION = 'gantry.io/registration-state';
/** On a registration secret: what is wrong, naming the field, or where it was registered. */
export const MESSAGE_ANNOTATION = 'gantry.io/registration-message';
/** On a registration secret: the cluster secret it became (`argocd/cluster-dev`). */
export const CLUSTER_SECRET_ANNOTATION = 'gantry.io/cluster-secret';

/** On a registration secret: the digest of the data the report is about. */
export const OBSERVED_ANNOTATION = 'gantry.io/observed-digest';

const KEYS = [STATE_ANNOTATION, MESSAGE_ANNOTATION, CLUSTER_SECRET_ANNOTATION, OBSERVED_ANNOTATION];

/** A short digest of a registration's data (keys sorted), stable across providers. */
export function registrationDigest(data: Record<string, string>): string {
  const sorted = Object.keys(data).sort().map((k) => [k, data[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}

/**
 * The merge patch of a registration's annotations that records `report`, or undefined when the
 * annotations already say it (so a report never wakes the watch for nothing).
 */
export function reportPatch(current: Record<string, string> | undefined, report: RegistrationReport): Record<string, string | null> | undefined {
  const want: Record<string, string | null> = {
    [STATE_ANNOTATION]: report.state,
    [MESSAGE_ANNOTATION]: report.message,
    [CLUSTER_SECRET_ANNOTATION]: report.clusterSecret ?? null,
    [OBSERVED_ANNOTATION]: report.observed ?? null,
  };
  const same = KEYS.every((k) => (current?.[k] ?? null) === want[k]);
  return same ? undefined : want;
}

/** The report a registration's annotations record, if any. */
export function reportOf(annotations: Record<string, string> | undefined): RegistrationReport | undefined {
  const state = annotations?.[STATE_ANNOTATION];
  if (state !== 'Registered' && state !== 'Invalid' && state !== 'Pending') return undefined;
  const clusterSecret = annotations?.[CLUSTER_SECRET_ANNOTATION];
  const observed = annotations?.[OBSERVED_ANNOTATION];
  return { state, message: annotations?.[MESSAGE_ANNOTATION] ?? '', ...(clusterSecret ? { clusterSecret } : {}), ...(observed ? { observed } : {}) };
}
