import { HOOK_FINALIZER } from '../health/assess-health.js';
import { objectGroup, objectKind, objectName, objectNamespace, type KubeObject } from '../kube-object.js';
import { hasAnnotationOption, SYNC_OPTIONS_ANNOTATION } from './annotations.js';
import { isHook, type SyncPhase } from './hooks.js';
import { syncPhasesOf } from './phases.js';
import { sortTasksWithDependencies } from './sort-tasks.js';
import { isPruneTask, taskResultKey, taskWave, type OperationPhase, type SyncResultCode, type SyncTask } from './sync-task.js';


/** One managed resource as the diff sees it: no live object means create, no target means prune. */
export interface ManagedResource {
  target?: KubeObject;
  live?: KubeObject;
}

/** What an earlier step of this sync recorded for one task (kept in the Application's status). */
export interface TaskResult {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  phase: SyncPhase;
  status?: SyncResultCode;
  operationState?: OperationPhase;
  message?: string;
}

/** Everything the task list of one sync is built from. */
export interface SyncTaskInput {
  resources: readonly ManagedResource[];
  /** Hook objects rendered from the source (they are not managed resources). */
  hooks?: readonly KubeObject[];
  /** The destination namespace, given to targets that name none. */
  namespace: string;
  /** The revision being synced; its first 7 characters name hooks that only have generateName. */
  revision: string;
  /** When the sync started, in Unix seconds (also part of generated hook names). */
  startedAtSeconds: number;
  skipHooks?: boolean;
  /** Prune every pruned object after all other Sync-phase waves. */
  pruneLast?: boolean;
  /** Add a PreSync task creating the destination namespace (CreateNamespace=true) unless it is managed. */
  autoCreateNamespace?: boolean;
  /** The destination namespace as it exists live, for the auto-created namespace task. */
  liveNamespace?: KubeObject;
  /** Results recorded by earlier steps of this sync. */
  results?: readonly TaskResult[];
}

function resourceTasks(resources: readonly ManagedResource[]): SyncTask[] {
  const tasks: SyncTask[] = [];
  for (const resource of resources) {
    const obj = resource.target ?? resource.live;
    if (!obj || isHook(obj)) continue; // hooks run as hook tasks only
    for (const phase of syncPhasesOf(obj)) tasks.push({ phase, target: resource.target, live: resource.live });
  }
  return tasks;
}

/** A hook with only generateName gets a deterministic name for this sync: revision, phase and start time. */
function hookName(hook: KubeObject, phase: SyncPhase, input: SyncTaskInput): string {
  const name = objectName(hook);
  if (name) return name;
  const revision = input.revision.length >= 8 ? input.revision.slice(0, 7) : input.revision;
  const suffix = `${revision}-${phase}-${input.startedAtSeconds}`.toLowerCase();
  return `${hook.metadata?.generateName ?? ''}${suffix}`;
}

function hookTasks(input: SyncTaskInput): SyncTask[] {
  if (input.skipHooks) return [];
  const tasks: SyncTask[] = [];
  for (const hook of input.hooks ?? []) {
    for (const phase of syncPhasesOf(hook)) {
      const finalizers = hook.metadata?.finalizers ?? [];
      const metadata = {
        ...hook.metadata,
        name: hookName(hook, phase, input),
        finalizers: finalizers.includes(HOOK_FINALIZER) ? finalizers : [...finalizers, HOOK_FINALIZER],
      };
      tasks.push({ phase, target: { ...hook, metadata } });
    }
  }
  return tasks;
}

/** Targets without a namespace get the destination's, so nothing lands in a namespace by accident. */
function withNamespace(task: SyncTask, namespace: string): SyncTask {
  if (!task.target || objectNamespace(task.target)) return task;
  return { ...task, target: { ...task.target, metadata: { ...task.target.metadata, namespace } } };
}

function isNamespaceNamed(obj: KubeObject | undefined, name: string): boolean {
  return obj !== undefined && objectKind(obj) === 'Namespace' && objectGroup(obj) === '' && objectName(obj) === name;
}

function namespaceTask(input: SyncTaskInput): SyncTask[] {
  if (!input.autoCreateNamespace || !input.namespace) return [];
  const managed = [...(input.hooks ?? []), ...input.resources.map((r) => r.target)].some((o) => isNamespaceNamed(o, input.namespace));
  if (managed) return [];
  const target: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: input.namespace } };
  return [{ phase: 'PreSync', target, live: input.liveNamespace }];
}

/** The live object matching a target by group, kind, name and (for namespaced objects) namespace. */
function findLive(target: KubeObject, resources: readonly ManagedResource[]): KubeObject | undefined {
  for (const resource of resources) {
    const key = resource.live ?? resource.target;
    if (!key) continue;
    const sameObject = objectGroup(key) === objectGroup(target) && objectKind(key) === objectKind(target) && objectName(key) === objectName(target);
    const namespace = objectNamespace(key);
    if (sameObject && (namespace === '' || namespace === objectNamespace(target))) return resource.live;
  }
  return undefined;
}

function withLive(task: SyncTask, resources: readonly ManagedResource[]): SyncTask {
  if (!task.target || task.live) return task;
  const live = findLive(task.target, resources);
  return live ? { ...task, live } : task;
}

function withResult(task: SyncTask, results: ReadonlyMap<string, TaskResult>): SyncTask {
  const result = results.get(taskResultKey(task));
  if (!result) return task;
  return { ...task, syncStatus: result.status, operationState: result.operationState, message: result.message };
}

function resultKeyOf(result: TaskResult): string {
  return `${result.group}/${result.kind}/${result.namespace}/${result.name}:${result.phase}`;
}

/**
 * Builds the ordered task list of a sync, as gitops-engine's getSyncTasks does: one task per
 * phase of each managed resource (hooks excluded) and of each hook, targets given the
 * destination namespace, an optional namespace-creation task, prune waves reversed, PruneLast
 * tasks after the last Sync wave, dependencies first, and earlier results attached.
 */
export function buildSyncTasks(input: SyncTaskInput): SyncTask[] {
  const built = [...resourceTasks(input.resources), ...hookTasks(input)].map((t) => withNamespace(t, input.namespace));
  const tasks = [...built, ...namespaceTask(input)].map((t) => withLive(t, input.resources));
  const ordered = sortTasksWithDependencies(placePruneTasks(tasks, input.pruneLast ?? false));
  const results = new Map((input.results ?? []).map((r) => [resultKeyOf(r), r] as const));
  return ordered.map((t) => withResult(t, results));
}

/**
 * Prunes run in the reverse of creation order: prune waves are mirrored (the lowest prune wave
 * takes the highest's place and so on). PruneLast prunes (sync-wide or by the live object's
 * sync-options) go one wave after the last Sync-phase wave.
 */
export function placePruneTasks(tasks: readonly SyncTask[], pruneLast: boolean): SyncTask[] {
  const waves = [...new Set(tasks.filter(isPruneTask).map(taskWave))].sort((a, b) => a - b);
  const mirrored = tasks.map((task) => {
    if (!isPruneTask(task)) return task;
    const index = waves.indexOf(taskWave(task));
    return { ...task, waveOverride: waves[waves.length - 1 - index] };
  });
  const lastSyncWave = Math.max(0, ...mirrored.filter((t) => t.phase === 'Sync').map(taskWave)) + 1;
  return mirrored.map((task) => {
    const last = pruneLast || hasAnnotationOption(task.live, SYNC_OPTIONS_ANNOTATION, 'PruneLast=true');
    return isPruneTask(task) && last ? { ...task, waveOverride: lastSyncWave } : task;
  });
}
