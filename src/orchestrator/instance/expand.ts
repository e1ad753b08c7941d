/**
 * Turns one resource of a graph into the objects to apply for one instance: forEach expanded into
 * every combination of its iterators, each template copied with its `${...}` fields evaluated,
 * then stamped with kro's labels and defaulted into the instance's namespace.
 */
import type { KubeObject } from '../../kube/index.js';
import type { GraphResource } from '../graph/types.js';
import type { ExpressionEvaluator } from './evaluator.js';
import { deleteAtPath, parseFieldPath, setAtPath } from '../graph/field-path.js';
import { COLLECTION_INDEX_LABEL, COLLECTION_SIZE_LABEL, NODE_ANNOTATION, childLabels, type InstanceIdentity } from './labels.js';

/** The outcome of expanding a resource: objects, or why there are none yet (pending) or at all (error). */
export type Expansion = { ok: true; objects: KubeObject[] } | { ok: false; pending: boolean; message: string };

/** What expansion reads: the evaluator, the variables in scope, and the instance the objects belong to. */
export interface ExpandContext {
  evaluator: ExpressionEvaluator;
  variables: Record<string, unknown>;
  instance: InstanceIdentity;
}

/** Evaluates one expression; a failure names the resource and the expression, so a person can find it. */
export function evaluateFor(resourceId: string, expression: string, ctx: Pick<ExpandContext, 'evaluator' | 'variables'>): { ok: true; value: unknown } | { ok: false; pending: boolean; message: string } {
  const result = ctx.evaluator.evaluate(expression, ctx.variables);
  if (result.ok) return result;
  const what = result.pending ? 'waits for data' : 'failed';
  return { ok: false, pending: result.pending, message: `resource ${resourceId}: expression \${${expression}} ${what}: ${result.message}` };
}

/** Every combination of forEach iterator values (one empty binding when there is no forEach). */
export function expandIterators(resource: GraphResource, ctx: ExpandContext): { ok: true; bindings: Record<string, unknown>[] } | { ok: false; pending: boolean; message: string } {
  let bindings: Record<string, unknown>[] = [{}];
  for (const dim of resource.forEach) {
    const r = evaluateFor(resource.id, dim.expression, ctx);
    if (!r.ok) return r;
    if (!Array.isArray(r.value)) {
      return { ok: false, pending: false, message: `resource ${resource.id}: forEach ${dim.name} expression \${${dim.expression}} must yield a list, got ${typeof r.value}` };
    }
    const values = r.value;
    bindings = bindings.flatMap((b) => values.map((v) => ({ ...b, [dim.name]: v })));
  }
  return { ok: true, bindings };
}

/** Copies the template and writes each evaluated field into it. */
export function renderTemplate(resource: GraphResource, ctx: ExpandContext): { ok: true; object: KubeObject } | { ok: false; pending: boolean; message: string } {
  const object = structuredClone(resource.template ?? {}) as KubeObject;
  for (const field of resource.fields) {
    const r = evaluateFor(resource.id, field.expression, ctx);
    if (!r.ok) return r;
    const path = parseFieldPath(field.path);
    // An absent optional chain (`${a.?b}`) or omit() leaves the field out, as kro does.
    if (r.value === undefined) deleteAtPath(object, path);
    else setAtPath(object, path, field.standalone || typeof r.value === 'string' ? r.value : stringify(r.value));
  }
  return { ok: true, object };
}

function stringify(value: unknown): string {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Expands a template resource into its objects for one instance. */
export function expandResource(resource: GraphResource, ctx: ExpandContext): Expansion {
  const iter = expandIterators(resource, ctx);
  if (!iter.ok) return iter;
  const objects: KubeObject[] = [];
  for (const [index, binding] of iter.bindings.entries()) {
    const rendered = renderTemplate(resource, { ...ctx, variables: { ...ctx.variables, ...binding } });
    if (!rendered.ok) return rendered;
    const collection = resource.forEach.length > 0 ? { index, size: iter.bindings.length } : undefined;
    objects.push(decorate(rendered.object, { resource, instance: ctx.instance, collection }));
  }
  return { ok: true, objects };
}

interface DecorateOptions {
  resource: GraphResource;
  instance: InstanceIdentity;
  collection?: { index: number; size: number };
}

/** Adds kro's labels and node annotation, and the instance namespace to a namespaced object without one. */
export function decorate(object: KubeObject, o: DecorateOptions): KubeObject {
  const metadata = { ...(object.metadata ?? {}) };
  metadata.labels = { ...(metadata.labels ?? {}), ...childLabels(o.instance, o.resource.id) };
  if (o.collection) {
    metadata.labels[COLLECTION_INDEX_LABEL] = String(o.collection.index);
    metadata.labels[COLLECTION_SIZE_LABEL] = String(o.collection.size);
  }
  metadata.annotations = { ...(metadata.annotations ?? {}), [NODE_ANNOTATION]: o.resource.id };
  if (o.resource.namespaced && !metadata.namespace) metadata.namespace = o.instance.namespace ?? 'default';
  if (!o.resource.namespaced) delete metadata.namespace;
  return { ...object, metadata };
}
