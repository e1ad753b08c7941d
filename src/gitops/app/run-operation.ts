import { appliedKey } from './settle-after-sync.js';
import type { KubeObject } from '../kube-object.js';
import type { Cluster } from '../../kube/index.js';
import type { IgnoreDifferences } from '../diff/ignore-differences.js';
import { decideAutoSync, retryDelayMs, sharedResourceFailure } from './app-status.js';
import { isDeletionApproved } from './prune-decision.js';
import type { ComparedResource } from './compare.js';
import type { prepareDesired } from './desired.js';
import type { RefreshDeps } from './refresh.js';
import { advanceSync } from './sync-operation.js';
import { rollbackRefusal } from './rollback.js';
import type { AppSources } from './sources.js';
import type { Application, ApplicationSource, ApplicationStatus, HistoryEntry, Operation, OperationState, ResourceResult } from './types.js';
import { statusTime } from './status-time.js';

/** What the sync operation works with: the sources rendered at their revisions and compared with live. */
export interface OperationContext {
  deps: RefreshDeps;
  cluster: Cluster;
  compared: ComparedResource[];
  hooks: ReturnType<typeof prepareDesired>['hooks'];
  sources: AppSources;
  revisions: string[];
  destNamespace: string;
  ignore: IgnoreDifferences;
  /** Filled with what this reconcile's sync steps applied (by appliedKey). */
  applied: Map<string, KubeObject>;
}

/** The operation's new state, the history, whether `operation` was consumed, and a condition to show. */
export interface OperationResult {
  state?: OperationState;
  history?: ApplicationStatus['history'];
  clearOperation: boolean;
  requeueAfterMs?: number;
  condition?: string;
}

/** The revision fields of a sync result (or history entry) as Argo CD writes them: revision and source, or revisions and sources. */
export function revisionFields(ctx: Pick<OperationContext, 'sources' | 'revisions'>): { revision: string; source?: ApplicationSource; revisions?: string[]; sources?: ApplicationSource[] } {
  if (ctx.sources.multi) return { revision: '', revisions: ctx.revisions, sources: ctx.sources.sources };
  return { revision: ctx.revisions[0] ?? '', ...(ctx.sources.sources[0] ? { source: ctx.sources.sources[0] } : {}) };
}

function startState(operation: Operation, ctx: OperationContext): OperationState {
  return { operation, phase: 'Running', message: 'starting sync', startedAt: statusTime(ctx.deps.clock), syncResult: { ...revisionFields(ctx), resources: [] } };
}

/** A requested operation that cannot run ends at once, Failed with the reason (as Argo CD's API refuses it). */
function refusedState(operation: Operation, message: string, ctx: OperationContext): OperationState {
  const at = statusTime(ctx.deps.clock);
  return { operation, phase: 'Failed', message, startedAt: at, finishedAt: at };
}

function startOrRefuse(app: Application, ctx: OperationContext): { state?: OperationState; clearOperation: boolean; condition?: string } {
  if (app.operation?.sync) {
    const refusal = rollbackRefusal(app);
    return { state: refusal ? refusedState(app.operation, refusal, ctx) : startState(app.operation, ctx), clearOperation: true };
  }
  const decision = decideAutoSync(app, ctx.compared, { revisions: ctx.revisions, multi: ctx.sources.multi });
  if ('start' in decision) return { state: startState(decision.start, ctx), clearOperation: false };
  return { state: app.status?.operationState, clearOperation: false, ...('refuse' in decision ? { condition: decision.refuse } : {}) };
}

/** Starts a requested or automated sync, or advances the running one by a step, and records history when it succeeds. */
export async function runOperation(app: Application, ctx: OperationContext): Promise<OperationResult> {
  let state = app.status?.operationState;
  let clearOperation = false;
  let condition: string | undefined;
  if (state?.phase !== 'Running') ({ state, clearOperation, condition } = startOrRefuse(app, ctx));
  if (state?.phase !== 'Running') return { state, clearOperation, condition, history: app.status?.history };
  const backoff = retryBackoffLeftMs(state, ctx.deps.clock.now());
  if (backoff > 0) return { state, clearOperation, history: app.status?.history, requeueAfterMs: backoff };
  const input = stepInput(app, state, ctx);
  // FailOnSharedResource=true: a resource another app tracks fails the sync (checked at every step, as Argo CD does).
  const shared = sharedResourceFailure(input.syncOptions, ctx.compared);
  if (shared) return finishOperation(app, { state: { ...state, phase: 'Failed', message: shared, finishedAt: statusTime(ctx.deps.clock) } }, { clearOperation, ctx });
  let outcome = await advanceSync(input);
  // After the final wave with no hook running, the next step only finishes: take it now and save a status write.
  if (outcome.ranFinalWave && outcome.state.phase === 'Running') outcome = await advanceSync({ ...input, state: outcome.state });
  return finishOperation(app, outcome, { clearOperation, ctx });
}

