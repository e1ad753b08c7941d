import { groupOf, InputError, NotFoundError, withContext } from '../../core/index.js';
import type { Cluster } from '../../kube/index.js';
import type { KubeObject } from '../kube-object.js';
import { scopesFromCrds, type ScopedObject } from './desired.js';
import type { RenderResult, SourceReader, SourceRenderer } from './ports.js';
import { renderKey, type RenderCache } from './render-cache.js';
import type { ApplicationSource } from './types.js';

/** A source rendered at one commit. */
export interface RenderedSource {
  revision: string;
  sourceType: string;
  objects: ScopedObject[];
}

/** Reads the source's files at its revision and renders them (a render kept in the cache is reused). */
export async function renderSource(o: {
  reader: SourceReader;
  render: SourceRenderer;
  source: ApplicationSource;
  /** The commit to render (a Helm repository chart's: its version), resolved by the caller. */
  revision: string;
  cluster: Cluster;
  cache?: RenderCache;
  appName: string;
  namespace: string;
  /** Files other sources lend to this one (`$ref/path` Helm value files), keyed as written, and what names their revisions. */
  lent?: { files: ReadonlyMap<string, Buffer>; key: string };
}): Promise<RenderedSource> {
  const { source, revision } = o;
  const at = `${source.repoURL} at ${revision.slice(0, 7)}`;
  const files = (path: string): Promise<Map<string, Buffer>> =>
    o.reader.readFiles(source.repoURL, revision, path).catch((e: unknown) => {
      throw withContext(`read ${path} of ${at}`, e);
    });
  // Helm output also depends on the release name and namespace.
  const key = [renderKey(source, revision), o.appName, o.namespace, ...lentKey(o.lent)].join('|');
  let rendered: RenderResult | undefined = o.cache?.get(key);
  if (!rendered) {
    // A render that read the cluster's capabilities may change without a commit (a CRD installed): never kept.
    let askedCluster = false;
    const capabilities = (): ReturnType<typeof capabilitiesOf> => ((askedCluster = true), capabilitiesOf(o.cluster));
    try {
      rendered = await o.render(source, files, { appName: o.appName, namespace: o.namespace, capabilities, ...(o.lent ? { lentFiles: o.lent.files } : {}) });
    } catch (error) {
      throw withContext(`render ${source.path ?? '.'} of ${at}`, error);
    }
    if (!askedCluster) o.cache?.set(key, rendered);
  }
  return { revision: rendered.revision ?? revision, sourceType: rendered.sourceType, objects: await scopeObjects(o.cluster, rendered.objects) };
}

function lentKey(lent: { key: string } | undefined): string[] {
  return lent ? [lent.key] : [];
}

/** Learns each object's scope from the cluster's discovery, or from a CRD rendered alongside it. */
async function scopeObjects(cluster: Cluster, objects: KubeObject[]): Promise<ScopedObject[]> {
  const crdScopes = scopesFromCrds(objects);
  return Promise.all(
    objects.map(async (object) => {
      if (!object.apiVersion || !object.kind || !(object.metadata?.name || object.metadata?.generateName)) {
        throw new InputError(`a rendered object lacks apiVersion, kind or metadata.name (or generateName, for hooks): ${JSON.stringify(object).slice(0, 200)}`);
      }
      try {
        const res = await cluster.api.discovery.resolve(object.apiVersion, object.kind);
        return { object, namespaced: res.namespaced };
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        return { object, namespaced: crdScopes.get(`${groupOf(object.apiVersion)}/${object.kind}`) ?? true };
      }
    }),
  );
}

/** The destination's version and API versions (`group/version` and `group/version/Kind`), as Helm's .Capabilities wants them. */
async function capabilitiesOf(cluster: Cluster): Promise<{ kubeVersion: string; apiVersions: string[] }> {
  const [version, resources] = await Promise.all([cluster.api.discovery.serverVersion(), cluster.api.discovery.resources()]);
  const apiVersions = new Set<string>();
  for (const r of resources) {
    const gv = r.group ? `${r.group}/${r.version}` : r.version;
    apiVersions.add(gv);
    apiVersions.add(`${gv}/${r.kind}`);
  }
  return { kubeVersion: version.gitVersion, apiVersions: [...apiVersions] };
}
