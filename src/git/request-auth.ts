import { createHash, timingSafeEqual } from 'node:crypto';
import type { GitAccess } from './git-route.js';

/** Who may read hosted repositories: anyone ('open'), or only holders of the token ('token'). */
export type ReadAccess = 'open' | 'token';

/** The user and password of an HTTP Basic Authorization header. */
export interface BasicCredentials {
  user: string;
  password: string;
}

/** The outcome of checking a request's credentials; `user` is set when a valid token came with it. */
export type AuthDecision = { ok: true; user?: string } | { ok: false; reason: 'missing-credentials' | 'wrong-token' };

/** Reads HTTP Basic credentials from an Authorization header, or undefined when there are none. */
export function parseBasicAuth(header: string | undefined): BasicCredentials | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Compares a presented token with the expected one in constant time (over fixed-length digests). */
export function tokenMatches(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Decides whether a request may proceed: pushes always need the token, reads only when readAccess is 'token'. */
export function authorizeGitRequest(request: {
  access: GitAccess;
  readAccess: ReadAccess;
  authorization: string | undefined;
  token: string;
}): AuthDecision {
  const credentials = parseBasicAuth(request.authorization);
  const valid = credentials !== undefined && tokenMatches(credentials.password, request.token);
  if (valid) return { ok: true, user: credentials.user };
  if (request.access === 'read' && request.readAccess === 'open') return { ok: true };
  return { ok: false, reason: credentials ? 'wrong-token' : 'missing-credentials' };
}
