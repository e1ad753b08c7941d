import { assessHealth, HOOK_FINALIZER } from '../health/assess-health.js';
import type { Health } from '../health/health-status.js';
import { objectGroup, objectKind, objectName, type KubeObject } from '../kube-object.js';
import type { SyncPhase } from './hooks.js';
import {
  hasDeletePolicy,
  isCompleted,
  isHookTask,
  isPending,
  isRunning,
  taskObject,
  taskWave,
  type OperationPhase,
  type SyncTask,
} from './sync-task.js';

/** Assesses a live object's health; assessHealth unless a caller overrides it (tests, health customizations). */
export type HealthAssessor = (obj: KubeObject) => Health | undefined;

interface StepBase {
  /** The tasks with running tasks' states refreshed from their live health; persist these results. */
  tasks: SyncTask[];
  /** Completed hooks whose hook finalizer should now be removed. */
  releaseHooks: SyncTask[];
}

/** Nothing to do this step: tasks are running or pruned objects are still being deleted. */
export interface WaitStep extends StepBase {
  action: 'wait';
  message: string;
}

/** Apply or prune `run`, the pending tasks of the next phase and wave. */
export interface RunStep extends StepBase {
  action: 'run';
  phase: SyncPhase;
  wave: number;
  /** Whether this is the last phase and wave (the sync-wave hook's `final`). */
  final: boolean;
  run: SyncTask[];
  /** Tasks still to come after this wave, plus hooks of this wave, which must complete first. */
  remaining: SyncTask[];
}

/** The sync has nothing left to do. */
export interface SucceedStep extends StepBase {
  action: 'succeed';
  message: string;
  /** Hooks to delete because of their HookSucceeded policy. */
  deleteHooks: SyncTask[];
}

/** A task failed: run the SyncFail hooks that have not run yet (if none remain, the sync has failed). */
export interface FailStep extends StepBase {
  action: 'fail';
  message: string;
  runSyncFail: SyncTask[];
  /** Hooks to delete because of their HookFailed policy. */
  deleteHooks: SyncTask[];
}

/** The decision for one step of a sync. */
export type SyncStep = WaitStep | RunStep | SucceedStep | FailStep;

function hookOutcome(live: KubeObject, found: Health | undefined): [OperationPhase, string] {
  if (!found) return ['Succeeded', `${objectName(live)} created`];
  const message = found.message ?? '';
  if (found.status === 'Unknown' || found.status === 'Degraded') return ['Failed', message];
  if (found.status === 'Progressing' || found.status === 'Suspended') return ['Running', message];
  return ['Succeeded', message];
}

/**
 * A running task's new state from its live object's health. A hook completes when its health
 * is final; a resource succeeds when Healthy (or has no health) and fails when Degraded.
 */
export function refreshTask(task: SyncTask, assess: HealthAssessor = assessHealth): SyncTask {
  if (!isRunning(task) || !task.live) return task;
  const found = assess(task.live);
  if (isHookTask(task)) {
    const [operationState, message] = hookOutcome(task.live, found);
    return { ...task, operationState, message };
  }
  if (!found) return { ...task, operationState: 'Succeeded' };
  if (found.status === 'Healthy') return { ...task, operationState: 'Succeeded', message: found.message ?? '' };
  if (found.status === 'Degraded') return { ...task, operationState: 'Failed', message: found.message ?? '' };
  return task;
}

/** The operation message while waiting: "waiting for healthy state of apps/Deployment/web and 2 more resources". */
export function describeWaiting(tasks: readonly SyncTask[], pendingDeletion: boolean): string {
  const first = tasks[0];
  if (!first) return '';
  const hook = isHookTask(first);
  const waitingFor = pendingDeletion ? 'deletion of' : hook ? 'completion of hook' : 'healthy state of';
  const obj = taskObject(first);
  const message = `waiting for ${waitingFor} ${objectGroup(obj)}/${objectKind(obj)}/${objectName(obj)}`;
  const more = tasks.length - 1;
  return more > 0 ? `${message} and ${more} more ${hook ? 'hooks' : 'resources'}` : message;
}

