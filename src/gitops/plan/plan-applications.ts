import { groupOf, messageOf, silentLogger, type Clock, type Logger } from '../../core/index.js';
import type { Cluster } from '../../kube/index.js';
import { diffObjects, type DiffResult } from '../diff/diff-objects.js';
import { compileIgnoreDifferences } from '../diff/ignore-differences.js';
import type { KubeObject } from '../kube-object.js';
import { createClusterDirectory, type ClusterDirectory } from '../app/cluster-directory.js';
import { compareResources, type ComparedResource } from '../app/compare.js';
import { prepareDesired } from '../app/desired.js';
import type { ObjectComparer, SourceReader, SourceRenderer } from '../app/ports.js';
import { checkSourceAndDestination, isResourcePermitted, type ProjectSpec } from '../app/project.js';
import { renderSources } from '../app/render-sources.js';
import { createCredentialLookup, readerWithCredentials, rendererWithCredentials } from '../app/repo-credential-lookup.js';
import { sourcesOf } from '../app/sources.js';
import { trackingAppName } from '../app/tracking.js';
import type { Application, ApplicationSource } from '../app/types.js';
import type { AppPlan, ResourcePlan } from './plan-types.js';

/** What planApplications needs: the hub (Applications, projects, cluster secrets), and the controller's reader, renderer and comparer. */
export interface PlanOptions {
  hub: Cluster;
  reader: SourceReader;
  render: SourceRenderer;
  /** The comparer the controller uses (its verdict decides OutOfSync); the plan keeps its diff. */
  compare: ObjectComparer;
  /** Which source repoURLs are the planned repository. */
  repoMatches: (repoURL: string) => boolean;
  /** The branch, tag or commit to plan. */
  revision: string;
  controlNamespace?: string;
  clock: Clock;
  log?: Logger;
}

/**
 * Plans a revision of a repository across every Application that uses it (hub and all
 * destinations), without applying anything: each app is rendered at that revision exactly as the
 * controller would render it, compared with live through server-side-apply dry runs, and
 * reported as resources to create, update (with the diff, Secret values masked) and prune.
 */
export async function planApplications(o: PlanOptions): Promise<AppPlan[]> {
  const controlNamespace = o.controlNamespace ?? 'argocd';
  const list = await o.hub.api.list('argoproj.io/v1alpha1', 'Application', { namespace: controlNamespace });
  const apps = (list.items as unknown as Application[]).filter((a) => specSources(a).some((s) => o.repoMatches(s.repoURL)));
  const clusters = createClusterDirectory({ hub: o.hub, controlNamespace, clock: o.clock, log: o.log ?? silentLogger });
  // The same repository credentials the controller reads and renders with (repository secrets, repo-creds templates).
  const credentials = createCredentialLookup(o.hub, controlNamespace);
  const reader = readerWithCredentials(o.reader, credentials);
  const render = rendererWithCredentials(o.render, credentials);
  const commits = new Map<string, Promise<string>>();
  const resolve = (repoURL: string): Promise<string> => {
    if (!commits.has(repoURL)) commits.set(repoURL, reader.resolveRevision(repoURL, o.revision));
    return commits.get(repoURL) as Promise<string>;
  };
  try {
    const plans: AppPlan[] = [];
    for (const app of apps.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))) {
      plans.push(await planOne(app, { ...o, reader, render, controlNamespace, clusters, resolve }));
    }
    return plans;
  } finally {
    clusters.close();
  }
}

/** The spec's sources (a plan compares what the spec would deploy, never a running or requested rollback's sources). */
function specSources(app: Application): ApplicationSource[] {
  return sourcesOf({ ...app, operation: undefined, status: undefined }).sources;
}

interface PlanContext extends PlanOptions {
  controlNamespace: string;
  clusters: ClusterDirectory;
  resolve(repoURL: string): Promise<string>;
}

async function planOne(app: Application, ctx: PlanContext): Promise<AppPlan> {
  const dest = app.spec.destination ?? {};
  const plan: AppPlan = {
    app: app.metadata.name,
    cluster: dest.name ?? dest.server ?? '',
    namespace: dest.namespace ?? '',
    revision: '',
    ...(app.status?.sync?.revision ? { currentRevision: app.status.sync.revision } : {}),
    autoPrune: app.spec.syncPolicy?.automated?.prune === true,
    resources: [],
    hooks: 0,
  };
  try {
    return await planResources(app, plan, ctx);
  } catch (error) {
    return { ...plan, error: messageOf(error) };
  }
}

