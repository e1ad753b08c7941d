import { groupOf, messageOf, type Clock, type Logger } from '../../core/index.js';
import type { Cluster } from '../../kube/index.js';
import { advanceSync } from './sync-operation.js';
import { decideAutoSync, overallHealth, overallSync, resourceStatuses, retryDelayMs } from './app-status.js';
import type { ClusterDirectory } from './cluster-directory.js';
import { compareResources, type ComparedResource } from './compare.js';
import { imagesOf, prepareDesired } from './desired.js';
import type { ComparisonCache } from './comparison-cache.js';
import type { RenderCache } from './render-cache.js';
import type { ObjectComparer, SourceReader, SourceRenderer } from './ports.js';
import { compileIgnoreDifferences, type IgnoreDifferences } from '../diff/ignore-differences.js';
import { checkSourceAndDestination, isResourcePermitted, type ProjectSpec } from './project.js';
import { renderSource, type RenderedSource } from './render-source.js';
import { trackingAppName } from './tracking.js';
import { appliedKey, settleAfterSync } from './settle-after-sync.js';
import type { KubeObject } from '../kube-object.js';
import type { AppCondition, Application, ApplicationStatus, OperationState, ResourceResult } from './types.js';

/** Everything refreshing one Application needs. */
export interface RefreshDeps {
  clusters: ClusterDirectory;
  reader: SourceReader;
  render: SourceRenderer;
  compare: ObjectComparer;
  /** Comparison answers kept between reconciles (none: every comparison is a dry run). */
  comparisons?: ComparisonCache;
  /** Renders kept by repository, commit and source (none: every reconcile renders). */
  renders?: RenderCache;
  controlNamespace: string;
  project(name: string): { name: string; spec: ProjectSpec } | undefined;
  clock: Clock;
  log: Logger;
}

/** The new status, whether the `operation` request was consumed, and when to look again. */
export interface RefreshOutcome {
  status: ApplicationStatus;
  clearOperation: boolean;
  requeueAfterMs: number;
  /** The cluster compared against, so the controller can watch its tracked kinds. */
  cluster?: Cluster;
  kinds: { apiVersion: string; kind: string }[];
}

const RESYNC_MS = 180_000;

/** A failure that leaves everything as it is and shows as a condition (never a prune). */
function failed(app: Application, type: string, message: string, deps: RefreshDeps): RefreshOutcome {
  const conditions: AppCondition[] = [{ type, message, lastTransitionTime: now(deps) }];
  const status: ApplicationStatus = { ...(app.status ?? {}), sync: { ...(app.status?.sync ?? {}), status: 'Unknown' }, conditions };
  return { status, clearOperation: false, requeueAfterMs: 10_000, kinds: [] };
}