/** Whether the tasks span more than one phase or wave (the first and last task differ). */
export function isMultiStep(tasks: readonly SyncTask[]): boolean {
  const first = tasks[0];
  const last = tasks[tasks.length - 1];
  if (!first || !last) return false;
  return first.phase !== last.phase || taskWave(first) !== taskWave(last);
}

function isPendingDeletion(task: SyncTask): boolean {
  return task.syncStatus === 'Pruned' && task.live?.metadata?.deletionTimestamp !== undefined;
}

function hasHookFinalizer(task: SyncTask): boolean {
  return task.live?.metadata?.finalizers?.includes(HOOK_FINALIZER) ?? false;
}

function waitStep(tasks: SyncTask[], releaseHooks: SyncTask[]): WaitStep | undefined {
  const multiStep = isMultiStep(tasks);
  const running = tasks.filter((t) => (multiStep || isHookTask(t)) && isRunning(t));
  if (running.length > 0) return { action: 'wait', message: describeWaiting(running, false), tasks, releaseHooks };
  const deleting = tasks.filter(isPendingDeletion);
  if (deleting.length > 0) return { action: 'wait', message: describeWaiting(deleting, true), tasks, releaseHooks };
  return undefined;
}

function failureMessage(base: string, failed: readonly SyncTask[]): string {
  const messages = [...new Set(failed.map((t) => t.message ?? ''))];
  return messages.length > 0 ? `${base}, reason: ${messages.join(',')}` : base;
}

function failStep(tasks: SyncTask[], releaseHooks: SyncTask[], base: string, failed: readonly SyncTask[]): FailStep {
  const syncFail = tasks.filter((t) => t.phase === 'SyncFail');
  const deleteHooks = tasks.filter((t) => isHookTask(t) && t.live && !isRunning(t) && hasDeletePolicy(t, 'HookFailed'));
  const runSyncFail = syncFail.every(isCompleted) ? [] : syncFail.filter(isPending);
  return { action: 'fail', message: failureMessage(base, failed), runSyncFail, deleteHooks, tasks, releaseHooks };
}

function nextWave(tasks: SyncTask[], pending: SyncTask[], releaseHooks: SyncTask[]): RunStep {
  const first = pending[0] as SyncTask;
  const last = pending[pending.length - 1] as SyncTask;
  const phase = first.phase;
  const wave = taskWave(first);
  const inWave = (t: SyncTask): boolean => t.phase === phase && taskWave(t) === wave;
  const final = phase === last.phase && wave === taskWave(last);
  const remaining = pending.filter((t) => !inWave(t) || isHookTask(t));
  return { action: 'run', phase, wave, final, run: pending.filter(inWave), remaining, tasks, releaseHooks };
}

/**
 * Decides the next step of a sync from its tasks (built with earlier results and live objects),
 * as gitops-engine's Sync() does, one wave per call: wait for running tasks and pending
 * deletions, fail when a task failed, succeed when nothing is pending, else run the next wave.
 */
export function planSyncStep(tasks: readonly SyncTask[], assess: HealthAssessor = assessHealth): SyncStep {
  const refreshed = tasks.map((t) => refreshTask(t, assess));
  const releaseHooks = refreshed.filter((t) => isHookTask(t) && isCompleted(t) && hasHookFinalizer(t));
  const waiting = waitStep(refreshed, releaseHooks);
  if (waiting) return waiting;
  const regular = refreshed.filter((t) => t.phase !== 'SyncFail');
  if (regular.some((t) => isCompleted(t) && t.operationState !== 'Succeeded')) {
    const failed = regular.filter((t) => t.syncStatus === 'SyncFailed');
    return failStep(refreshed, releaseHooks, 'one or more synchronization tasks completed unsuccessfully', failed);
  }
  const pending = regular.filter(isPending);
  if (pending.length === 0) {
    const deleteHooks = refreshed.filter((t) => isHookTask(t) && t.live && !isRunning(t) && hasDeletePolicy(t, 'HookSucceeded'));
    return { action: 'succeed', message: 'successfully synced (no more tasks)', deleteHooks, tasks: refreshed, releaseHooks };
  }
  return nextWave(refreshed, pending, releaseHooks);
}
