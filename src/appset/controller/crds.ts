/**
 * The ApplicationSet CRD as gantry serves it: Argo CD's group, names, short names, scope and status
 * subresource, with a structural schema that keeps every field, so an ApplicationSet written for
 * Argo CD is accepted unchanged. A cluster that already runs Argo CD keeps its own CRD. The
 * Application and AppProject CRDs belong to the Application controller; when the hub has none yet
 * (the appset controller running alone), a minimal preserving one is installed so generated
 * Applications can be stored.
 */
import type { Clock } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';

type Obj = Record<string, unknown>;

const preserved = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

function crd(o: { plural: string; kind: string; shortNames: string[]; status: boolean; extra?: string[] }): KubeObject {
  const properties: Obj = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: preserved, status: preserved };
  for (const f of o.extra ?? []) properties[f] = preserved;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${o.plural}.argoproj.io`, labels: { 'app.kubernetes.io/part-of': 'gantry' } },
    spec: {
      group: 'argoproj.io',
      names: { kind: o.kind, listKind: `${o.kind}List`, plural: o.plural, singular: o.kind.toLowerCase(), shortNames: o.shortNames },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          subresources: o.status ? { status: {} } : {},
          schema: { openAPIV3Schema: { type: 'object', required: ['metadata', 'spec'], properties } },
        },
      ],
    },
  };
}

/** The ApplicationSet CRD (argoproj.io/v1alpha1, namespaced, status subresource, like Argo CD's). */
export const APPLICATIONSET_CRD: KubeObject = crd({ plural: 'applicationsets', kind: 'ApplicationSet', shortNames: ['appset', 'appsets'], status: true });

/** Fallbacks for the Application controller's CRDs, installed only when absent. */
const FALLBACK_CRDS: KubeObject[] = [
  crd({ plural: 'applications', kind: 'Application', shortNames: ['app', 'apps'], status: false, extra: ['operation'] }),
  crd({ plural: 'appprojects', kind: 'AppProject', shortNames: ['appproj', 'appprojs'], status: false }),
];

const CRD_API = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' };

async function waitEstablished(hub: Cluster, name: string, clock: Clock): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const found = await hub.api.get<KubeObject>({ ...CRD_API, name });
    const conditions = (found?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
    if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) return;
    await clock.sleep(100);
  }
  throw new Error(`CRD ${name} was not established within 10 s`);
}

/** Installs the ApplicationSet CRD (and, if missing, the Application and AppProject CRDs) and waits until served. */
export async function installApplicationSetApi(hub: Cluster, clock: Clock): Promise<void> {
  const name = APPLICATIONSET_CRD.metadata.name ?? '';
  const existing = await hub.api.get<KubeObject>({ ...CRD_API, name });
  if (!existing || existing.metadata.labels?.['app.kubernetes.io/part-of'] === 'gantry') await hub.api.apply(APPLICATIONSET_CRD);
  await waitEstablished(hub, name, clock);
  for (const fallback of FALLBACK_CRDS) {
    const fallbackName = fallback.metadata.name ?? '';
    if (!(await hub.api.get<KubeObject>({ ...CRD_API, name: fallbackName }))) {
      await hub.api.create(fallback).catch((e: unknown) => {
        if ((e as Error).name !== 'ConflictError') throw e;
      });
    }
    await waitEstablished(hub, fallbackName, clock);
  }
  hub.api.discovery.invalidate();
}
