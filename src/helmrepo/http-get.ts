/**
 * GETs for a Helm repository: basic auth sent only to the repository's own origin (Helm's default,
 * without --pass-credentials), HTTP failures mapped to gantry's errors, and URLs shown without
 * any user information so credentials never reach a message.
 */
import { InputError, NotFoundError, TransientError } from '../core/index.js';

/** A repository's user name and password (from its credentials secret). */
export interface RepositoryCredentials {
  readonly username: string;
  readonly password: string;
}

/** The fetch function the client uses (globalThis.fetch, or a test's). */
export type FetchFunction = typeof globalThis.fetch;

/** One GET: the URL, credentials for the repository's origin, and a time limit. */
export interface GetRequest {
  readonly url: URL;
  readonly repositoryOrigin: string;
  readonly credentials?: RepositoryCredentials;
  readonly timeoutMs: number;
}

/** A URL as messages and logs may show it: no user name, password, query or fragment. */
export function displayURL(url: URL | string): string {
  const u = new URL(String(url));
  u.username = '';
  u.password = '';
  u.search = '';
  u.hash = '';
  return u.toString();
}

function authorization(request: GetRequest): Record<string, string> {
  const c = request.credentials;
  if (c === undefined || request.url.origin !== request.repositoryOrigin) return {};
  return { authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` };
}

function statusError(status: number, statusText: string, url: string): Error {
  const what = `GET ${url}: ${status} ${statusText}`.trimEnd();
  if (status === 401 || status === 403) return new InputError(`${what}: check the repository's credentials (user name and password)`);
  if (status === 404) return new NotFoundError(`${what}: not found`);
  if (status === 429 || status >= 500) return new TransientError(what);
  return new InputError(what);
}

/** GETs a URL's body; throws InputError (401, 403, other 4xx), NotFoundError (404) or TransientError. */
export async function getBytes(fetchFn: FetchFunction, request: GetRequest): Promise<Buffer> {
  const shown = displayURL(request.url);
  let response: Response;
  try {
    response = await fetchFn(request.url, { headers: { accept: '*/*', ...authorization(request) }, signal: AbortSignal.timeout(request.timeoutMs), redirect: 'follow' });
  } catch (error) {
    throw new TransientError(`GET ${shown}: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw statusError(response.status, response.statusText, shown);
  }
  try {
    return Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw new TransientError(`GET ${shown}: reading the body: ${(error as Error).message}`, { cause: error });
  }
}
