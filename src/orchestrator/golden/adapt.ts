/**
 * Fits a shipped RGD to the cluster it is installed on, from what discovery says the cluster
 * serves: a template whose apiVersion the cluster does not serve is moved to the version the
 * cluster prefers for that kind (autoscaling/v2 -> v2beta2 on a 1.20 apiserver), and a resource
 * listed as optional whose kind is not served at all (a ServiceMonitor without the Prometheus
 * operator) is left out, with the resources that read it.
 */
import type { KubeObject } from '../../kube/index.js';
import { apiVersionOf, parseGvk } from '../graph/resource-node.js';

/** The annotation naming the resource ids that may be dropped when their kind is not served. */
export const OPTIONAL_RESOURCES_ANNOTATION = 'gantry.io/optional-resources';

/** What the cluster serves: for a group and kind, the versions in order of preference (none when not served). */
export type ServedVersions = (group: string, kind: string) => string[];

interface RgdResource {
  id: string;
  template?: { apiVersion?: string; kind?: string; [k: string]: unknown };
  [k: string]: unknown;
}

/** The RGD as this cluster can serve it, plus a note of each change made. */
export function adaptToCluster(rgd: KubeObject, served: ServedVersions): { rgd: KubeObject; changes: string[] } {
  const out = structuredClone(rgd);
  const spec = out.spec as { resources?: RgdResource[] };
  const optional = new Set((rgd.metadata.annotations?.[OPTIONAL_RESOURCES_ANNOTATION] ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  const changes: string[] = [];
  const dropped = new Set<string>();
  for (const r of spec.resources ?? []) {
    const change = fitResource(r, served, optional.has(r.id));
    if (change === 'drop') {
      dropped.add(r.id);
      changes.push(`left out ${r.id}: the cluster does not serve ${r.template?.apiVersion} ${r.template?.kind}`);
    } else if (change) changes.push(change);
  }
  if (spec.resources) spec.resources = spec.resources.filter((r) => !dropped.has(r.id) && !readsAny(r, dropped));
  return { rgd: out, changes };
}

/** Moves one template to a served version (mutating it); 'drop' for an optional one whose kind is not served. */
function fitResource(r: RgdResource, served: ServedVersions, optional: boolean): string | 'drop' | undefined {
  const t = r.template;
  if (!t?.apiVersion || !t.kind) return undefined;
  const { group, version } = parseGvk(t.apiVersion, t.kind);
  const versions = served(group, t.kind);
  if (versions.includes(version)) return undefined;
  if (versions.length === 0) return optional ? 'drop' : undefined;
  const chosen = versions[0] as string;
  t.apiVersion = apiVersionOf({ group, version: chosen });
  return `${r.id}: ${group}/${version} is not served, using ${t.apiVersion}`;
}

/** Whether a resource's expressions read any of the given ids. */
function readsAny(resource: RgdResource, ids: Set<string>): boolean {
  const text = JSON.stringify(resource);
  return [...ids].some((id) => new RegExp(`\\$\\{[^}]*\\b${id}\\.`).test(text));
}
