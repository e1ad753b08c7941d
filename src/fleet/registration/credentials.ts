import { fail, ok, type Result } from '../../core/index.js';
import type { ClusterCredentials } from './cluster-secret.js';
import type { ClusterRegistration, RegistrationProblem } from './registration.js';

/**
 * Reads credentials from a referenced Secret's decoded data: `token` (a service-account token
 * Secret's key; `bearerToken` is read too) and/or `tls.crt` with `tls.key` (a kubernetes.io/tls
 * Secret's keys, PEM). The problem names the keys, never a value.
 */
export function credentialsFromSecret(data: Record<string, string>, name: string): Result<ClusterCredentials, RegistrationProblem> {
  const out: ClusterCredentials = {};
  const token = (data.token ?? data.bearerToken ?? '').trim();
  if (token) out.bearerToken = token;
  const cert = data['tls.crt'];
  const key = data['tls.key'];
  if (cert && key) {
    out.certData = Buffer.from(cert, 'utf8').toString('base64');
    out.keyData = Buffer.from(key, 'utf8').toString('base64');
  } else if (cert || key) {
    return fail({ field: 'credentials_secret', message: `Secret ${name} has only one of tls.crt and tls.key: give both` });
  }
  if (!out.bearerToken && !out.certData) {
    const keys = Object.keys(data).join(', ') || 'none';
    return fail({ field: 'credentials_secret', message: `Secret ${name} has no credentials: expected key "token" or "tls.crt" and "tls.key" (has ${keys})` });
  }
  return ok(out);
}

/** The credentials a registration carries inline (gantry's `bearer_token`), used when no credentials_secret is named. */
export function inlineCredentials(reg: ClusterRegistration): ClusterCredentials {
  return reg.bearer_token ? { bearerToken: reg.bearer_token } : {};
}