function now(deps: RefreshDeps): string {
  return new Date(deps.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
}

interface AppContext {
  source: NonNullable<Application['spec']['source']>;
  projectName: string;
  project: { name: string; spec: ProjectSpec };
  cluster: Cluster;
  ignore: IgnoreDifferences;
}

type Step<T> = { ok: true; value: T } | { ok: false; outcome: RefreshOutcome };

/** Checks what must hold before anything is rendered: a source, a project allowing it, a reachable destination, valid ignore rules. */
async function resolveContext(app: Application, deps: RefreshDeps): Promise<Step<AppContext>> {
  const invalid = (message: string): Step<AppContext> => ({ ok: false, outcome: failed(app, 'InvalidSpecError', message, deps) });
  const source = app.spec.source ?? app.spec.sources?.[0];
  if (!source?.repoURL) return invalid('spec.source.repoURL is required');
  const projectName = app.spec.project || 'default';
  const project = deps.project(projectName);
  if (!project) return invalid(`application references project ${projectName} which does not exist`);
  let cluster: Cluster;
  let ignore: IgnoreDifferences;
  try {
    cluster = await deps.clusters.resolve(app.spec.destination ?? {});
    ignore = compileIgnoreDifferences(app.spec.ignoreDifferences ?? []);
  } catch (error) {
    return invalid(messageOf(error));
  }
  const denied = checkSourceAndDestination(project, source, { ...app.spec.destination, resolvedServer: cluster.api.client.connection.server });
  if (denied) return invalid(denied);
  return { ok: true, value: { source, projectName, project, cluster, ignore } };
}

/** Renders the source at the pinned or current revision and checks every kind against the project. */
async function renderChecked(app: Application, ctx: AppContext, deps: RefreshDeps): Promise<Step<RenderedSource>> {
  const running = app.status?.operationState?.phase === 'Running' ? app.status.operationState : undefined;
  const pinned = running?.syncResult?.revision || app.operation?.sync?.revision || undefined;
  let rendered: RenderedSource;
  try {
    rendered = await renderSource({ reader: deps.reader, render: deps.render, source: ctx.source, revision: pinned, cluster: ctx.cluster, cache: deps.renders, appName: app.metadata.name, namespace: app.spec.destination?.namespace ?? '' });
  } catch (error) {
    return { ok: false, outcome: failed(app, 'ComparisonError', messageOf(error), deps) };
  }
  const denied = rendered.objects.find((o) => !isResourcePermitted(ctx.project.spec, { group: groupOf(o.object.apiVersion ?? ''), kind: o.object.kind ?? '', namespaced: o.namespaced }));
  if (denied) {
    const o = denied.object;
    const message = `resource ${o.apiVersion}/${o.kind} ${o.metadata?.name ?? ''} is not permitted in project ${ctx.projectName}`;
    return { ok: false, outcome: failed(app, 'InvalidSpecError', message, deps) };
  }
  return { ok: true, value: rendered };
}

/**
 * Refreshes one Application: render the source, compare with live, assess health, start or
 * advance a sync, and compute the status. A source, render or cluster error never prunes: the app
 * keeps what is applied and shows the error as a condition.
 */
export async function refreshApplication(app: Application, deps: RefreshDeps): Promise<RefreshOutcome> {
  const context = await resolveContext(app, deps);
  if (!context.ok) return context.outcome;
  const ctx = context.value;
  const render = await renderChecked(app, ctx, deps);
  if (!render.ok) return render.outcome;
  const rendered = render.value;
  const appName = trackingAppName(app.metadata, deps.controlNamespace);
  const destNamespace = app.spec.destination?.namespace ?? '';
  const desired = prepareDesired(rendered.objects, { appName, destNamespace });
  const before = await compareResources({ cluster: ctx.cluster, appName, desired: desired.resources, previous: app.status?.resources ?? [], ignoreDifferences: ctx.ignore, compare: deps.compare, cache: deps.comparisons });
  const applied = new Map<string, KubeObject>();
  const op = await runOperation(app, { deps, cluster: ctx.cluster, compared: before, hooks: desired.hooks, revision: rendered.revision, destNamespace, ignore: ctx.ignore, applied });
  // A sync that finished here left what it applied live: the status says so now, not one write later.
  const compared = settleAfterSync(before, op.state, applied);
  const status: ApplicationStatus = {
    ...(app.status ?? {}),
    sync: { status: overallSync(compared), revision: rendered.revision, comparedTo: { source: ctx.source, destination: app.spec.destination } },
    health: overallHealth(compared),
    resources: resourceStatuses(compared),
    conditions: conditionsOf(compared, op.condition, deps),
    sourceType: rendered.sourceType,
    summary: { images: imagesOf(desired.resources) },
    controllerNamespace: deps.controlNamespace,
    operationState: op.state,
    history: op.history,
  };
  if (!op.state) delete status.operationState;
  if (!op.history) delete status.history;
  const kinds = uniqueKinds([...desired.resources, ...desired.hooks]);
  return { status, clearOperation: op.clearOperation, requeueAfterMs: op.requeueAfterMs ?? RESYNC_MS, cluster: ctx.cluster, kinds };
}

function uniqueKinds(objects: { apiVersion?: string; kind?: string }[]): { apiVersion: string; kind: string }[] {
  const seen = new Map<string, { apiVersion: string; kind: string }>();
  for (const o of objects) seen.set(`${o.apiVersion}|${o.kind}`, { apiVersion: o.apiVersion ?? '', kind: o.kind ?? '' });
  return [...seen.values()];
}

function conditionsOf(compared: ComparedResource[], extra: string | undefined, deps: RefreshDeps): AppCondition[] {
  const at = now(deps);
  const shared = compared
    .filter((c) => c.sharedWith)
    .map((c) => ({ type: 'SharedResourceWarning', message: `${c.kind}/${c.name} is part of applications ${c.sharedWith} and this one; it is left to ${c.sharedWith}`, lastTransitionTime: at }));
  return [...shared, ...(extra ? [{ type: 'SyncError', message: extra, lastTransitionTime: at }] : [])];
}

interface OperationContext {
  deps: RefreshDeps;
  cluster: Cluster;
  compared: ComparedResource[];
  hooks: ReturnType<typeof prepareDesired>['hooks'];
  revision: string;
  destNamespace: string;
  ignore: IgnoreDifferences;
  /** Filled with what this reconcile's sync steps applied (by appliedKey). */
  applied: Map<string, KubeObject>;
}

interface OperationResult {
  state?: OperationState;
  history?: ApplicationStatus['history'];
  clearOperation: boolean;
  requeueAfterMs?: number;
  condition?: string;
}

async function runOperation(app: Application, ctx: OperationContext): Promise<OperationResult> {
  let state = app.status?.operationState;
  let clearOperation = false;
  let condition: string | undefined;
  if (state?.phase !== 'Running') {
    if (app.operation?.sync) {
      state = startState(app.operation, app.operation.sync.revision || ctx.revision, ctx.deps);
      clearOperation = true;
    } else {
      const decision = decideAutoSync(app, ctx.compared, ctx.revision);
      if ('start' in decision) state = startState(decision.start, ctx.revision, ctx.deps);
      if ('refuse' in decision) condition = decision.refuse;
    }
  }
  if (state?.phase !== 'Running') return { state, clearOperation, condition, history: app.status?.history };
  const backoff = retryBackoffLeftMs(state, ctx.deps.clock.now());
  if (backoff > 0) return { state, clearOperation, history: app.status?.history, requeueAfterMs: backoff };
  const syncOptions = state.operation.sync?.syncOptions ?? app.spec.syncPolicy?.syncOptions ?? [];
  const onApplied = (object: KubeObject, result: KubeObject): void => void ctx.applied.set(appliedKey(object), result);
  const input = { ...ctx, state, syncOptions, managedNamespaceMetadata: app.spec.syncPolicy?.managedNamespaceMetadata, cache: ctx.deps.comparisons, log: ctx.deps.log, clock: ctx.deps.clock, onApplied };
  let outcome = await advanceSync(input);
  // After the final wave with no hook running, the next step only finishes: take it now and save a status write.
  if (outcome.ranFinalWave && outcome.state.phase === 'Running') outcome = await advanceSync({ ...input, state: outcome.state });
  return finishOperation(app, outcome, { clearOperation, ctx });
}

function startState(operation: OperationState['operation'], revision: string, deps: RefreshDeps): OperationState {
  return { operation, phase: 'Running', message: 'starting sync', startedAt: now(deps), syncResult: { revision, resources: [] } };
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

function finishOperation(
  app: Application,
  outcome: Awaited<ReturnType<typeof advanceSync>>,
  o: { clearOperation: boolean; ctx: OperationContext },
): OperationResult {
  const { state } = outcome;
  const history = app.status?.history ?? [];
  const retry = retryState(state);
  if (retry) return { state: retry.state, history, clearOperation: o.clearOperation, requeueAfterMs: retry.delayMs };
  if (state.phase !== 'Succeeded') return { state, history, clearOperation: o.clearOperation, requeueAfterMs: outcome.requeueAfterMs ?? 100 };
  const entry = {
    id: (history[history.length - 1]?.id ?? -1) + 1,
    revision: state.syncResult?.revision ?? '',
    deployedAt: state.finishedAt ?? now(o.ctx.deps),
    deployStartedAt: state.startedAt,
    source: app.spec.source,
    initiatedBy: state.operation.initiatedBy,
  };
  const limit = app.spec.revisionHistoryLimit ?? 10;
  return { state, history: [...history, entry].slice(-limit), clearOperation: o.clearOperation, requeueAfterMs: 100 };
}
