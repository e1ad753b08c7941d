/**
 * The first pass over one `spec.resources[]` entry: its shape, its kind (resolved through the
 * SchemaResolver), scope rules, literal types, and the fields that hold expressions.
 */
import { InputError, messageOf } from '../../core/index.js';
import { objectTypeOf, type CelT } from '../cel/types.js';
import { parseSchemalessResource, type TemplateField } from '../expressions/schemaless.js';
import { normalizeSchema } from '../schema/normalize.js';
import type { JSONSchemaProps } from '../schema/openapi-types.js';
import type { RgdResource } from './rgd.js';
import { validateLiteralTypes } from './template-check.js';
import type { GroupVersionKind, SchemaResolver } from './types.js';
import { validateNoKroOwnedMetadata, validateObjectStructure, validateResourceShape } from './validate.js';

/** A resource after the first pass. */
export interface ResourceNode {
  raw: RgdResource;
  gvk: GroupVersionKind;
  namespaced: boolean;
  schema: JSONSchemaProps;
  /** The template, or the externalRef object. */
  object: Record<string, unknown>;
  fields: TemplateField[];
  /** The CEL type of one object of this kind. */
  objectType: CelT;
}

/** `apps/v1` + `Deployment` -> {group: apps, version: v1, kind: Deployment}. */
export function parseGvk(apiVersion: string, kind: string): GroupVersionKind {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion, kind } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind };
}

/** {group: apps, version: v1} -> `apps/v1`; the core group -> `v1` (the inverse of parseGvk). */
export function apiVersionOf(gvk: Pick<GroupVersionKind, 'group' | 'version'>): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

function formatGvk(gvk: GroupVersionKind): string {
  return `${apiVersionOf(gvk)}, Kind=${gvk.kind}`;
}

function checkScope(id: string, metadata: Record<string, unknown>, namespaced: boolean, instanceScope: 'Namespaced' | 'Cluster'): void {
  const where = `resource ${JSON.stringify(id)}`;
  if (!namespaced && 'namespace' in metadata) {
    throw new InputError(`${where} is cluster-scoped and must not set metadata.namespace: remove it`);
  }
  const ns = metadata.namespace;
  if (namespaced && instanceScope === 'Cluster' && (typeof ns !== 'string' || ns.trim() === '')) {
    throw new InputError(`${where} is namespaced and must set metadata.namespace when the instance CRD is cluster-scoped`);
  }
}

/** A CRD's schema must be known when the RGD is accepted, so only its metadata may be computed. */
function checkCrdExpressions(id: string, gvk: GroupVersionKind, fields: TemplateField[]): void {
  if (gvk.group !== 'apiextensions.k8s.io' || gvk.kind !== 'CustomResourceDefinition') return;
  const bad = fields.find((f) => !f.path.startsWith('metadata.'));
  if (bad) {
    throw new InputError(`resource ${JSON.stringify(id)} field ${bad.path}: CEL expressions in CRDs are only supported for metadata fields: write the CRD's spec literally`);
  }
}

/** Runs the first pass over a resource; throws an InputError naming the resource. */
export async function prepareResource(r: RgdResource, resolver: SchemaResolver, instanceScope: 'Namespaced' | 'Cluster'): Promise<ResourceNode> {
  validateResourceShape(r);
  const object = (r.template ?? r.externalRef) as Record<string, unknown>;
  validateObjectStructure(r.id, object);
  const apiVersion = object.apiVersion as string;
  const kind = object.kind as string;
  if (`${apiVersion}${kind}`.includes('${')) throw new InputError(`resource ${JSON.stringify(r.id)}: apiVersion and kind must be literal, not expressions`);
  const gvk = parseGvk(apiVersion, kind);
  const resolved = await resolver.resolve(gvk);
  if (!resolved) {
    throw new InputError(`resource ${JSON.stringify(r.id)}: schema not found for ${formatGvk(gvk)}: the cluster does not serve this kind (is its CRD installed?)`);
  }
  const metadata = object.metadata as Record<string, unknown>;
  checkScope(r.id, metadata, resolved.namespaced, instanceScope);
  validateNoKroOwnedMetadata(r.id, metadata);
  const schema = normalizeSchema(resolved.schema as JSONSchemaProps);
  let fields: TemplateField[];
  try {
    if (r.template) validateLiteralTypes(object, schema, '');
    fields = parseSchemalessResource(object).fields;
  } catch (error) {
    throw new InputError(`resource ${JSON.stringify(r.id)}: ${messageOf(error)}`, { cause: error });
  }
  checkCrdExpressions(r.id, gvk, fields);
  return { raw: r, gvk, namespaced: resolved.namespaced, schema, object, fields, objectType: objectTypeOf(schema) };
}
