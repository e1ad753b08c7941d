/**
 * Registers the CRD of a generated kind: refuses to take over a CRD that another RGD (or anything
 * else) owns, applies it labelled as this RGD's, and waits briefly for it to be Established.
 */
import { isRetryable, messageOf, type Clock } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import type { ResourceGraph } from '../graph/types.js';
import { OWNED_LABEL, RGD_ID_LABEL, RGD_NAME_LABEL } from '../instance/labels.js';

const CRD_API = 'apiextensions.k8s.io/v1';

/** Whether the kind is served, and a message a person can act on. */
export interface KindResult {
  ready: boolean;
  message: string;
}

/** Who owns an existing CRD, when it is not this RGD. */
export function crdConflict(existing: KubeObject | undefined, rgdName: string): string | undefined {
  if (!existing) return undefined;
  const labels = existing.metadata.labels ?? {};
  if (labels[OWNED_LABEL] !== 'true') return `CRD ${existing.metadata.name} already exists and was not created by a ResourceGraphDefinition: delete it, or choose another kind or group`;
  const owner = labels[RGD_NAME_LABEL];
  if (owner && owner !== rgdName) return `CRD ${existing.metadata.name} is already served by ResourceGraphDefinition ${owner}: choose another kind or group, or delete that RGD`;
  return undefined;
}

/**
 * Creates the CRD, or replaces the spec of the existing one. Not server-side apply: the 1.20
 * apiserver's apply turns a schema `default: ""` into null and rejects the CRD.
 */
async function writeCrd(hub: Cluster, crd: KubeObject, existing: KubeObject | undefined): Promise<KubeObject> {
  if (!existing) return hub.api.create(crd);
  const target = { apiVersion: CRD_API, kind: 'CustomResourceDefinition', name: crd.metadata.name ?? '' };
  const ops = [
    { op: 'test', path: '/metadata/resourceVersion', value: existing.metadata.resourceVersion },
    { op: 'replace', path: '/spec', value: crd.spec },
    { op: 'replace', path: '/metadata/labels', value: { ...(existing.metadata.labels ?? {}), ...(crd.metadata.labels ?? {}) } },
  ];
  return hub.api.patch<KubeObject>(target, ops, { type: 'json' });
}

/** The CRD as this RGD registers it: named, typed, and labelled with its owner. */
function ownedCrd(crd: KubeObject, name: string, rgd: { name: string; uid?: string }): KubeObject {
  const labels = { ...(crd.metadata?.labels ?? {}), [OWNED_LABEL]: 'true', [RGD_NAME_LABEL]: rgd.name, ...(rgd.uid ? { [RGD_ID_LABEL]: rgd.uid } : {}) };
  return { ...crd, apiVersion: CRD_API, kind: 'CustomResourceDefinition', metadata: { ...crd.metadata, name, labels } };
}

const isEstablished = (crd: KubeObject | undefined): boolean =>
  ((crd?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True');

/** Applies the graph's CRD as owned by `rgd` and waits up to `waitMs` for it to be established. */
export async function registerKind(hub: Cluster, graph: ResourceGraph, o: { rgd: { name: string; uid?: string }; clock: Clock; waitMs?: number }): Promise<KindResult> {
  const crd = structuredClone(graph.instance.crd) as KubeObject;
  const name = crd.metadata?.name ?? `${graph.instance.plural}.${graph.instance.gvk.group}`;
  const existing = await hub.api.get<KubeObject>({ apiVersion: CRD_API, kind: 'CustomResourceDefinition', name });
  const conflict = crdConflict(existing, o.rgd.name);
  if (conflict) return { ready: false, message: conflict };
  let live: KubeObject;
  try {
    live = await writeCrd(hub, ownedCrd(crd, name, o.rgd), existing);
  } catch (error) {
    if (isRetryable(error)) throw error;
    return { ready: false, message: `the apiserver rejected the CRD ${name} generated for kind ${graph.instance.gvk.kind}: ${messageOf(error)}` };
  }
  const deadline = o.clock.now() + (o.waitMs ?? 10_000);
  while (!isEstablished(live) && o.clock.now() < deadline) {
    await o.clock.sleep(100);
    live = (await hub.api.get<KubeObject>({ apiVersion: CRD_API, kind: 'CustomResourceDefinition', name })) ?? live;
  }
  if (!isEstablished(live)) return { ready: false, message: `CRD ${name} is not established yet: ${describeCrdConditions(live)}` };
  if (!existing) hub.api.discovery.invalidate();
  return { ready: true, message: `kind ${graph.instance.gvk.kind} has been accepted and ready` };
}

function describeCrdConditions(crd: KubeObject): string {
  const conditions = (crd.status as { conditions?: { type: string; status: string; message?: string }[] } | undefined)?.conditions ?? [];
  return conditions.map((c) => `${c.type}=${c.status}${c.message ? ` (${c.message})` : ''}`).join(', ') || 'no conditions reported';
}
