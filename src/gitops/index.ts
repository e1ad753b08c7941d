/**
 * gitops: the Application controller module (render -> diff -> plan -> apply -> health -> status).
 * So far it holds the pure parts that decide, with no I/O: resource health assessment, compatible
 * with Argo CD's built-in checks and bundled customizations, and sync planning (hooks, phases,
 * waves, kind order, dependency ordering, one wave per step), compatible with gitops-engine.
 */
export type { KubeObject, KubeObjectMeta } from './kube-object.js';
export { assessHealth, healthCheckFor, HOOK_FINALIZER } from './health/assess-health.js';
export { builtinHealthCheck, customHealthCheck } from './health/health-checks.js';
export { HEALTH_ORDER, health, isWorseHealth, worstHealth } from './health/health-status.js';
export type { Health, HealthCheck, HealthStatusCode } from './health/health-status.js';
export {
  HOOK_ANNOTATION,
  HOOK_DELETE_POLICY_ANNOTATION,
  SYNC_WAVE_ANNOTATION,
  SYNC_OPTIONS_ANNOTATION,
  HELM_HOOK_ANNOTATION,
  HELM_HOOK_WEIGHT_ANNOTATION,
  HELM_HOOK_DELETE_POLICY_ANNOTATION,
  annotationValues,
  hasAnnotationOption,
} from './sync/annotations.js';
export { hookTypesOf, isHook, isSkipped, hookDeletePoliciesOf, helmHookTypesOf, isHelmHook, helmHookWeight } from './sync/hooks.js';
export type { SyncPhase, HookType, HookDeletePolicy, HelmHookType } from './sync/hooks.js';
export { SYNC_PHASES, phaseOrder, syncPhasesOf, waveOf } from './sync/phases.js';
export { KIND_ORDER, kindRank } from './sync/kind-order.js';
export {
  compareTasks,
  taskObject,
  taskWave,
  taskResultKey,
  isPruneTask,
  isHookTask,
  isPending,
  isRunning,
  isCompleted,
  hasDeletePolicy,
} from './sync/sync-task.js';
export type { SyncTask, SyncResultCode, OperationPhase } from './sync/sync-task.js';
export { sortTasks, sortTasksWithDependencies } from './sync/sort-tasks.js';
export { buildSyncTasks, placePruneTasks } from './sync/build-tasks.js';
export type { ManagedResource, TaskResult, SyncTaskInput } from './sync/build-tasks.js';
export { planSyncStep, refreshTask, describeWaiting, isMultiStep } from './sync/plan-sync.js';
export type { SyncStep, WaitStep, RunStep, SucceedStep, FailStep, HealthAssessor } from './sync/plan-sync.js';
