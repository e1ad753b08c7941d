import type { KubeObject } from '../kube-object.js';
import { conditionsAt, field, isFields, text, type Condition } from './fields.js';
import { health, type Health, type HealthCheck } from './health-status.js';

// Crossplane: the generic check for any kind in a *.crossplane.io or *.upbound.io group, and the
// older per-kind checks Argo CD still ships for some crossplane.io groups.

const PROVISIONING = health('Progressing', 'Provisioning ...');
const UP_TO_DATE = health('Healthy', 'Resource is up-to-date.');

interface GenericOptions {
  /** Kinds that never report status and are healthy without one. */
  statusless: readonly string[];
  /** Condition types whose True status means healthy. */
  healthyTypes: readonly string[];
  /** Whether the first healthy condition ends the scan (crossplane.io) or later failures still count (upbound.io). */
  stopAtHealthy: boolean;
}

function isEmptyStatus(obj: KubeObject): boolean {
  const status = field(obj, 'status');
  return !isFields(status) || Object.keys(status).length === 0;
}

function judgeGeneric(conditions: readonly Condition[], options: GenericOptions): Health {
  let result = PROVISIONING;
  for (const condition of conditions) {
    const failing = condition.type === 'LastAsyncOperation' || condition.type === 'Synced';
    if (failing && condition.status === 'False') return health('Degraded', condition.message);
    if (condition.type && options.healthyTypes.includes(condition.type) && condition.status === 'True') {
      if (options.stopAtHealthy) return UP_TO_DATE;
      result = UP_TO_DATE;
    }
  }
  return result;
}

function genericCheck(options: GenericOptions): HealthCheck {
  return (obj: KubeObject): Health => {
    const kind = obj.kind ?? '';
    if (field(obj, 'status') === undefined) return UP_TO_DATE;
    if (isEmptyStatus(obj) && options.statusless.includes(kind)) return UP_TO_DATE;
    if (isEmptyStatus(obj) || field(obj, 'status', 'conditions') === undefined) {
      const providerConfig = kind === 'ProviderConfig' || kind === 'ClusterProviderConfig';
      return providerConfig && field(obj, 'status', 'users') !== undefined ? health('Healthy', 'Resource is in use.') : PROVISIONING;
    }
    return judgeGeneric(conditionsAt(obj), options);
  };
}

/** Health of any resource in a *.crossplane.io group without a more specific check. */
export const assessCrossplaneResource: HealthCheck = genericCheck({
  statusless: ['Composition', 'CompositionRevision', 'DeploymentRuntimeConfig', 'ClusterProviderConfig', 'ProviderConfig', 'ProviderConfigUsage', 'ControllerConfig'],
  healthyTypes: ['Ready', 'Healthy', 'Offered', 'Established', 'ValidPipeline', 'RevisionHealthy'],
  stopAtHealthy: true,
});

/** Health of any resource in a *.upbound.io group (Upbound's official providers). */
export const assessUpboundResource: HealthCheck = genericCheck({
  statusless: ['ClusterProviderConfig', 'ProviderConfig', 'ProviderConfigUsage'],
  healthyTypes: ['Ready'],
  stopAtHealthy: false,
});

interface ManagedState {
  ready: boolean;
  synced: boolean;
  paused: boolean;
  readyReason?: string;
  syncError?: string;
}

function readManagedState(obj: KubeObject): ManagedState {
  const state: ManagedState = { ready: false, synced: false, paused: false };
  for (const condition of conditionsAt(obj)) {
    if (condition.type === 'Ready') {
      state.ready = condition.status === 'True';
      state.readyReason = condition.reason;
    } else if (condition.type === 'Synced') {
      state.synced = condition.status === 'True';
      if (condition.reason === 'ReconcileError') state.syncError = condition.message;
      if (condition.reason === 'ReconcilePaused') state.paused = true;
    }
  }
  return state;
}

/**
 * A classic crossplane-provider-aws managed resource: Ready and Synced both True is healthy, a
 * paused reconcile suspends it, a reconcile error degrades it. `noun` names it in messages.
 */
export function managedResourceCheck(noun: string): HealthCheck {
  return (obj: KubeObject): Health => {
    if (field(obj, 'status', 'conditions') === undefined) return health('Progressing', `Waiting for ${noun} to be created`);
    const { ready, synced, paused, readyReason, syncError } = readManagedState(obj);
    if (ready && synced) return health('Healthy', readyReason);
    if (!synced && paused) return health('Suspended', 'ReconcilePaused');
    if (!ready && synced && !paused) return health('Progressing', `Waiting for ${noun} to be available`);
    return health('Degraded', syncError);
  };
}

/** Health of a pkg.crossplane.io Provider: installed and healthy, with both reasons as the message. */
export function assessCrossplaneProvider(obj: KubeObject): Health {
  if (field(obj, 'status', 'conditions') === undefined) return health('Progressing', 'Waiting for provider to be installed');
  let installed = false;
  let healthy = false;
  let installedReason = '';
  let healthyReason = '';
  for (const condition of conditionsAt(obj)) {
    if (condition.type === 'Installed') {
      installed = condition.status === 'True';
      installedReason = condition.reason ?? '';
    } else if (condition.type === 'Healthy') {
      healthy = condition.status === 'True';
      healthyReason = condition.reason ?? '';
    }
  }
  return health(installed && healthy ? 'Healthy' : 'Degraded', `${installedReason} ${healthyReason}`);
}

/** Health of a legacy stacks.crossplane.io ClusterStackInstall from its Ready condition's reason. */
export function assessClusterStackInstall(obj: KubeObject): Health {
  let message = 'Waiting for stack to be installed';
  for (const condition of conditionsAt(obj, 'status', 'conditionedStatus', 'conditions')) {
    if (condition.type !== 'Ready') continue;
    message = text(condition, 'reason');
    if (condition.status === 'True') return health('Healthy', message);
  }
  return health('Progressing', message);
}
