import { groupOf, messageOf, type Clock, type Logger } from '../../core/index.js';
import type { Cluster } from '../../kube/index.js';
import { overallHealth, overallSync, resourceStatuses, sharedResourceMessage } from './app-status.js';
import type { ClusterDirectory } from './cluster-directory.js';
import { compareResources, type ComparedResource } from './compare.js';
import { imagesOf, prepareDesired } from './desired.js';
import type { ComparisonCache } from './comparison-cache.js';
import type { RenderCache } from './render-cache.js';
import type { ObjectComparer, SourceReader, SourceRenderer } from './ports.js';
import { compileIgnoreDifferences, type IgnoreDifferences } from '../diff/ignore-differences.js';
import { checkSourceAndDestination, isResourcePermitted, type ProjectSpec } from './project.js';
import { renderSources, type RenderedSources } from './render-sources.js';
import { runOperation, type OperationResult } from './run-operation.js';
import { mayPresumeOutOfSync, unneededSync } from './presumed-sync.js';
import { pinnedRevisions, sourcesOf, type AppSources } from './sources.js';
import { trackingAppName } from './tracking.js';
import { settleAfterSync } from './settle-after-sync.js';
import type { KubeObject } from '../kube-object.js';
import type { AppCondition, Application, ApplicationStatus } from './types.js';
import { statusTime } from './status-time.js';

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
  const conditions: AppCondition[] = [{ type, message, lastTransitionTime: statusTime(deps.clock) }];
  const status: ApplicationStatus = { ...(app.status ?? {}), sync: { ...(app.status?.sync ?? {}), status: 'Unknown' }, conditions };
  return { status, clearOperation: false, requeueAfterMs: 10_000, kinds: [] };
}

interface AppContext {
  sources: AppSources;
  projectName: string;
  project: { name: string; spec: ProjectSpec };
  cluster: Cluster;
  ignore: IgnoreDifferences;
}

type Step<T> = { ok: true; value: T } | { ok: false; outcome: RefreshOutcome };

/** Checks what must hold before anything is rendered: a source, a project allowing it, a reachable destination, valid ignore rules. */
async function resolveContext(app: Application, deps: RefreshDeps): Promise<Step<AppContext>> {
  const invalid = (message: string): Step<AppContext> => ({ ok: false, outcome: failed(app, 'InvalidSpecError', message, deps) });
  const sources = sourcesOf(app);
  if (sources.sources.length === 0 || sources.sources.some((s) => !s?.repoURL)) return invalid(sources.multi ? 'every spec.sources entry needs a repoURL' : 'spec.source.repoURL is required');
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
  const dest = { ...app.spec.destination, resolvedServer: cluster.api.client.connection.server };
  const denied = sources.sources.map((s) => checkSourceAndDestination(project, s, dest)).find((d) => d !== undefined);
  if (denied) return invalid(denied);
  return { ok: true, value: { sources, projectName, project, cluster, ignore } };
}

/** Renders the source at the pinned or current revision and checks every kind against the project. */
async function renderChecked(app: Application, ctx: AppContext, deps: RefreshDeps): Promise<Step<RenderedSources>> {
  const pinned = pinnedRevisions(app, ctx.sources.sources.length);
  let rendered: RenderedSources;
  try {
    const input = { reader: deps.reader, render: deps.render, sources: ctx.sources.sources, pinned, cluster: ctx.cluster, cache: deps.renders };
    rendered = await renderSources({ ...input, appName: app.metadata.name, namespace: app.spec.destination?.namespace ?? '' });
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
  const presume = mayPresumeOutOfSync({ app, revisions: rendered.revisions, multi: ctx.sources.multi, resources: desired.resources, hooks: desired.hooks });
  const before = await compareResources({ cluster: ctx.cluster, appName, desired: desired.resources, previous: app.status?.resources ?? [], ignoreDifferences: ctx.ignore, compare: deps.compare, cache: deps.comparisons, syncOptions: app.spec.syncPolicy?.syncOptions, presume });
  const applied = new Map<string, KubeObject>();
  const started = await runOperation(app, { deps, cluster: ctx.cluster, compared: before, hooks: desired.hooks, sources: ctx.sources, revisions: rendered.revisions, destNamespace, ignore: ctx.ignore, applied });
  const op = recorded(app, started, { before, applied, compare: deps.compare, ignore: ctx.ignore });
  // A sync that finished here left what it applied live: the status says so now, not one write later
  // (also after an unneeded sync, whose operation is not recorded).
  const compared = settleAfterSync(before, started.state, applied);
  const status: ApplicationStatus = {
    ...withoutSourceFields(app.status ?? {}),
    sync: { status: overallSync(compared), ...syncedFrom(ctx.sources, rendered.revisions, app.spec.destination) },
    health: overallHealth(compared),
    resources: resourceStatuses(compared),
    conditions: conditionsOf(compared, { syncError: op.condition, repeated: rendered.repeated }, deps),
    ...sourceTypeFields(ctx.sources, rendered.sourceTypes),
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

/** The operation as recorded: an automated sync that turned out unneeded (see unneededSync) leaves the operation fields as they were. */
function recorded(app: Application, started: OperationResult, check: Omit<Parameters<typeof unneededSync>[0], 'app' | 'state'>): OperationResult {
  if (!unneededSync({ ...check, app, state: started.state })) return started;
  return { ...started, state: app.status?.operationState, history: app.status?.history, requeueAfterMs: undefined };
}

function uniqueKinds(objects: { apiVersion?: string; kind?: string }[]): { apiVersion: string; kind: string }[] {
  const seen = new Map<string, { apiVersion: string; kind: string }>();
  for (const o of objects) seen.set(`${o.apiVersion}|${o.kind}`, { apiVersion: o.apiVersion ?? '', kind: o.kind ?? '' });
  return [...seen.values()];
}

function conditionsOf(compared: ComparedResource[], extra: { syncError?: string; repeated: string[] }, deps: RefreshDeps): AppCondition[] {
  const at = statusTime(deps.clock);
  const shared = compared
    .filter((c) => c.sharedWith)
    .map((c) => ({ type: 'SharedResourceWarning', message: sharedResourceMessage(c), lastTransitionTime: at }));
  const repeated = extra.repeated.map((key) => ({ type: 'RepeatedResourceWarning', message: `Resource ${key} appeared in more than one source; the last source's is used`, lastTransitionTime: at }));
  return [...shared, ...repeated, ...(extra.syncError ? [{ type: 'SyncError', message: extra.syncError, lastTransitionTime: at }] : [])];
}

/** `status.sync`'s revision fields as Argo CD writes them: revision and comparedTo.source, or revisions and comparedTo.sources. */
function syncedFrom(sources: AppSources, revisions: string[], destination: Application['spec']['destination']): Omit<NonNullable<ApplicationStatus['sync']>, 'status'> {
  if (sources.multi) return { revisions, comparedTo: { sources: sources.sources, destination } };
  return { revision: revisions[0] ?? '', comparedTo: { source: sources.sources[0], destination } };
}

function sourceTypeFields(sources: AppSources, types: string[]): Pick<ApplicationStatus, 'sourceType' | 'sourceTypes'> {
  return sources.multi ? { sourceTypes: types } : { sourceType: types[0] ?? '' };
}

/** The status without the single- or multi-source fields, which the new status sets afresh (an app may switch between the two). */
function withoutSourceFields(status: ApplicationStatus): ApplicationStatus {
  const copy = { ...status };
  delete copy.sourceType;
  delete copy.sourceTypes;
  return copy;
}
