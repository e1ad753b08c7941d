import { messageOf, type Clock, type Logger } from '../../core/index.js';
import type { Cluster } from '../../kube/index.js';
import { advanceSync } from './sync-operation.js';
import { decideAutoSync, overallHealth, overallSync, resourceStatuses, retryDelayMs } from './app-status.js';
import type { ClusterDirectory } from './cluster-directory.js';
import { compareResources, type ComparedResource } from './compare.js';
import { imagesOf, prepareDesired } from './desired.js';
import type { ObjectComparer, SourceReader, SourceRenderer } from './ports.js';
import { compileIgnoreDifferences, type IgnoreDifferences } from '../diff/ignore-differences.js';
import { checkSourceAndDestination, isResourcePermitted, type ProjectSpec } from './project.js';
import { renderSource } from './render-source.js';
import { trackingAppName } from './tracking.js';
import type { AppCondition, Application, ApplicationStatus, OperationState } from './types.js';

/** Everything refreshing one Application needs. */
export interface RefreshDeps {
  clusters: ClusterDirectory;
  reader: SourceReader;
  render: SourceRenderer;
  compare: ObjectComparer;
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

/**
 * Refreshes one Application: render the source, compare with live, assess health, start or
 * advance a sync, and compute the status. A source, render or cluster error never prunes: the app
 * keeps what is applied and shows the error as a condition.
 */
export async function refreshApplication(app: Application, deps: RefreshDeps): Promise<RefreshOutcome> {
  const source = app.spec.source ?? app.spec.sources?.[0];
  if (!source?.repoURL) return failed(app, 'InvalidSpecError', 'spec.source.repoURL is required', deps);
  const projectName = app.spec.project || 'default';
  const project = deps.project(projectName);
  if (!project) return failed(app, 'InvalidSpecError', `application references project ${projectName} which does not exist`, deps);
  let cluster: Cluster;
  try {
    cluster = await deps.clusters.resolve(app.spec.destination ?? {});
  } catch (error) {
    return failed(app, 'InvalidSpecError', messageOf(error), deps);
  }
  const denied = checkSourceAndDestination(project, source, { ...app.spec.destination, resolvedServer: cluster.api.client.connection.server });
  if (denied) return failed(app, 'InvalidSpecError', denied, deps);
  const running = app.status?.operationState?.phase === 'Running' ? app.status.operationState : undefined;
  const pinned = running?.syncResult?.revision || app.operation?.sync?.revision || undefined;
  let rendered;
  try {
    rendered = await renderSource({ reader: deps.reader, render: deps.render, source, revision: pinned, cluster });
  } catch (error) {
    return failed(app, 'ComparisonError', messageOf(error), deps);
  }
  const notPermitted = rendered.objects.find((o) => !isResourcePermitted(project.spec, { group: (o.object.apiVersion ?? '').split('/').slice(0, -1).join('/'), kind: o.object.kind ?? '', namespaced: o.namespaced }));
  if (notPermitted) {
    const o = notPermitted.object;
    return failed(app, 'InvalidSpecError', `resource ${o.apiVersion}/${o.kind} ${o.metadata?.name ?? ''} is not permitted in project ${projectName}`, deps);
  }
  let ignore: IgnoreDifferences;
  try {
    ignore = compileIgnoreDifferences(app.spec.ignoreDifferences ?? []);
  } catch (error) {
    return failed(app, 'InvalidSpecError', messageOf(error), deps);
  }
  const appName = trackingAppName(app.metadata, deps.controlNamespace);
  const destNamespace = app.spec.destination?.namespace ?? '';
  const desired = prepareDesired(rendered.objects, { appName, destNamespace });
  const compared = await compareResources({ cluster, appName, desired: desired.resources, previous: app.status?.resources ?? [], ignoreDifferences: ignore, compare: deps.compare });
  const op = await runOperation(app, { deps, cluster, compared, hooks: desired.hooks, revision: rendered.revision, destNamespace, ignore });
  const status: ApplicationStatus = {
    ...(app.status ?? {}),
    sync: { status: overallSync(compared), revision: rendered.revision, comparedTo: { source, destination: app.spec.destination } },
    health: overallHealth(compared),
    resources: resourceStatuses(compared),
    conditions: conditionsOf(compared, op.condition, deps),
    sourceType: rendered.sourceType,
    summary: { images: imagesOf(desired.resources) },
    controllerNamespace: deps.controlNamespace,
    ...(op.state ? { operationState: op.state } : {}),
    ...(op.history ? { history: op.history } : {}),
  };
  if (!op.state) delete status.operationState;
  const kinds = uniqueKinds([...desired.resources, ...desired.hooks]);
  return { status, clearOperation: op.clearOperation, requeueAfterMs: op.requeueAfterMs ?? RESYNC_MS, cluster, kinds };
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
  const syncOptions = state.operation.sync?.syncOptions ?? app.spec.syncPolicy?.syncOptions ?? [];
  const outcome = await advanceSync({ ...ctx, state, syncOptions, managedNamespaceMetadata: app.spec.syncPolicy?.managedNamespaceMetadata, log: ctx.deps.log, clock: ctx.deps.clock });
  return finishOperation(app, outcome, { clearOperation, ctx });
}

function startState(operation: OperationState['operation'], revision: string, deps: RefreshDeps): OperationState {
  return { operation, phase: 'Running', message: 'starting sync', startedAt: now(deps), syncResult: { revision, resources: [] } };
}

function finishOperation(
  app: Application,
  outcome: Awaited<ReturnType<typeof advanceSync>>,
  o: { clearOperation: boolean; ctx: OperationContext },
): OperationResult {
  const { state } = outcome;
  const history = app.status?.history ?? [];
  if (state.phase === 'Failed') {
    const retry = state.operation.retry;
    const attempt = (state.retryCount ?? 0) + 1;
    if (retry && (retry.limit ?? 0) !== 0 && (retry.limit! < 0 || attempt <= retry.limit!)) {
      const delay = retryDelayMs(retry, attempt);
      const again: OperationState = { ...state, phase: 'Running', retryCount: attempt, finishedAt: undefined, message: `${state.message ?? ''}. Retrying attempt #${attempt} in ${Math.round(delay / 1000)}s`, syncResult: { ...(state.syncResult ?? { revision: '' }), resources: [] } };
      return { state: again, history, clearOperation: o.clearOperation, requeueAfterMs: delay };
    }
  }
  if (state.phase === 'Succeeded') {
    const limit = app.spec.revisionHistoryLimit ?? 10;
    const entry = { id: (history[history.length - 1]?.id ?? -1) + 1, revision: state.syncResult?.revision ?? '', deployedAt: state.finishedAt ?? now(o.ctx.deps), deployStartedAt: state.startedAt, source: app.spec.source, initiatedBy: state.operation.initiatedBy };
    return { state, history: [...history, entry].slice(-limit), clearOperation: o.clearOperation, requeueAfterMs: 100 };
  }
  return { state, history, clearOperation: o.clearOperation, requeueAfterMs: outcome.requeueAfterMs ?? 100 };
}
