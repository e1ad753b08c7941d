import { objectGroup, objectKind, objectName, objectNamespace, type KubeObject } from '../kube-object.js';
import { hookDeletePoliciesOf, isHook, type HookDeletePolicy, type SyncPhase } from './hooks.js';
import { kindRank } from './kind-order.js';
import { phaseOrder, waveOf } from './phases.js';

/** The outcome of applying or pruning one task (gitops-engine's ResultCode). */
export type SyncResultCode = 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped';

/** The state of a task's operation; absent while the task is pending. */
export type OperationPhase = 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';

/**
 * One thing a sync does to one object in one phase: apply `target` (create when `live` is
 * absent) or, with no target, prune `live`. Execution state is carried as data so a sync can
 * resume from what its status recorded.
 */
export interface SyncTask {
  phase: SyncPhase;
  target?: KubeObject;
  live?: KubeObject;
  /** A wave set by ordering decisions (mirrored prune waves, PruneLast, dependencies). */
  waveOverride?: number;
  syncStatus?: SyncResultCode;
  operationState?: OperationPhase;
  message?: string;
}

/** The object a task is about: the target when there is one, else the live object. */
export function taskObject(task: SyncTask): KubeObject {
  return task.target ?? task.live ?? {};
}

/** The task's effective wave. */
export function taskWave(task: SyncTask): number {
  return task.waveOverride ?? waveOf(taskObject(task));
}

/** Whether the task deletes a live object the desired state no longer has. */
export function isPruneTask(task: SyncTask): boolean {
  return task.target === undefined;
}

/** Whether the task runs a hook. */
export function isHookTask(task: SyncTask): boolean {
  return isHook(taskObject(task));
}

/** Whether the task has not started. */
export function isPending(task: SyncTask): boolean {
  return task.operationState === undefined;
}

/** Whether the task has started and not finished. */
export function isRunning(task: SyncTask): boolean {
  return task.operationState === 'Running';
}

/** Whether the task has finished, one way or the other. */
export function isCompleted(task: SyncTask): boolean {
  return task.operationState === 'Failed' || task.operationState === 'Error' || task.operationState === 'Succeeded';
}

/** Whether a hook task has a deletion policy (non-hooks never do). */
export function hasDeletePolicy(task: SyncTask, policy: HookDeletePolicy): boolean {
  return isHookTask(task) && hookDeletePoliciesOf(taskObject(task)).includes(policy);
}

/** The key upstream reports a task under: `group/Kind/namespace/name` plus phase. */
export function taskResultKey(task: SyncTask): string {
  const obj = taskObject(task);
  return `${objectGroup(obj)}/${objectKind(obj)}/${objectNamespace(obj)}/${objectName(obj)}:${task.phase}`;
}

/**
 * Orders tasks as gitops-engine does: phase, then wave, then kind (Namespaces and CRDs early,
 * custom resources last), then name.
 */
export function compareTasks(a: SyncTask, b: SyncTask): number {
  const byPhase = phaseOrder(a.phase) - phaseOrder(b.phase);
  if (byPhase !== 0) return byPhase;
  const byWave = taskWave(a) - taskWave(b);
  if (byWave !== 0) return byWave;
  const objA = taskObject(a);
  const objB = taskObject(b);
  const byKind = kindRank(objectKind(objA)) - kindRank(objectKind(objB));
  if (byKind !== 0) return byKind;
  const nameA = objectName(objA);
  const nameB = objectName(objB);
  return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
}
