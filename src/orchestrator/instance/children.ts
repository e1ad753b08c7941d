/**
 * Finding an instance's live children in the shared watch cache (one informer per child kind,
 * selected by `kro.run/owned=true`, shared by every RGD), reading its external references, and
 * routing a child's change back to its instance.
 */
import { formatNameKey } from '../../core/index.js';
import type { Cluster, Informer, KubeObject, ObjectChange } from '../../kube/index.js';
import type { GraphResource, GroupVersionKind, ResourceGraph } from '../graph/types.js';
import type { ExpressionEvaluator } from './evaluator.js';
import { parseFieldPath, setAtPath } from '../graph/field-path.js';
import { apiVersionOf } from '../graph/resource-node.js';
import { INSTANCE_GROUP_LABEL, INSTANCE_KIND_LABEL, INSTANCE_NAME_LABEL, INSTANCE_NAMESPACE_LABEL, OWNED_LABEL, isChildOf, resourceIdOf, type InstanceIdentity } from './labels.js';

/** The label selector of every child informer. */
export const CHILD_SELECTOR = `${OWNED_LABEL}=true`;


/** The distinct apiVersion/kind pairs of a graph's template resources. */
export function childKinds(graph: ResourceGraph): { apiVersion: string; kind: string }[] {
  const seen = new Map<string, { apiVersion: string; kind: string }>();
  for (const r of graph.resources) {
    if (r.externalRef) continue;
    const apiVersion = apiVersionOf(r.gvk);
    seen.set(`${apiVersion}|${r.gvk.kind}`, { apiVersion, kind: r.gvk.kind });
  }
  return [...seen.values()];
}

/** Resource ids whose live state something reads: a dependant, a status field, or their own readyWhen. */
export function observedIds(graph: ResourceGraph): Set<string> {
  const ids = new Set<string>();
  for (const r of graph.resources) {
    r.dependencies.forEach((d) => ids.add(d));
    if (r.readyWhen.length > 0) ids.add(r.id);
  }
  graph.instance.statusFields.forEach((f) => f.dependencies.forEach((d) => ids.add(d)));
  return ids;
}

const shapeOf = (o: KubeObject): string =>
  JSON.stringify(o, (key, value: unknown) => (key === 'status' || key === 'resourceVersion' || key === 'managedFields' ? undefined : value));

/**
 * Whether a change to a child can change its instance's next step: a create or delete always; an
 * update of anything but status always; a status-only update only when something reads that
 * resource (an HPA's status churn, read by nothing, wakes nobody).
 */
export function changeMatters(change: ObjectChange, read: Set<string>, ids: string[]): boolean {
  if (change.type !== 'updated' || !change.old) return true;
  const id = resourceIdOf(change.object, ids);
  if (id === undefined || read.has(id)) return true;
  return shapeOf(change.old) !== shapeOf(change.object);
}

/** The instance key (namespace/name) a child belongs to, when it belongs to an instance of `gvk`. */
export function instanceKeyOf(change: ObjectChange, gvk: GroupVersionKind): string | undefined {
  const labels = change.object.metadata.labels ?? change.old?.metadata.labels ?? {};
  if (labels[INSTANCE_KIND_LABEL] !== gvk.kind || (labels[INSTANCE_GROUP_LABEL] ?? '') !== gvk.group) return undefined;
  const name = labels[INSTANCE_NAME_LABEL];
  return name ? formatNameKey(labels[INSTANCE_NAMESPACE_LABEL], name) : undefined;
}

/** Groups the instance's children from the informers by resource id. */
export function collectChildren(informers: Informer[], graph: ResourceGraph, instance: InstanceIdentity): Map<string, KubeObject[]> {
  const ids = graph.resources.map((r) => r.id);
  const out = new Map<string, KubeObject[]>();
  for (const informer of informers) {
    for (const child of informer.list()) {
      if (!isChildOf(child, instance)) continue;
      const id = resourceIdOf(child, ids) ?? '(unknown)';
      const list = out.get(id) ?? [];
      list.push(child);
      out.set(id, list);
    }
  }
  return out;
}

type ExternalRef = NonNullable<GraphResource['externalRef']>;

/** An external reference with its `${...}` fields (names from the instance, typically) evaluated; undefined while they cannot be. */
export function renderExternalRef(resource: GraphResource, variables: Record<string, unknown>, evaluator: ExpressionEvaluator): ExternalRef | undefined {
  const ref = structuredClone(resource.externalRef) as ExternalRef;
  for (const f of resource.fields) {
    const r = evaluator.evaluate(f.expression, variables);
    if (!r.ok) return undefined;
    setAtPath(ref as unknown as Record<string, unknown>, parseFieldPath(f.path), r.value);
  }
  return ref;
}

/** Reads each external reference the graph declares (namespace defaulting to the instance's). */
export async function readExternals(cluster: Cluster, graph: ResourceGraph, scope: { namespace?: string; variables: Record<string, unknown>; evaluator: ExpressionEvaluator }): Promise<Map<string, KubeObject[]>> {
  const out = new Map<string, KubeObject[]>();
  const externals = graph.resources.filter((r) => r.externalRef !== undefined);
  await Promise.all(
    externals.map(async (r) => {
      const ref = renderExternalRef(r, scope.variables, scope.evaluator);
      if (!ref) return;
      const ns = r.namespaced ? (ref.metadata.namespace ?? scope.namespace ?? 'default') : undefined;
      const live = await cluster.api.get<KubeObject>({ apiVersion: ref.apiVersion, kind: ref.kind, namespace: ns, name: ref.metadata.name });
      if (live) out.set(r.id, [live]);
    }),
  );
  return out;
}
