import { type Clock } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { APPLICATION_CRD, APPPROJECT_CRD, defaultProject } from './crds.js';

async function waitEstablished(hub: Cluster, name: string, clock: Clock): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const crd = await hub.api.get<KubeObject>({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name });
    const conditions = ((crd?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
    if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) return;
    await clock.sleep(100);
  }
  throw new Error(`CRD ${name} was not established within 10 s`);
}

/**
 * Installs what the Application controller serves on the hub: the Application and AppProject
 * CRDs, the control namespace, and the `default` project (created once, never overwritten).
 */
export async function installApplicationApi(hub: Cluster, controlNamespace: string, clock: Clock): Promise<void> {
  for (const crd of [APPLICATION_CRD, APPPROJECT_CRD]) {
    const name = (crd.metadata as { name: string }).name;
    const existing = await hub.api.get<KubeObject>({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name });
    // A cluster that already runs Argo CD keeps its own CRD: its schema serves the same API.
    if (!existing || existing.metadata.labels?.['app.kubernetes.io/part-of'] === 'gantry') await hub.api.apply(crd as KubeObject);
    await waitEstablished(hub, name, clock);
  }
  hub.api.discovery.invalidate();
  await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: controlNamespace } });
  const existing = await hub.api.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace: controlNamespace, name: 'default' });
  if (!existing) await hub.api.create(defaultProject(controlNamespace) as KubeObject);
}
