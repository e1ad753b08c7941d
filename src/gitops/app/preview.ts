import { InputError, NotFoundError, type Clock, type Logger } from '../../core/index.js';
import { targetOf, type Cluster } from '../../kube/index.js';
import { diffResources, type ResourceDiff, type ResourcePair } from '../diff/diff-objects.js';
import { compileIgnoreDifferences } from '../diff/ignore-differences.js';
import type { KubeObject } from '../kube-object.js';
import { createClusterDirectory } from './cluster-directory.js';
import { prepareDesired } from './desired.js';
import type { SourceReader, SourceRenderer } from './ports.js';
import { renderSources } from './render-sources.js';
import { createCredentialLookup, readerWithCredentials, rendererWithCredentials } from './repo-credential-lookup.js';
import { sourcesOf } from './sources.js';
import { applyModeOf } from './sync-options.js';
import { isTrackedBy, trackingAppName } from './tracking.js';
import type { Application } from './types.js';
import { writeResource } from './write-resource.js';

/** What previewing Applications needs: the hub, and the same reader and renderer the controller uses. */
export interface ApplicationPreviewOptions {
  hub: Cluster;
  reader: SourceReader;
  render: SourceRenderer;
  controlNamespace?: string;
  clock: Clock;
  log: Logger;
}

/** Shows what syncing an Application would change, without changing anything. */
export interface ApplicationPreview {
  /**
   * The diff of every resource between live and what a sync would leave (the server's dry-run
   * prediction), at the app's target revision or at `revision` (a branch, tag or commit of a
   * single-source app). Secret values are masked; resources the app would prune show as removals.
   */
  diff(app: Application, options?: { revision?: string }): Promise<ResourceDiff[]>;
  close(): void;
}

/** Creates the preview behind `gantry app diff` (and a per-app building block for `gantry plan`). */
export function createApplicationPreview(o: ApplicationPreviewOptions): ApplicationPreview {
  const controlNamespace = o.controlNamespace ?? 'argocd';
  const clusters = createClusterDirectory({ hub: o.hub, controlNamespace, clock: o.clock, log: o.log });
  const credentials = createCredentialLookup(o.hub, controlNamespace);
  const reader = readerWithCredentials(o.reader, credentials);
  const render = rendererWithCredentials(o.render, credentials);
  return {
    async diff(app, options = {}) {
      const { sources } = sourcesOf({ ...app, operation: undefined, status: undefined });
      if (sources.length === 0) throw new InputError(`application ${app.metadata.name} has no source`);
      if (options.revision && sources.length > 1) throw new InputError(`--revision applies to a single-source application; ${app.metadata.name} has ${sources.length} sources`);
      const first = sources[0];
      const pinned = options.revision && first && !first.chart ? [await reader.resolveRevision(first.repoURL, options.revision)] : [options.revision];
      const cluster = await clusters.resolve(app.spec.destination ?? {});
      const namespace = app.spec.destination?.namespace ?? '';
      const rendered = await renderSources({ reader, render, sources, pinned, cluster, appName: app.metadata.name, namespace });
      const appName = trackingAppName(app.metadata, controlNamespace);
      const desired = prepareDesired(rendered.objects, { appName, destNamespace: namespace });
      const pairs = await Promise.all(desired.resources.map((target) => predictedPair(cluster, target, app.spec.syncPolicy?.syncOptions)));
      pairs.push(...(await prunePairs(cluster, app, { appName, desired: desired.resources })));
      return diffResources(pairs, { ignoreDifferences: compileIgnoreDifferences(app.spec.ignoreDifferences ?? []) });
    },
    close: () => clusters.close(),
  };
}

/** Live, and the server's dry-run prediction of applying `target` (the manifest itself when the server cannot predict, e.g. its namespace is missing). */
async function predictedPair(cluster: Cluster, target: KubeObject, syncOptions: string[] | undefined): Promise<ResourcePair> {
  const live = await cluster.api.get(targetOf(target as never)).catch((e: unknown) => {
    if (e instanceof NotFoundError) return undefined; // a kind the cluster does not serve yet
    throw e;
  });
  const predicted = await writeResource(cluster, target, { mode: applyModeOf(syncOptions, target), dryRun: true }).catch(() => target);
  return { predicted, ...(live ? { live: live as KubeObject } : {}) };
}

/** Resources the app tracked and no longer renders: a sync with prune would delete them. */
async function prunePairs(cluster: Cluster, app: Application, o: { appName: string; desired: KubeObject[] }): Promise<ResourcePair[]> {
  const wanted = new Set(o.desired.map((d) => `${d.apiVersion}/${d.kind}/${d.metadata?.namespace ?? ''}/${d.metadata?.name ?? ''}`));
  const pairs: ResourcePair[] = [];
  for (const r of app.status?.resources ?? []) {
    const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
    if (r.hook || wanted.has(`${apiVersion}/${r.kind}/${r.namespace}/${r.name}`)) continue;
    const live = (await cluster.api.get({ apiVersion, kind: r.kind, namespace: r.namespace || undefined, name: r.name }).catch(() => undefined)) as KubeObject | undefined;
    if (live && isTrackedBy(live as KubeObject & { apiVersion: string }, o.appName)) pairs.push({ live });
  }
  return pairs;
}
