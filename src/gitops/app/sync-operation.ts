import { messageOf, type Clock, type Logger } from '../../core/index.js';
import type { Cluster } from '../../kube/index.js';
import { HOOK_FINALIZER } from '../health/assess-health.js';
import { assessResourceHealth } from '../health/generic-health.js';
import type { KubeObject } from '../kube-object.js';
import { applyIgnoredFromLive } from '../diff/respect-ignore.js';
import type { IgnoreDifferences } from '../diff/ignore-differences.js';
import { buildSyncTasks, type ManagedResource } from '../sync/build-tasks.js';
import { hasDeletePolicy, isHookTask, isPending, taskObject, type SyncTask } from '../sync/sync-task.js';
import { isMultiStep, planSyncStep } from '../sync/plan-sync.js';
import type { ComparisonCache } from './comparison-cache.js';
import type { ComparedResource } from './compare.js';
import { liveObject } from './compare.js';
import { resultOfTask, taskResultsOf } from './task-results.js';
import type { OperationState, ResourceResult, SyncPolicy } from './types.js';
import { decidePrune, pruneConfirmationWait, type PruneContext } from './prune-decision.js';
import { applyModeOf, hasSyncOption, syncOptionValue } from './sync-options.js';
import { writeForSync } from './force-recreate.js';
import { statusTime } from './status-time.js';

/** What one step of a running sync works with. */
export interface SyncStepInput {
  cluster: Cluster;
  state: OperationState;
  compared: ComparedResource[];
  hooks: KubeObject[];
  destNamespace: string;
  syncOptions: string[];
  managedNamespaceMetadata?: SyncPolicy['managedNamespaceMetadata'];
  /** The app's ignoreDifferences: with RespectIgnoreDifferences=true, ignored fields keep their live values. */
  ignore: IgnoreDifferences;
  /** The Application approved prunes of this operation (`argocd.argoproj.io/deletion-approved` at or after its start). */
  pruneConfirmed?: boolean;
  /** Told what each apply left, so the next comparison of an unchanged resource needs no dry run. */
  cache?: ComparisonCache;
  /** Told each resource (not hook) applied and what the apiserver returned. */
  onApplied?: (applied: KubeObject, result: KubeObject) => void;
  clock: Clock;
  log: Logger;
}

/** The state after one step, and when to look again (undefined: the operation finished). */
export interface SyncStepOutcome {
  state: OperationState;
  requeueAfterMs?: number;
  /** This step applied the last phase and wave: the next step can only finish (or wait for hooks). */
  ranFinalWave?: boolean;
}

/**
 * The resources this sync works on: every one the app manages but another app's, and every one it
 * tracks and no longer renders. A prune the sync may not do stays a task, recorded PruneSkipped,
 * as in gitops-engine.
 */
function selectResources(input: SyncStepInput): ManagedResource[] {
  const outOfSyncOnly = hasSyncOption(input.syncOptions, 'ApplyOutOfSyncOnly=true');
  return input.compared
    .filter((c) => !c.sharedWith)
    .filter((c) => !outOfSyncOnly || c.status === 'OutOfSync' || c.requiresPruning)
    .map((c) => ({ target: c.target, live: c.live }));
}

/** What deciding this sync's prunes needs. */
export function pruneContext(input: Pick<SyncStepInput, 'state' | 'syncOptions' | 'pruneConfirmed'>): PruneContext {
  return { prune: input.state.operation.sync?.prune ?? false, appOptions: input.syncOptions, confirmed: input.pruneConfirmed ?? false };
}

async function buildTasks(input: SyncStepInput): Promise<SyncTask[]> {
  const resources = selectResources(input);
  const liveNamespace = await liveObject(input.cluster, { apiVersion: 'v1', kind: 'Namespace', name: input.destNamespace });
  const base = {
    resources,
    hooks: input.hooks,
    namespace: input.destNamespace,
    revision: syncedRevision(input.state),
    startedAtSeconds: Math.floor(Date.parse(input.state.startedAt) / 1000),
    pruneLast: hasSyncOption(input.syncOptions, 'PruneLast=true'),
    autoCreateNamespace: hasSyncOption(input.syncOptions, 'CreateNamespace=true'),
    liveNamespace,
    results: taskResultsOf(input.state.syncResult?.resources),
  };
  const first = buildSyncTasks(base);
  const hookLives: ManagedResource[] = [];
  for (const t of first.filter(isHookTask)) {
    const o = taskObject(t);
    const live = await liveObject(input.cluster, { apiVersion: o.apiVersion ?? '', kind: o.kind ?? '', namespace: o.metadata?.namespace, name: o.metadata?.name ?? '' });
    if (live) hookLives.push({ live });
  }
  return hookLives.length ? buildSyncTasks({ ...base, resources: [...resources, ...hookLives] }) : first;
}

