import { objectGroup, objectKind, objectName, objectNamespace, type KubeObject } from '../kube-object.js';
import { field } from '../health/fields.js';
import { compareTasks, taskWave, type SyncTask } from './sync-task.js';
import type { SyncPhase } from './hooks.js';

/** Tasks sorted by the task order; a new array, ties keep their input order. */
export function sortTasks(tasks: readonly SyncTask[]): SyncTask[] {
  return [...tasks].sort(compareTasks);
}

type DependencyKey = (obj: KubeObject) => string | undefined;

/** A core Namespace provides its name to namespaced objects. */
const namespaceProvided: DependencyKey = (obj) =>
  objectKind(obj) === 'Namespace' && objectGroup(obj) === '' ? objectName(obj) : undefined;
const namespaceRequired: DependencyKey = (obj) => objectNamespace(obj) || undefined;

/** A CRD provides `group/Kind` to its custom resources. */
const crdProvided: DependencyKey = (obj) => {
  if (objectKind(obj) !== 'CustomResourceDefinition' || objectGroup(obj) !== 'apiextensions.k8s.io') return undefined;
  const group = field(obj, 'spec', 'group');
  const kind = field(obj, 'spec', 'names', 'kind');
  return typeof group === 'string' && typeof kind === 'string' ? `${group}/${kind}` : undefined;
};
const crdRequired: DependencyKey = (obj) => `${objectGroup(obj)}/${objectKind(obj)}`;

/**
 * Moves each dependency (by target object) to just before the first task that needs it, giving
 * it that task's phase and wave, so a Namespace or CRD exists before anything that uses it even
 * when annotations would order it later.
 */
function moveDependenciesFirst(tasks: SyncTask[], provides: DependencyKey, requires: DependencyKey): SyncTask[] {
  const result = [...tasks];
  const firstUser = new Map<string, number>();
  for (let i = 0; i < result.length; i++) {
    const task = result[i] as SyncTask;
    if (task.target === undefined) continue;
    const provided = provides(task.target);
    if (provided === undefined) {
      const required = requires(task.target);
      if (required !== undefined && !firstUser.has(required)) firstUser.set(required, i);
      continue;
    }
    const index = firstUser.get(provided);
    if (index === undefined) continue;
    const user = result[index] as SyncTask;
    result.splice(i, 1);
    result.splice(index, 0, withPosition(task, user.phase, taskWave(user)));
    for (const [key, at] of firstUser) if (at >= index) firstUser.set(key, at + 1);
  }
  return result;
}

function withPosition(task: SyncTask, phase: SyncPhase, wave: number): SyncTask {
  return { ...task, phase, waveOverride: wave };
}

/**
 * gitops-engine's full sort: the task order, then Namespaces before the first task in them and
 * CRDs before the first custom resource of their group and kind.
 */
export function sortTasksWithDependencies(tasks: readonly SyncTask[]): SyncTask[] {
  const sorted = sortTasks(tasks);
  const namespacesFirst = moveDependenciesFirst(sorted, namespaceProvided, namespaceRequired);
  return moveDependenciesFirst(namespacesFirst, crdProvided, crdRequired);
}
