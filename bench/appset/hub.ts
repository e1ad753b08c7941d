import { createApplicationSetController, type ApplicationSetController } from '../../src/appset/index.js';
import { systemClock } from '../../src/core/index.js';
import type { Cluster, Informer, KubeObject } from '../../src/kube/index.js';
import type { BenchmarkContext } from '../lib/main.js';
import { runPool } from '../lib/pool.js';
import { addonAppSet } from './fleet.js';
import { createReconcileRecorder, runController, settle, type ReconcileRecorder } from './wait.js';

/** An ApplicationSet controller running in the bench process on one control namespace, with its add-on ApplicationSets. */
export interface AppSetSide {
  namespace: string;
  controller: ApplicationSetController;
  recorder: ReconcileRecorder;
  /** The namespace's Applications, from the bench's own watch cache. */
  apps: Informer;
  stop(): Promise<void>;
}

const API = 'argoproj.io/v1alpha1';

/** Creates the control namespace and its permissive `default` AppProject. */
async function prepareNamespace(hub: Cluster, namespace: string): Promise<void> {
  await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  await hub.api.apply({ apiVersion: API, kind: 'AppProject', metadata: { name: 'default', namespace }, spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] } });
}

/** Starts the ApplicationSet controller on `namespace`, applies `appsets` add-on ApplicationSets and waits until it is quiet. */
export async function startAppSetSide(ctx: BenchmarkContext<unknown>, o: { hub: Cluster; namespace: string; appsets: number }): Promise<AppSetSide> {
  await prepareNamespace(o.hub, o.namespace);
  const recorder = createReconcileRecorder(ctx.log);
  const controller = createApplicationSetController({ hub: o.hub, controlNamespace: o.namespace, clock: systemClock, log: recorder.log });
  const stop = await runController(ctx.cleanup, `ApplicationSet (${o.namespace})`, controller);
  const apps = await o.hub.cache.informer(API, 'Application', { namespace: o.namespace });
  await runPool(o.appsets, 8, (i) => o.hub.api.apply(addonAppSet(i, o.namespace)));
  await settle([controller]);
  return { namespace: o.namespace, controller, recorder, apps, stop };
}

const tierOf = (app: KubeObject): string | undefined => (app['spec'] as { source?: { helm?: { parameters?: { value: string }[] } } }).source?.helm?.parameters?.[0]?.value;

/** How many of `cluster`'s Applications carry `tier` in their generated Helm parameter. */
export function appsWithTier(side: AppSetSide, cluster: string, tier: string): number {
  return side.apps.list(side.namespace).filter((a) => (a.metadata.name ?? '').startsWith(`${cluster}-`) && tierOf(a) === tier).length;
}

/** What one label change cost the ApplicationSet controller. */
export interface Reevaluation {
  /** Reconciles finished, echoes of its own writes included. */
  reconciles: number;
  /** Distinct ApplicationSets reconciled. */
  appsets: number;
}

/**
 * Runs `change` (which resolves once its effect is visible) with the recorder armed, waits for the
 * ApplicationSet controller to be quiet, and counts its work. The fleet controller is not waited
 * for: its periodic connection checks keep it from ever being quiet for long.
 */
export async function reevaluationOf(side: AppSetSide, change: () => Promise<void>): Promise<Reevaluation> {
  await settle([side.controller]);
  const before = side.controller.metrics().reconciles;
  side.recorder.arm();
  await change();
  await settle([side.controller]);
  return { reconciles: side.controller.metrics().reconciles - before, appsets: side.recorder.keys().size };
}
