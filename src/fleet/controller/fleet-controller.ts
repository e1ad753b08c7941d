import type { Clock, Logger } from '../../core/index.js';
import type { Cluster, KubeObject, ObjectChange } from '../../kube/index.js';
import { createController, type ControllerMetrics, type Runnable } from '../../runtime/index.js';
import { createConnectionProbe, type ConnectionProbe } from '../connection/connection-probe.js';
import { FLEET_MANAGED_LABEL, REGISTRATION_ANNOTATION } from '../registration/cluster-secret.js';
import { isRegistrationName } from '../registration/registration.js';
import type { RegistrationStore } from '../store/registration-store.js';
import { isClusterSecretCurrent } from './cluster-secret-current.js';
import { reconcileRegistration, type RegistrationDeps } from './reconcile-registration.js';

/** The fleet controller's dependencies. */
export interface FleetControllerOptions {
  hub: Cluster;
  /** Where registrations are read from (the Kubernetes provider by default, in the composition root). */
  store: RegistrationStore;
  /** Where cluster secrets are written: Argo CD's `argocd` by default. */
  controlNamespace?: string;
  /** How often each cluster's connection is checked (default 30 s). */
  checkIntervalMs?: number;
  /**
   * How long after writing a cluster secret the registration's report and the cluster's first
   * connection check wait (default 1 s): during a burst of registrations they would otherwise
   * compete with the cluster secrets still to be written.
   */
  deferMs?: number;
  probe?: ConnectionProbe;
  workers?: number;
  clock: Clock;
  log: Logger;
}

/** The fleet controller: a runnable with its work queue's counters. */
export interface FleetController extends Runnable {
  stop(): Promise<void>;
  metrics(): ControllerMetrics;
}

/** A cluster secret that says exactly what this controller last wrote (the watch's echo of our own write): nothing to put back, so no reconcile. */
function isOwnEcho(c: ObjectChange, written: Map<string, KubeObject>): boolean {
  const name = c.object.metadata.name ?? '';
  if (c.type === 'deleted') {
    written.delete(name);
    return false;
  }
  const desired = written.get(name);
  return desired !== undefined && isClusterSecretCurrent(c.object, desired);
}

/**
 * Creates the fleet controller (the GitOps Bridge in gantry's runtime): one key per registration,
 * woken by the store's watch (registrations and the credentials secrets they name), by changes to
 * the cluster secrets it wrote (so a deleted or edited one is put back), and every check interval.
 */
export function createFleetController(o: FleetControllerOptions): FleetController {
  const log = o.log.child({ controller: 'fleet' });
  const deps: RegistrationDeps = {
    hub: o.hub,
    store: o.store,
    controlNamespace: o.controlNamespace ?? 'argocd',
    probe: o.probe ?? createConnectionProbe({ hubClient: o.hub.api.client }),
    checkIntervalMs: o.checkIntervalMs ?? 30_000,
    deferMs: o.deferMs ?? 1000,
    credentialRefs: new Map(),
    written: new Map(),
    clock: o.clock,
  };
  const controller = createController({
    name: 'fleet',
    workers: o.workers ?? 8,
    clock: o.clock,
    log,
    reconcile: (key, ctx) => reconcileRegistration(key, deps, ctx.log),
  });
  const ownerOf = (secret: KubeObject): string | undefined => o.store.nameOfRef(secret.metadata.annotations?.[REGISTRATION_ANNOTATION] ?? '');
  const onStoreChange = (name: string): void => {
    if (isRegistrationName(name)) controller.enqueue(name);
    for (const [registration, credentials] of deps.credentialRefs) if (credentials === name) controller.enqueue(registration);
  };
  const onClusterSecret = (c: ObjectChange): void => {
    if (isOwnEcho(c, deps.written)) return;
    const owner = ownerOf(c.object) ?? (c.old && ownerOf(c.old));
    if (owner) controller.enqueue(owner);
  };

  return {
    name: 'fleet',
    async start(signal) {
      await o.hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: deps.controlNamespace } });
      const managed = await o.hub.cache.informer('v1', 'Secret', { namespace: deps.controlNamespace, labelSelector: `${FLEET_MANAGED_LABEL}=true` });
      managed.onChange(onClusterSecret);
      deps.cachedManaged = () => managed.list(deps.controlNamespace);
      deps.cachedClusterSecret = (name) => managed.get(deps.controlNamespace, name);
      await o.store.watch(onStoreChange);
      for (const name of await o.store.list()) controller.enqueue(name);
      // Cluster secrets whose registration went while gantry was down are found here.
      for (const secret of managed.list()) onClusterSecret({ type: 'added', object: secret });
      await controller.start(signal);
      log.info('fleet controller started', { store: o.store.description, controlNamespace: deps.controlNamespace });
    },
    async stop() {
      await controller.stop();
      o.store.stop();
    },
    metrics: () => controller.metrics(),
  };
}
