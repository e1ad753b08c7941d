import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { InputError, messageOf } from '../core/index.js';

/**
 * How to reach one apiserver: its base URL, a keep-alive agent carrying its TLS settings, and the
 * auth headers for each request (refreshed for exec plugins and token files).
 */
export interface ClusterConnection {
  readonly name: string;
  readonly server: string;
  readonly agent: http.Agent;
  authHeaders(): Promise<Record<string, string>>;
  /** Drops cached credentials, after a 401, so the next request fetches fresh ones. */
  invalidateAuth(): void;
  close(): void;
}

/** Where to read a kubeconfig from: a file path or the YAML text, and which context to use. */
export interface KubeconfigSource {
  path?: string;
  yaml?: string;
  context?: string;
}

const AUTH_CACHE_MS = 30_000;

/** Loads a kubeconfig through @kubernetes/client-node, so exec plugins, tokens and TLS work as kubectl's. */
export function loadKubeConfig(source: KubeconfigSource): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (source.yaml !== undefined) kc.loadFromString(source.yaml);
    else if (source.path) kc.loadFromFile(source.path);
    else kc.loadFromDefault();
  } catch (error) {
    throw new InputError(`cannot read kubeconfig ${source.path ?? '(default)'}: ${messageOf(error)}`, { cause: error });
  }
  if (source.context) {
    if (!kc.getContextObject(source.context)) {
      const known = kc.getContexts().map((c) => c.name).join(', ') || 'none';
      throw new InputError(`kubeconfig ${source.path ?? ''} has no context "${source.context}" (contexts: ${known})`);
    }
    kc.setCurrentContext(source.context);
  }
  if (!kc.getCurrentCluster()) {
    throw new InputError(`kubeconfig ${source.path ?? '(default)'} has no current cluster: set current-context or pass a context`);
  }
  return kc;
}

/** Builds a connection from a kubeconfig: TLS options once, auth headers cached briefly. */
export async function connectKubeconfig(source: KubeconfigSource, options: { maxSockets?: number; now?: () => number } = {}): Promise<ClusterConnection> {
  const kc = loadKubeConfig(source);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new InputError('kubeconfig has no current cluster');
  const probe: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(probe);
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 64,
    ca: probe.ca,
    cert: probe.cert,
    key: probe.key,
    rejectUnauthorized: probe.rejectUnauthorized ?? !cluster.skipTLSVerify,
  };
  const now = options.now ?? Date.now;
  const isHttps = cluster.server.startsWith('https:');
  const agent = isHttps ? new https.Agent(agentOptions) : new http.Agent({ keepAlive: true, maxSockets: agentOptions.maxSockets });
  let cached: { at: number; headers: Record<string, string> } | undefined;
  return {
    name: kc.getCurrentContext(),
    server: cluster.server.replace(/\/+$/, ''),
    agent,
    async authHeaders() {
      if (cached && now() - cached.at < AUTH_CACHE_MS) return cached.headers;
      const opts: https.RequestOptions = {};
      await kc.applyToHTTPSOptions(opts);
      cached = { at: now(), headers: headersOf(opts) };
      return cached.headers;
    },
    invalidateAuth() {
      cached = undefined;
    },
    close: () => agent.destroy(),
  };
}

function headersOf(opts: https.RequestOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  }
  if (opts.auth) out.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
  return out;
}
