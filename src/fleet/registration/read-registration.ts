import { fail, ok, type Result } from '../../core/index.js';
import { parseRegistration } from './parse-registration.js';
import { registrationDocumentOf } from './registration-document.js';
import { formatProblems, type ClusterRegistration, type RegistrationProblem } from './registration.js';

/** Why a registration was rejected: one message naming the secret and every field, and the problems themselves. */
export interface RegistrationRejection {
  message: string;
  problems: RegistrationProblem[];
}

/**
 * Reads a registration from a secret's decoded data (any of the layouts registrationDocumentOf
 * accepts) and validates it; `where` names the secret in the message ("registration secret
 * gantry-fleet/cluster-registration-dev").
 */
export function readRegistration(where: string, data: Record<string, string>): Result<ClusterRegistration, RegistrationRejection> {
  const doc = registrationDocumentOf(data);
  if (!doc.ok) return fail({ message: formatProblems(where, [doc.error]), problems: [doc.error] });
  const parsed = parseRegistration(doc.value);
  if (!parsed.ok) return fail({ message: formatProblems(where, parsed.error), problems: parsed.error });
  return ok(parsed.value);
}