/** The revision naming this sync's hooks: the source's, or a multi-source app's first. */
function syncedRevision(state: OperationState): string {
  const r = state.syncResult;
  return r?.revision || r?.revisions?.[0] || '';
}

/**
 * Advances a running sync by one step, as a state machine persisted in `status.operationState`:
 * rebuild the tasks from what earlier steps recorded and what is live now, decide the next step
 * (wait, run a wave, succeed, fail), act on it, and record the results. A restart resumes here.
 */
export async function advanceSync(input: SyncStepInput): Promise<SyncStepOutcome> {
  const tasks = await buildTasks(input);
  const step = planSyncStep(tasks, assessResourceHealth);
  await releaseHooks(input, step.releaseHooks);
  if (step.action === 'wait') return { state: withTasks(input.state, step.tasks, step.message), requeueAfterMs: 1000 };
  if (step.action === 'run') {
    const confirm = pruneConfirmationWait(step.run.filter((t) => !t.target).map(taskObject), pruneContext(input));
    // Nothing of the wave runs until every prune in it may go; an approval on the Application wakes the app.
    if (confirm) return { state: withTasks(input.state, step.tasks, confirm), requeueAfterMs: 5000 };
    const done = await Promise.all(step.run.map((t) => executeTask(input, t)));
    const merged = step.tasks.map((t) => done.find((d) => sameTask(d, t)) ?? t);
    // Only a one-wave sync finishes without waiting for health (as gitops-engine); multi-wave ones wait for fresh live state,
    // and so does a wave with a task left pending (a forced recreation waiting for the old object to go).
    const ranFinalWave = step.final && !isMultiStep(merged) && !merged.some((t) => isHookTask(t) && t.operationState === 'Running') && !done.some(isPending);
    return { state: withTasks(input.state, merged, `running ${step.phase} wave ${step.wave}`), requeueAfterMs: 200, ranFinalWave };
  }
  await deleteHooks(input, step.deleteHooks);
  if (step.action === 'fail' && step.runSyncFail.length > 0) {
    const done = await Promise.all(step.runSyncFail.map((t) => executeTask(input, t)));
    const merged = step.tasks.map((t) => done.find((d) => sameTask(d, t)) ?? t);
    return { state: withTasks(input.state, merged, step.message), requeueAfterMs: 500 };
  }
  const phase = step.action === 'succeed' ? 'Succeeded' : 'Failed';
  const finishedAt = statusTime(input.clock);
  return { state: { ...withTasks(input.state, step.tasks, step.message), phase, finishedAt } };
}

function sameTask(a: SyncTask, b: SyncTask): boolean {
  const x = taskObject(a).metadata;
  const y = taskObject(b).metadata;
  return a.phase === b.phase && taskObject(a).kind === taskObject(b).kind && x?.name === y?.name && x?.namespace === y?.namespace;
}

function withTasks(state: OperationState, tasks: SyncTask[], message: string): OperationState {
  const current = tasks.map(resultOfTask).filter((r): r is NonNullable<typeof r> => r !== undefined);
  const resources = mergeResults(state.syncResult?.resources ?? [], current);
  // A retry's previous finishedAt is dropped once the new attempt runs.
  return { ...state, finishedAt: undefined, message, syncResult: { ...(state.syncResult ?? { revision: '' }), resources } };
}

/**
 * The results recorded so far with this step's laid over them, in first-recorded order. A result
 * whose task is gone stays, as gitops-engine keeps every result of an operation: a pruned object
 * no longer live yields no task on the next step, and its Pruned result must not vanish.
 */
function mergeResults(previous: readonly ResourceResult[], current: readonly ResourceResult[]): ResourceResult[] {
  const key = (r: ResourceResult): string => `${r.group}/${r.kind}/${r.namespace}/${r.name}:${r.syncPhase ?? ''}`;
  const merged = new Map(previous.map((r) => [key(r), r] as const));
  for (const r of current) merged.set(key(r), r);
  return [...merged.values()];
}

