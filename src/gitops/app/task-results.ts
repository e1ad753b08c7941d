import type { TaskResult } from '../sync/build-tasks.js';
import { hookTypesOf } from '../sync/hooks.js';
import type { SyncPhase } from '../sync/hooks.js';
import { isHookTask, taskObject, type SyncTask } from '../sync/sync-task.js';
import { identity } from './compare.js';
import type { ResourceResult } from './types.js';

/** The persisted result of a started task, as `status.operationState.syncResult.resources[]` holds it. */
export function resultOfTask(task: SyncTask): ResourceResult | undefined {
  if (task.operationState === undefined && task.syncStatus === undefined) return undefined;
  const obj = taskObject(task);
  return {
    ...identity(obj),
    ...(task.syncStatus ? { status: task.syncStatus } : {}),
    ...(task.message ? { message: task.message } : {}),
    ...(isHookTask(task) ? { hookType: hookTypesOf(obj)[0] } : {}),
    ...(task.operationState ? { hookPhase: task.operationState } : {}),
    syncPhase: task.phase,
  };
}

/** Persisted results back into the task-builder's form. */
export function taskResultsOf(results: ResourceResult[] | undefined): TaskResult[] {
  return (results ?? []).map((r) => ({
    group: r.group,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    phase: (r.syncPhase ?? 'Sync') as SyncPhase,
    status: r.status,
    operationState: r.hookPhase,
    message: r.message,
  }));
}
