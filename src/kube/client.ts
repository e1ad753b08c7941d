import http from 'node:http';
import https from 'node:https';
import { TransientError, messageOf } from '../core/index.js';
import type { ClusterConnection } from './connection.js';
import { errorFromStatus, type KubeStatus } from './errors.js';

/** One HTTP call to an apiserver. */
export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** What the call is about, for error messages ("apply Deployment default/web"). */
  what?: string;
  timeoutMs?: number;
}

/** The only code that sends HTTP to an apiserver: JSON in, JSON out, errors mapped to gantry's. */
export interface KubeClient {
  readonly connection: ClusterConnection;
  request<T>(req: KubeRequest): Promise<T>;
  /** Opens a streaming GET (watch); the caller reads and closes the response. */
  stream(req: KubeRequest): Promise<http.IncomingMessage>;
}

/** Creates a client over a connection's keep-alive agent. */
export function createKubeClient(connection: ClusterConnection, options: { name?: string } = {}): KubeClient {
  const name = options.name ?? connection.name;
  const endpoint = endpointOf(connection.server);
  const send = async (req: KubeRequest, retried = false): Promise<http.IncomingMessage> => {
    const res = await open(connection, req, { name, endpoint });
    if (res.statusCode === 401 && !retried) {
      res.resume();
      connection.invalidateAuth();
      return send(req, true);
    }
    return res;
  };
  return {
    connection,
    async request<T>(req: KubeRequest): Promise<T> {
      const res = await send(req);
      const text = await readBody(res, req);
      const body = text ? parseJson(text) : undefined;
      if ((res.statusCode ?? 0) >= 300) {
        throw errorFromStatus(res.statusCode ?? 0, body as KubeStatus, describe(req, connection, name));
      }
      return body as T;
    },
    async stream(req: KubeRequest): Promise<http.IncomingMessage> {
      const res = await send(req);
      if ((res.statusCode ?? 0) >= 300) {
        const text = await readBody(res, req);
        throw errorFromStatus(res.statusCode ?? 0, parseJson(text) as KubeStatus, describe(req, connection, name));
      }
      return res;
    },
  };
}

function describe(req: KubeRequest, connection: ClusterConnection, name = connection.name): string {
  return `${req.what ?? `${req.method} ${req.path}`} on cluster ${name}`;
}

interface Endpoint {
  mod: typeof http | typeof https;
  hostname: string;
  port: string;
  prefix: string;
}

/** Parses the server URL once per client; requests only append their path and query. */
function endpointOf(server: string): Endpoint {
  const url = new URL(server);
  return {
    mod: url.protocol === 'https:' ? https : http,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port,
    prefix: url.pathname.replace(/\/+$/, ''),
  };
}

function pathWithQuery(prefix: string, req: KubeRequest): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(req.query ?? {})) {
    if (v !== undefined) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return `${prefix}${req.path}${parts.length ? `?${parts.join('&')}` : ''}`;
}

/**
 * What gantry calls itself to apiservers: the part before the slash names gantry's entries in
 * managedFields for writes that are not server-side applies (status patches, replaces), where the
 * apiserver would otherwise record "unknown".
 */
const USER_AGENT = 'gantry/0.1.0 (node)';

async function open(connection: ClusterConnection, req: KubeRequest, ctx: { name: string; endpoint: Endpoint }): Promise<http.IncomingMessage> {
  const { name, endpoint } = ctx;
  const payload = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': USER_AGENT, ...(await connection.authHeaders()) };
  if (payload !== undefined) {
    headers['Content-Type'] = req.contentType ?? 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  const options = { hostname: endpoint.hostname, port: endpoint.port, path: pathWithQuery(endpoint.prefix, req) };
  return new Promise((resolve, reject) => {
    const r = endpoint.mod.request({ ...options, method: req.method, headers, agent: connection.agent, signal: req.signal }, resolve);
    if (req.timeoutMs) r.setTimeout(req.timeoutMs, () => r.destroy(new Error(`no answer within ${req.timeoutMs} ms`)));
    r.on('error', (e) => reject(networkError(e, req, { connection, name })));
    r.end(payload);
  });
}

function networkError(error: Error, req: KubeRequest, { connection, name }: { connection: ClusterConnection; name: string }): Error {
  if (error.name === 'AbortError') return error;
  return new TransientError(`${describe(req, connection, name)}: cannot reach ${connection.server}: ${messageOf(error)}`, { cause: error });
}

function readBody(res: http.IncomingMessage, req: KubeRequest): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', (e) => reject(new TransientError(`reading answer to ${req.method} ${req.path}: ${messageOf(e)}`, { cause: e })));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 500) };
  }
}