async function executeTask(input: SyncStepInput, task: SyncTask): Promise<SyncTask> {
  try {
    if (!task.target) return await pruneTask(input, task);
    if (isHookTask(task) && task.live && hasDeletePolicy(task, 'BeforeHookCreation')) {
      await input.cluster.api.delete(ref(task.live), { propagationPolicy: 'Background' });
      return task; // still pending: created on a later step once the old hook is gone
    }
    const applied = desiredForApply(input, task);
    const mode = applyModeOf(input.syncOptions, applied, { force: syncStrategyForce(input.state) });
    const written = await writeForSync(input.cluster, applied, { mode, live: task.live, clock: input.clock });
    // The old object is still being deleted for a forced recreation: the task stays pending and runs again.
    if (!written.result) return task;
    if (!isHookTask(task)) recordApplied(input, applied, written.result);
    return { ...task, syncStatus: 'Synced', operationState: 'Running', message: written.message };
  } catch (error) {
    input.log.warn('sync task failed', { kind: task.target?.kind, name: task.target?.metadata?.name, error: messageOf(error) });
    return { ...task, syncStatus: 'SyncFailed', operationState: 'Failed', message: messageOf(error) };
  }
}

function recordApplied(input: SyncStepInput, applied: KubeObject, result: KubeObject): void {
  input.cache?.applied(input.cluster.name, applied, result);
  input.onApplied?.(applied, result);
}

/** `argocd app sync --force`: the operation's sync strategy forces every resource (as a `Force=true` annotation would). */
function syncStrategyForce(state: OperationState): boolean {
  const strategy = state.operation.sync?.syncStrategy;
  return strategy?.apply?.force === true || strategy?.hook?.force === true;
}

function desiredForApply(input: SyncStepInput, task: SyncTask): KubeObject {
  const target = withNamespaceMetadata(input, task.target as KubeObject);
  if (!task.live || !hasSyncOption(input.syncOptions, 'RespectIgnoreDifferences=true')) return target;
  return applyIgnoredFromLive(target, task.live, input.ignore);
}

function withNamespaceMetadata(input: SyncStepInput, target: KubeObject): KubeObject {
  const meta = input.managedNamespaceMetadata;
  if (!meta || target.kind !== 'Namespace' || target.metadata?.name !== input.destNamespace) return target;
  const m = target.metadata ?? {};
  return { ...target, metadata: { ...m, labels: { ...(meta.labels ?? {}), ...(m.labels ?? {}) }, annotations: { ...(meta.annotations ?? {}), ...(m.annotations ?? {}) } } };
}

async function pruneTask(input: SyncStepInput, task: SyncTask): Promise<SyncTask> {
  const live = task.live as KubeObject;
  const decision = decidePrune(live, pruneContext(input));
  if (decision.action === 'skip') return { ...task, syncStatus: 'PruneSkipped', operationState: 'Succeeded', message: decision.message };
  // Never reached unconfirmed (the wave waits first); kept so that no path deletes without approval.
  if (decision.action === 'confirm') return task;
  const policy = syncOptionValue(input.syncOptions, 'PrunePropagationPolicy') ?? 'foreground';
  const propagationPolicy = (policy.charAt(0).toUpperCase() + policy.slice(1)) as 'Foreground' | 'Background' | 'Orphan';
  await input.cluster.api.delete(ref(live), { propagationPolicy });
  return { ...task, syncStatus: 'Pruned', operationState: 'Succeeded', message: 'pruned' };
}

function ref(obj: KubeObject): { apiVersion: string; kind: string; namespace?: string; name: string } {
  return { apiVersion: obj.apiVersion ?? '', kind: obj.kind ?? '', namespace: obj.metadata?.namespace || undefined, name: obj.metadata?.name ?? '' };
}

async function releaseHooks(input: SyncStepInput, tasks: SyncTask[]): Promise<void> {
  for (const t of tasks) {
    const live = t.live as KubeObject;
    const finalizers = (live.metadata?.finalizers ?? []).filter((f) => f !== HOOK_FINALIZER);
    await input.cluster.api.patch(ref(live), { metadata: { finalizers, resourceVersion: live.metadata?.resourceVersion } }, { type: 'merge' }).catch(() => undefined);
  }
}

async function deleteHooks(input: SyncStepInput, tasks: SyncTask[]): Promise<void> {
  for (const t of tasks) if (t.live) await input.cluster.api.delete(ref(t.live), { propagationPolicy: 'Background' }).catch(() => undefined);
}