function stepInput(app: Application, state: OperationState, ctx: OperationContext): Parameters<typeof advanceSync>[0] {
  const syncOptions = state.operation.sync?.syncOptions ?? app.spec.syncPolicy?.syncOptions ?? [];
  const pruneConfirmed = isDeletionApproved(app.metadata.annotations, state.startedAt);
  return { ...ctx, state, syncOptions, pruneConfirmed, managedNamespaceMetadata: app.spec.syncPolicy?.managedNamespaceMetadata, cache: ctx.deps.comparisons, log: ctx.deps.log, clock: ctx.deps.clock, onApplied: (object, result) => void ctx.applied.set(appliedKey(object), result) };
}

/**
 * How long a retry must still wait: a retrying operation keeps the failed attempt's finishedAt
 * until its first step runs, so the backoff holds across restarts and watch events.
 */
function retryBackoffLeftMs(state: OperationState, nowMs: number): number {
  if (!state.retryCount || !state.finishedAt || (state.syncResult?.resources ?? []).length > 0) return 0;
  return Date.parse(state.finishedAt) + retryDelayMs(state.operation.retry, state.retryCount) - nowMs;
}

/** A failed sync with retries left starts again after its backoff; otherwise undefined. */
function retryState(state: OperationState): { state: OperationState; delayMs: number } | undefined {
  const retry = state.operation.retry;
  const limit = retry?.limit ?? 0;
  const attempt = (state.retryCount ?? 0) + 1;
  if (state.phase !== 'Failed' || limit === 0 || (limit > 0 && attempt > limit)) return undefined;
  const delayMs = retryDelayMs(retry, attempt);
  const message = `${state.message ?? ''}. Retrying attempt #${attempt} in ${Math.round(delayMs / 1000)}s`;
  const resources: ResourceResult[] = [];
  return { state: { ...state, phase: 'Running', retryCount: attempt, message, syncResult: { ...(state.syncResult ?? { revision: '' }), resources } }, delayMs };
}

/** The history entry of a succeeded sync: what was deployed (revision and source, or revisions and sources), when, and by whom. */
export function historyEntry(state: OperationState, o: { id: number; deployedAt: string; multi: boolean }): HistoryEntry {
  const r = state.syncResult;
  const deployed = o.multi ? { revisions: r?.revisions ?? [], sources: r?.sources ?? [] } : { revision: r?.revision ?? '', ...(r?.source ? { source: r.source } : {}) };
  return { id: o.id, ...deployed, deployedAt: state.finishedAt ?? o.deployedAt, deployStartedAt: state.startedAt, ...(state.operation.initiatedBy ? { initiatedBy: state.operation.initiatedBy } : {}) };
}

function finishOperation(app: Application, outcome: Awaited<ReturnType<typeof advanceSync>>, o: { clearOperation: boolean; ctx: OperationContext }): OperationResult {
  const { state } = outcome;
  const history = app.status?.history ?? [];
  const retry = retryState(state);
  if (retry) return { state: retry.state, history, clearOperation: o.clearOperation, requeueAfterMs: retry.delayMs };
  if (state.phase !== 'Succeeded') return { state, history, clearOperation: o.clearOperation, requeueAfterMs: outcome.requeueAfterMs ?? 100 };
  const entry = historyEntry(state, { id: (history[history.length - 1]?.id ?? -1) + 1, deployedAt: statusTime(o.ctx.deps.clock), multi: o.ctx.sources.multi });
  const limit = app.spec.revisionHistoryLimit ?? 10;
  // After an automated sync the status written now already shows the spec's revision applied, and later changes
  // come as watch events. A requested sync may have applied another revision or source (a rollback, --revision),
  // and an operation requested while this one ran is still waiting: either way, look again at once.
  const requeueAfterMs = state.operation.initiatedBy?.automated && !(app.operation && !o.clearOperation) ? undefined : 100;
  return { state, history: [...history, entry].slice(-limit), clearOperation: o.clearOperation, requeueAfterMs };
}