/**
 * Renders the app as the controller would with the planned repository at the planned revision: in
 * a multi-source app, the sources from that repository move to it while every other source stays
 * at its own target revision (and `$ref` value files follow the source that lends them).
 */
async function planResources(app: Application, plan: AppPlan, ctx: PlanContext): Promise<AppPlan> {
  const sources = specSources(app);
  const cluster = await ctx.clusters.resolve(app.spec.destination ?? {});
  const project = await checkProject(app, sources, { ctx, cluster });
  const pinned = await Promise.all(sources.map((s) => (!s.chart && ctx.repoMatches(s.repoURL) ? ctx.resolve(s.repoURL) : undefined)));
  const rendered = await renderSources({ reader: ctx.reader, render: ctx.render, sources, pinned, cluster, appName: app.metadata.name, namespace: plan.namespace });
  const revision = pinned.find((r) => r !== undefined) ?? rendered.revisions[0] ?? '';
  const denied = rendered.objects.find((r) => !isResourcePermitted(project, { group: groupOf(r.object.apiVersion ?? ''), kind: r.object.kind ?? '', namespaced: r.namespaced }));
  if (denied) throw new Error(`resource ${denied.object.apiVersion}/${denied.object.kind} ${denied.object.metadata?.name ?? ''} is not permitted in project ${app.spec.project || 'default'}`);
  const appName = trackingAppName(app.metadata, ctx.controlNamespace);
  const desired = prepareDesired(rendered.objects, { appName, destNamespace: plan.namespace });
  const ignore = compileIgnoreDifferences(app.spec.ignoreDifferences ?? []);
  const diffs = new Map<string, DiffResult>();
  // The controller's comparer decides; the same pure diff, kept per resource, explains the decision.
  const compare: ObjectComparer = (predicted, live, ignored) => {
    diffs.set(keyOf(live), diffObjects(predicted, live, { ignoreDifferences: ignored }));
    return ctx.compare(predicted, live, ignored);
  };
  const compared = await compareResources({ cluster, appName, desired: desired.resources, previous: app.status?.resources ?? [], ignoreDifferences: ignore, compare });
  const resources = compared.flatMap((c) => resourcePlan(c, diffs));
  return { ...plan, revision, resources, hooks: desired.hooks.length };
}

async function readProject(ctx: PlanContext, name: string): Promise<ProjectSpec> {
  const project = await ctx.hub.api.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace: ctx.controlNamespace, name });
  if (!project) throw new Error(`application references project ${name} which does not exist`);
  return ((project as { spec?: ProjectSpec }).spec ?? {}) as ProjectSpec;
}

/** The app's project, after checking that it allows each of the app's sources and its destination. */
async function checkProject(app: Application, sources: ApplicationSource[], o: { ctx: PlanContext; cluster: Cluster }): Promise<ProjectSpec> {
  const name = app.spec.project || 'default';
  const spec = await readProject(o.ctx, name);
  const dest = { ...app.spec.destination, resolvedServer: o.cluster.api.client.connection.server };
  const denied = sources.map((s) => checkSourceAndDestination({ name, spec }, s, dest)).find((d) => d !== undefined);
  if (denied) throw new Error(denied);
  return spec;
}

function keyOf(o: KubeObject): string {
  return `${groupOf(o.apiVersion ?? '')}/${o.kind ?? ''}/${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

/** The plan line of one compared resource; nothing for a resource already in sync. */
export function resourcePlan(c: ComparedResource, diffs: ReadonlyMap<string, DiffResult>): ResourcePlan[] {
  const id = { group: c.group, kind: c.kind, namespace: c.namespace, name: c.name };
  if (c.requiresPruning) return [{ action: 'prune', ...id }];
  if (c.status === 'Synced') return [];
  if (c.sharedWith) return [{ action: 'shared', ...id, sharedWith: c.sharedWith }];
  if (!c.live) return [{ action: 'create', ...id }];
  if (c.message) return [{ action: 'error', ...id, message: c.message }];
  const diff = diffs.get(`${c.group}/${c.kind}/${c.namespace}/${c.name}`);
  return [{ action: 'update', ...id, ...(diff ? { diff } : {}) }];
}
