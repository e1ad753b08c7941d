/**
 * The SchemaResolver the graph builder asks about each kind an RGD uses: scope from discovery,
 * the OpenAPI schema from the apiserver's /openapi/v2 (1.20 serves no v3), fetched once and
 * fetched again when a kind is served but not yet described (a CRD just registered).
 */
import { NotFoundError, type Clock } from '../../core/index.js';
import type { KubeApi } from '../../kube/index.js';
import { apiVersionOf } from '../graph/resource-node.js';
import type { GroupVersionKind, SchemaResolver } from '../graph/types.js';
import { indexDefinitions, schemaForKind, type OpenApiV2 } from './openapi-v2.js';

/** A resolver plus a way to forget what it read (after CRDs change). */
export interface KubeSchemaResolver extends SchemaResolver {
  invalidate(): void;
}

interface Loaded {
  doc: OpenApiV2;
  index: Map<string, string>;
  at: number;
}

/** A kind the cluster serves whose schema is not published: anything goes under it, as its CRD says. */
const OPEN_SCHEMA = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

/** Creates a resolver over one cluster's discovery and OpenAPI document. */
export function createSchemaResolver(o: { api: KubeApi; clock: Clock; minRefreshMs?: number }): KubeSchemaResolver {
  let loaded: Promise<Loaded> | undefined;
  const schemas = new Map<string, Record<string, unknown>>();
  const load = (): Promise<Loaded> => {
    loaded ??= fetchDoc(o.api, o.clock).catch((e: unknown) => {
      loaded = undefined;
      throw e;
    });
    return loaded;
  };
  const lookup = async (gvk: GroupVersionKind): Promise<Record<string, unknown> | undefined> => {
    const key = `${gvk.group}/${gvk.version}/${gvk.kind}`;
    const hit = schemas.get(key);
    if (hit) return hit;
    let doc = await load();
    let schema = schemaForKind(doc.doc, doc.index, gvk);
    if (!schema && o.clock.now() - doc.at >= (o.minRefreshMs ?? 1000)) {
      loaded = undefined;
      doc = await load();
      schema = schemaForKind(doc.doc, doc.index, gvk);
    }
    if (schema) schemas.set(key, schema);
    return schema;
  };
  return {
    async resolve(gvk) {
      let namespaced: boolean;
      try {
        namespaced = (await o.api.discovery.resolve(apiVersionOf(gvk), gvk.kind)).namespaced;
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
      return { schema: (await lookup(gvk)) ?? OPEN_SCHEMA, namespaced };
    },
    invalidate() {
      loaded = undefined;
      schemas.clear();
      o.api.discovery.invalidate();
    },
  };
}

async function fetchDoc(api: KubeApi, clock: Clock): Promise<Loaded> {
  const doc = await api.client.request<OpenApiV2>({ method: 'GET', path: '/openapi/v2', what: 'read the OpenAPI v2 document', timeoutMs: 60_000 });
  return { doc, index: indexDefinitions(doc), at: clock.now() };
}
