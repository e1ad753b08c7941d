import https from 'node:https';
import { loadKubeConfig } from '../../src/kube/index.js';

/** Requests the apiserver served, by `VERB resource[/subresource][ dry-run]`, from its own /metrics. */
export type RequestCounts = Record<string, number>;

/** Reads the apiserver's request counters; the apiserver counts every client, so read them in quiet moments. */
export interface RequestCounter {
  read(): Promise<RequestCounts>;
  close(): void;
}

const LINE = /^apiserver_request_total\{([^}]*)\}\s+([0-9.e+]+)$/;

/**
 * Creates a reader of `apiserver_request_total` over its own https agent, with the CA and bearer
 * token of the kubeconfig's current context (the local control plane's admin), so the counts
 * come from the server and include dry runs, which no informer can see.
 */
export function createRequestCounter(kubeconfigPath: string): RequestCounter {
  const kc = loadKubeConfig({ path: kubeconfigPath });
  const cluster = kc.getCurrentCluster();
  const token = kc.getCurrentUser()?.token;
  if (!cluster?.caData || !token) throw new Error(`${kubeconfigPath} has no CA data or bearer token for its current context`);
  const url = new URL(cluster.server);
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: Buffer.from(cluster.caData, 'base64') });
  const options = { host: url.hostname, port: Number(url.port || 443), path: '/metrics', agent, headers: { Authorization: `Bearer ${token}` } };
  return {
    read: () => fetchText(options).then(parseCounts),
    close: () => agent.destroy(),
  };
}

/** `after - before`, keeping only the keys that moved. */
export function countsBetween(before: RequestCounts, after: RequestCounts): RequestCounts {
  const out: RequestCounts = {};
  for (const [key, value] of Object.entries(after)) {
    const delta = value - (before[key] ?? 0);
    if (delta > 0) out[key] = delta;
  }
  return out;
}

/** The sum of the counts whose key matches. */
export function sumWhere(counts: RequestCounts, matches: (key: string) => boolean): number {
  return Object.entries(counts).reduce((sum, [key, n]) => (matches(key) ? sum + n : sum), 0);
}

/** True for a request that changes stored state (not a read, a watch or a dry run). */
export function isWrite(key: string): boolean {
  return /^(APPLY|PATCH|PUT|POST|CREATE|UPDATE|DELETE|DELETECOLLECTION) /.test(key) && !key.endsWith(' dry-run');
}

function fetchText(options: https.RequestOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.get(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 300) reject(new Error(`GET /metrics: HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
        else resolve(text);
      });
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('GET /metrics timed out')));
  });
}

function parseCounts(text: string): RequestCounts {
  const counts: RequestCounts = {};
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...(m[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    const resource = labels.subresource ? `${labels.resource}/${labels.subresource}` : (labels.resource ?? '');
    const key = `${labels.verb ?? '?'} ${resource}${labels.dry_run ? ' dry-run' : ''}`;
    counts[key] = (counts[key] ?? 0) + Number(m[2]);
  }
  return counts;
}
