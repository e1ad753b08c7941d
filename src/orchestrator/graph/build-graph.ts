/**
 * Builds a ResourceGraph from a ResourceGraphDefinition, validating it as kro does: names, the
 * SimpleSchema, every resource's kind and template, every expression's scope and type, the
 * dependency graph (no cycles), and the instance status.
 */
import { fail, InputError, messageOf, ok, type Result } from '../../core/index.js';
import type { TypeEnv } from '../cel/typecheck.js';
import { listOf, type CelT } from '../cel/types.js';
import { pluralize, synthesizeCRD } from '../schema/crd.js';
import type { JSONSchemaProps } from '../schema/openapi-types.js';
import { describeCycle } from './cycle-edges.js';
import { createDag, CycleError } from './dag.js';
import { checkExpression, requireString, type ExpressionScope } from './expression-check.js';
import { buildInstanceSpecSchema, buildStatusSchema, collectStatusFields, instanceCelType } from './instance.js';
import { checkResource, type CheckedResource } from './resource-checks.js';
import { prepareResource, type ResourceNode } from './resource-node.js';
import { readRgd, type RgdSpec } from './rgd.js';
import type { FieldExpression, GraphResource, InstanceKind, ResourceGraph, SchemaResolver } from './types.js';
import { validateRgdNaming } from './validate.js';

/** Limits of the builder (kro's defaults). */
export interface BuildOptions {
  /** At most this many forEach dimensions per resource; default 5. */
  maxCollectionDimensionSize?: number;
}

function typeEnv(instanceType: CelT, nodes: ResourceNode[]): Map<string, CelT> {
  const env = new Map<string, CelT>([['schema', instanceType]]);
  for (const n of nodes) env.set(n.raw.id, n.raw.forEach.length > 0 ? listOf(n.objectType) : n.objectType);
  return env;
}

function orderResources(nodes: ResourceNode[], checked: CheckedResource[]): string[] {
  const byId = new Map(nodes.map((n, i) => [n.raw.id, checked[i] ?? { fields: [], forEach: [], readyWhen: [], includeWhen: [], dependencies: [] }]));
  try {
    return sortResources(nodes, byId);
  } catch (error) {
    if (error instanceof CycleError) throw new CycleError(error.cycle, describeCycle(error.cycle, byId));
    throw error;
  }
}

function sortResources(nodes: ResourceNode[], byId: ReadonlyMap<string, CheckedResource>): string[] {
  const dag = createDag();
  for (const n of nodes) dag.addVertex(n.raw.id);
  for (const n of nodes) {
    const deps = byId.get(n.raw.id)?.dependencies ?? [];
    if (deps.includes(n.raw.id)) throw new InputError(`resource ${JSON.stringify(n.raw.id)} references itself: a resource cannot read its own fields`);
    try {
      dag.addDependencies(n.raw.id, deps);
    } catch (error) {
      if (error instanceof CycleError) throw error;
      throw new InputError(`resource ${JSON.stringify(n.raw.id)}: ${messageOf(error)}`, { cause: error });
    }
  }
  return dag.topologicalSort();
}

function checkStatus(rgd: RgdSpec, env: TypeEnv): { fields: FieldExpression[]; schema: JSONSchemaProps } {
  const types = new Map<string, CelT>();
  const fields = collectStatusFields(rgd.schema.status).map((f) => {
    const scope: ExpressionScope = { owner: 'instance status', where: `field ${f.path}`, env };
    const parts = f.standalone ? [f.expression] : f.expressions;
    const checked = parts.map((p) => checkExpression(p, scope));
    if (!f.standalone) checked.forEach((c) => requireString(c, scope));
    const references = [...new Set(checked.flatMap((c) => c.references))];
    if (references.length === 0) {
      throw new InputError(`failed to create instance node: status field ${f.path} (\${${parts.join('} ${')}}) reads neither schema nor a resource: status fields must be computed from them`);
    }
    types.set(f.path, f.standalone && checked[0] ? checked[0].type : { k: 'string' });
    return { path: f.path, expression: f.expression, standalone: f.standalone, dependencies: references };
  });
  return { fields, schema: buildStatusSchema(rgd.schema.status, types) };
}

function toGraphResource(n: ResourceNode, c: CheckedResource): GraphResource {
  const r: GraphResource = {
    id: n.raw.id,
    gvk: n.gvk,
    namespaced: n.namespaced,
    fields: c.fields,
    readyWhen: c.readyWhen,
    includeWhen: c.includeWhen,
    forEach: c.forEach,
    dependencies: c.dependencies,
  };
  if (n.raw.template) r.template = n.raw.template;
  if (n.raw.externalRef) r.externalRef = n.raw.externalRef as GraphResource['externalRef'];
  return r;
}

function instanceKind(rgd: RgdSpec, spec: JSONSchemaProps, status: { fields: FieldExpression[]; schema: JSONSchemaProps }): InstanceKind {
  const s = rgd.schema;
  const gvk = { group: s.group, version: s.apiVersion, kind: s.kind };
  const crd = synthesizeCRD({ ...gvk, scope: s.scope, spec, status: status.schema, statusFieldsOverride: true, options: s.crdOptions });
  return { gvk, plural: pluralize(s.kind.toLowerCase()), crd, statusFields: status.fields };
}

async function build(input: unknown, resolver: SchemaResolver, options: BuildOptions): Promise<ResourceGraph> {
  const rgd = readRgd(input);
  validateRgdNaming(rgd, options.maxCollectionDimensionSize ?? 5);
  const spec = buildInstanceSpecSchema(rgd.schema);
  const nodes: ResourceNode[] = [];
  for (const r of rgd.resources) nodes.push(await prepareResource(r, resolver, rgd.schema.scope));
  const env = typeEnv(instanceCelType(spec, rgd.schema.scope), nodes);
  const checked = nodes.map((n) => checkResource(n, env));
  const topologicalOrder = orderResources(nodes, checked);
  const status = checkStatus(rgd, env);
  return {
    instance: instanceKind(rgd, spec, status),
    resources: nodes.map((n, i) => toGraphResource(n, checked[i] as CheckedResource)),
    topologicalOrder,
  };
}

/**
 * Validates an RGD (kro.run/v1alpha1 ResourceGraphDefinition, as parsed JSON/YAML) and builds its
 * graph. A failure is an InputError whose message names the resource, the field or condition,
 * and the expression, and says what to change.
 */
export async function buildResourceGraph(rgd: unknown, resolver: SchemaResolver, options: BuildOptions = {}): Promise<Result<ResourceGraph>> {
  try {
    return ok(await build(rgd, resolver, options));
  } catch (error) {
    return fail(error instanceof Error ? error : new InputError(messageOf(error)));
  }
}
