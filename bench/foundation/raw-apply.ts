import https from 'node:https';
import { loadKubeConfig, type KubeObject } from '../../src/kube/index.js';

/** Server-side apply of namespaced core/v1 objects straight over node:https, the baseline for gantry's kube layer. */
export interface RawApplier {
  apply(obj: KubeObject, resource: string): Promise<void>;
  close(): void;
}

interface Target {
  host: string;
  port: number;
  ca: Buffer;
  token: string;
}

/**
 * Reads the server, CA and bearer token from a kubeconfig once, and applies over one keep-alive
 * https.Agent with nothing between the caller and node:https: no discovery, no URL objects, no
 * parsing of the answer beyond its status code. The kubeconfig is read with gantry's loader only
 * to get those three values; the hot path does not touch it.
 */
export function createRawApplier(kubeconfigPath: string, maxSockets = 64): RawApplier {
  const target = readTarget(kubeconfigPath);
  const agent = new https.Agent({ keepAlive: true, maxSockets, ca: target.ca });
  const auth = `Bearer ${target.token}`;
  return {
    apply(obj, resource) {
      const path = `/api/v1/namespaces/${obj.metadata.namespace}/${resource}/${obj.metadata.name}?fieldManager=bench&force=true`;
      const body = JSON.stringify(obj);
      const headers = {
        Authorization: auth,
        Accept: 'application/json',
        'Content-Type': 'application/apply-patch+yaml',
        'Content-Length': Buffer.byteLength(body),
      };
      return send({ host: target.host, port: target.port, path, method: 'PATCH', headers, agent }, body);
    },
    close: () => agent.destroy(),
  };
}

function send(options: https.RequestOptions, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = https.request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const code = res.statusCode ?? 0;
        if (code < 300) return resolve();
        reject(new Error(`raw apply ${options.path}: HTTP ${code}: ${Buffer.concat(chunks).toString('utf8').slice(0, 500)}`));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function readTarget(kubeconfigPath: string): Target {
  const kc = loadKubeConfig({ path: kubeconfigPath });
  const cluster = kc.getCurrentCluster();
  const token = kc.getCurrentUser()?.token;
  if (!cluster?.caData || !token) throw new Error(`${kubeconfigPath} has no CA data or bearer token for its current context`);
  const url = new URL(cluster.server);
  return { host: url.hostname, port: Number(url.port || 443), ca: Buffer.from(cluster.caData, 'base64'), token };
}
