/**
 * What the ApplicationSet controller's integration tests share: a namespace of the test control
 * plane playing Argo CD's, the controller running on it, AppProjects that allow everything, and a
 * teardown that releases the generated Applications' finalizers (no Application controller runs
 * here to honour them) before the namespace goes.
 */
import { systemClock } from '../../core/index.js';
import type { GitReader } from '../../git/index.js';
import type { Cluster } from '../../kube/index.js';
import { connectTestCluster, testLogger } from '../../testkit/index.js';
import { createApplicationSetController, type ApplicationSetController } from './appset-controller.js';

const API = 'argoproj.io/v1alpha1';

/** A running controller on its own namespace. */
export interface AppSetRig {
  hub: Cluster;
  controller: ApplicationSetController;
  stop(): Promise<void>;
}

/** Starts the controller on `namespace` (created here), reading git through `reader` if given, with `projects` allowing everything. */
export async function startAppSetRig(o: { namespace: string; projects: string[]; reader?: GitReader }): Promise<AppSetRig> {
  const hub = await connectTestCluster();
  await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: o.namespace, labels: { 'gantry.io/test': 'true' } } });
  const abort = new AbortController();
  const controller = createApplicationSetController({ hub, ...(o.reader ? { reader: o.reader } : {}), controlNamespace: o.namespace, clock: systemClock, log: testLogger() });
  await controller.start(abort.signal);
  for (const project of o.projects) {
    await hub.api.apply({ apiVersion: API, kind: 'AppProject', metadata: { name: project, namespace: o.namespace }, spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] } });
  }
  const stop = async (): Promise<void> => {
    await controller.stop?.();
    const apps = await hub.api.list(API, 'Application', { namespace: o.namespace });
    for (const a of apps.items) await hub.api.patch({ apiVersion: API, kind: 'Application', namespace: o.namespace, name: a.metadata.name ?? '' }, { metadata: { finalizers: [] } }, { type: 'merge' }).catch(() => undefined);
    await hub.api.delete({ apiVersion: 'v1', kind: 'Namespace', name: o.namespace });
    abort.abort();
    hub.close();
  };
  return { hub, controller, stop };
}
