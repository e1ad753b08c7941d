import type { IncomingHttpHeaders } from 'node:http';

/** What a CGI program needs to know about one HTTP request. */
export interface CgiRequest {
  method: string;
  pathInfo: string;
  query: string;
  headers: IncomingHttpHeaders;
  remoteAddress?: string;
  remoteUser?: string;
}

/** The status and headers a CGI program printed before its body, and where the body starts. */
export interface CgiHead {
  status: number;
  headers: [string, string][];
  bodyOffset: number;
}

/** The CGI/1.1 environment (RFC 3875) for `git http-backend` serving repositories under `projectRoot`. */
export function buildCgiEnv(request: CgiRequest, projectRoot: string, base: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {
    ...base,
    GIT_PROJECT_ROOT: projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    REQUEST_METHOD: request.method,
    PATH_INFO: request.pathInfo,
    QUERY_STRING: request.query,
    REMOTE_ADDR: request.remoteAddress ?? '',
  };
  const optional: Record<string, string | undefined> = {
    CONTENT_TYPE: request.headers['content-type'],
    CONTENT_LENGTH: request.headers['content-length'],
    HTTP_CONTENT_ENCODING: request.headers['content-encoding'],
    HTTP_GIT_PROTOCOL: headerValue(request.headers['git-protocol']),
    REMOTE_USER: request.remoteUser,
  };
  for (const [key, value] of Object.entries(optional)) {
    const clean = value === undefined ? undefined : withoutControlCharacters(value);
    if (clean) env[key] = clean;
  }
  return env;
}

/**
 * Parses the header block a CGI program writes first (`Status: 404 Not Found`, `Content-Type: ...`,
 * then a blank line). Returns undefined until the blank line has arrived.
 */
export function parseCgiHead(output: Buffer): CgiHead | undefined {
  const end = headerEnd(output);
  if (!end) return undefined;
  let status = 200;
  const headers: [string, string][] = [];
  for (const line of output.subarray(0, end.headerLength).toString('latin1').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
    else headers.push([name, value]);
  }
  if (!Number.isInteger(status) || status < 100 || status > 599) status = 502;
  return { status, headers, bodyOffset: end.bodyOffset };
}

function headerEnd(output: Buffer): { headerLength: number; bodyOffset: number } | undefined {
  const crlf = output.indexOf('\r\n\r\n');
  const lf = output.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { headerLength: crlf, bodyOffset: crlf + 4 };
  if (lf >= 0) return { headerLength: lf, bodyOffset: lf + 2 };
  return undefined;
}

function withoutControlCharacters(value: string): string {
  return [...value].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(':') : value;
}
