import { NotFoundError } from '../core/index.js';
import type { KubeClient } from './client.js';
import type { ApiResource } from './types.js';

interface ApiResourceList {
  groupVersion: string;
  resources: { name: string; kind: string; namespaced: boolean; verbs: string[]; shortNames?: string[] }[];
}
interface ApiGroupList {
  groups: { name: string; versions: { groupVersion: string; version: string }[]; preferredVersion?: { version: string } }[];
}

/** The server's version, as `GET /version` reports it. */
export interface ServerVersion {
  major: string;
  minor: string;
  gitVersion: string;
}

/**
 * What a cluster serves, learned from its discovery endpoints: resource names and scope for every
 * kind at every served version, and which version of each group the server prefers. Versions are
 * chosen from here, never hard-coded, since real clusters are newer than the embedded one.
 */
export interface Discovery {
  serverVersion(): Promise<ServerVersion>;
  /** Every served resource (subresources excluded). */
  resources(): Promise<ApiResource[]>;
  /** The resource for an apiVersion and kind; refreshes once on a miss (a CRD may be new). */
  resolve(apiVersion: string, kind: string): Promise<ApiResource>;
  /** The preferred version of a group, or undefined when the group is not served. */
  preferredVersion(group: string): Promise<string | undefined>;
  /** Forgets what was learned (after CRDs change). */
  invalidate(): void;
}

interface Snapshot {
  byKey: Map<string, ApiResource>;
  all: ApiResource[];
  preferred: Map<string, string>;
}

/** Creates a discovery cache over a client. */
export function createDiscovery(client: KubeClient): Discovery {
  let snapshot: Promise<Snapshot> | undefined;
  const load = (): Promise<Snapshot> => {
    snapshot ??= fetchSnapshot(client).catch((e: unknown) => {
      snapshot = undefined;
      throw e;
    });
    return snapshot;
  };
  return {
    serverVersion: () => client.request<ServerVersion>({ method: 'GET', path: '/version', what: 'read server version' }),
    resources: async () => (await load()).all,
    async resolve(apiVersion, kind) {
      const hit = (await load()).byKey.get(`${apiVersion}|${kind}`);
      if (hit) return hit;
      snapshot = undefined;
      const again = (await load()).byKey.get(`${apiVersion}|${kind}`);
      if (again) return again;
      throw new NotFoundError(
        `cluster ${client.connection.name} serves no kind ${kind} in ${apiVersion}: check the apiVersion, or install its CRD first`,
        { retryable: true },
      );
    },
    preferredVersion: async (group) => (await load()).preferred.get(group),
    invalidate() {
      snapshot = undefined;
    },
  };
}

async function fetchSnapshot(client: KubeClient): Promise<Snapshot> {
  const groups = await client.request<ApiGroupList>({ method: 'GET', path: '/apis', what: 'discover API groups' });
  const core = await client.request<{ versions: string[] }>({ method: 'GET', path: '/api', what: 'discover core API' });
  const preferred = new Map<string, string>([['', core.versions[0] ?? 'v1']]);
  const paths = core.versions.map((v) => `/api/${v}`);
  for (const g of groups.groups) {
    preferred.set(g.name, g.preferredVersion?.version ?? g.versions[0]?.version ?? '');
    for (const v of g.versions) paths.push(`/apis/${v.groupVersion}`);
  }
  const lists = await Promise.all(paths.map((path) => fetchList(client, path)));
  const all = lists.flatMap((l) => (l ? toResources(l) : []));
  return { all, preferred, byKey: new Map(all.map((r) => [`${r.group ? `${r.group}/` : ''}${r.version}|${r.kind}`, r])) };
}

async function fetchList(client: KubeClient, path: string): Promise<ApiResourceList | undefined> {
  try {
    return await client.request<ApiResourceList>({ method: 'GET', path, what: `discover ${path}` });
  } catch (error) {
    // An aggregated API that is down must not hide every other group.
    if (error instanceof NotFoundError || (error as { retryable?: boolean }).retryable) return undefined;
    throw error;
  }
}

/** Turns one discovery document into resources, dropping subresources ("deployments/status"). */
export function toResources(list: ApiResourceList): ApiResource[] {
  const slash = list.groupVersion.indexOf('/');
  const group = slash < 0 ? '' : list.groupVersion.slice(0, slash);
  const version = slash < 0 ? list.groupVersion : list.groupVersion.slice(slash + 1);
  return list.resources
    .filter((r) => !r.name.includes('/'))
    .map((r) => ({
      group,
      version,
      resource: r.name,
      kind: r.kind,
      namespaced: r.namespaced,
      verbs: r.verbs,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
    }));
}
