import type { KubeObject } from '../kube-object.js';
import { count, conditionsAt, findCondition, messageOf, numberAt, text, field } from './fields.js';
import { health, type Health } from './health-status.js';

// Rollout status of apps/v1 workloads, judged as `kubectl rollout status` judges it.

/** Health of an apps/v1 Deployment: paused, past its progress deadline, or rolling out. */
export function assessDeployment(obj: KubeObject): Health {
  if (field(obj, 'spec', 'paused') === true) return health('Suspended', 'Deployment is paused');
  if (count(obj, 'metadata', 'generation') > count(obj, 'status', 'observedGeneration')) {
    return health('Progressing', 'Waiting for rollout to finish: observed deployment generation less than desired generation');
  }
  const progressing = findCondition(conditionsAt(obj), 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return health('Degraded', `Deployment ${JSON.stringify(text(obj, 'metadata', 'name'))} exceeded its progress deadline`);
  }
  const desired = numberAt(obj, 'spec', 'replicas');
  const updated = count(obj, 'status', 'updatedReplicas');
  const replicas = count(obj, 'status', 'replicas');
  const available = count(obj, 'status', 'availableReplicas');
  if (desired !== undefined && updated < desired) {
    return health('Progressing', `Waiting for rollout to finish: ${updated} out of ${desired} new replicas have been updated...`);
  }
  if (replicas > updated) {
    return health('Progressing', `Waiting for rollout to finish: ${replicas - updated} old replicas are pending termination...`);
  }
  if (available < updated) {
    return health('Progressing', `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`);
  }
  return health('Healthy');
}

/** Health of an apps/v1 StatefulSet, including partitioned and OnDelete update strategies. */
export function assessStatefulSet(obj: KubeObject): Health {
  const observed = count(obj, 'status', 'observedGeneration');
  if (observed === 0 || count(obj, 'metadata', 'generation') > observed) {
    return health('Progressing', 'Waiting for statefulset spec update to be observed...');
  }
  const desired = numberAt(obj, 'spec', 'replicas');
  const ready = count(obj, 'status', 'readyReplicas');
  if (desired !== undefined && ready < desired) {
    return health('Progressing', `Waiting for ${desired - ready} pods to be ready...`);
  }
  const strategy = text(obj, 'spec', 'updateStrategy', 'type');
  const updated = count(obj, 'status', 'updatedReplicas');
  if (strategy === 'RollingUpdate' && field(obj, 'spec', 'updateStrategy', 'rollingUpdate') !== undefined) {
    return assessPartitionedRollout(obj, desired, updated);
  }
  if (strategy === 'OnDelete') return health('Healthy', `statefulset has ${ready} ready pods`);
  const updateRevision = text(obj, 'status', 'updateRevision');
  if (updateRevision !== text(obj, 'status', 'currentRevision')) {
    return health('Progressing', `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`);
  }
  const current = count(obj, 'status', 'currentReplicas');
  return health('Healthy', `statefulset rolling update complete ${current} pods at revision ${text(obj, 'status', 'currentRevision')}...`);
}

function assessPartitionedRollout(obj: KubeObject, desired: number | undefined, updated: number): Health {
  const partition = numberAt(obj, 'spec', 'updateStrategy', 'rollingUpdate', 'partition');
  if (desired !== undefined && partition !== undefined && updated < desired - partition) {
    return health(
      'Progressing',
      `Waiting for partitioned roll out to finish: ${updated} out of ${desired - partition} new pods have been updated...`,
    );
  }
  return health('Healthy', `partitioned roll out complete: ${updated} new pods have been updated...`);
}

/** Health of an apps/v1 DaemonSet: every scheduled node runs an updated, available pod. */
export function assessDaemonSet(obj: KubeObject): Health {
  if (count(obj, 'metadata', 'generation') > count(obj, 'status', 'observedGeneration')) {
    return health('Progressing', 'Waiting for rollout to finish: observed daemon set generation less than desired generation');
  }
  const desired = count(obj, 'status', 'desiredNumberScheduled');
  const updated = count(obj, 'status', 'updatedNumberScheduled');
  const available = count(obj, 'status', 'numberAvailable');
  if (text(obj, 'spec', 'updateStrategy', 'type') === 'OnDelete') {
    return health('Healthy', `daemon set ${updated} out of ${desired} new pods have been updated`);
  }
  const name = JSON.stringify(text(obj, 'metadata', 'name'));
  if (updated < desired) {
    return health('Progressing', `Waiting for daemon set ${name} rollout to finish: ${updated} out of ${desired} new pods have been updated...`);
  }
  if (available < desired) {
    return health('Progressing', `Waiting for daemon set ${name} rollout to finish: ${available} of ${desired} updated pods are available...`);
  }
  return health('Healthy');
}

/** Health of an apps/v1 ReplicaSet: a ReplicaFailure condition degrades it. */
export function assessReplicaSet(obj: KubeObject): Health {
  if (count(obj, 'metadata', 'generation') > count(obj, 'status', 'observedGeneration')) {
    return health('Progressing', 'Waiting for rollout to finish: observed replica set generation less than desired generation');
  }
  const failure = findCondition(conditionsAt(obj), 'ReplicaFailure');
  if (failure?.status === 'True') return health('Degraded', messageOf(failure));
  const desired = numberAt(obj, 'spec', 'replicas');
  const available = count(obj, 'status', 'availableReplicas');
  if (desired !== undefined && available < desired) {
    return health('Progressing', `Waiting for rollout to finish: ${available} out of ${desired} new replicas are available...`);
  }
  return health('Healthy');
}
