import type { Application, ApplicationSource } from '../app/types.js';

/** One Git source of an Application with the commit its status last recorded for it. */
export interface TrackedSource {
  app: Application;
  source: ApplicationSource;
  /** status.sync.revision (or revisions[i] for multi-source apps); undefined before the first comparison. */
  recorded?: string;
}

/** The Git sources of an Application (Helm-repository charts are not Git, so left out), each with its recorded commit. */
export function gitSourcesOf(app: Application): TrackedSource[] {
  const sync = app.status?.sync as { revision?: string; revisions?: string[] } | undefined;
  if (app.spec.sources?.length) {
    return app.spec.sources.flatMap((source, i) => (source.chart ? [] : [{ app, source, recorded: sync?.revisions?.[i] }]));
  }
  const source = app.spec.source;
  return source && !source.chart ? [{ app, source, recorded: sync?.revision }] : [];
}

/** The revision a source follows: its targetRevision, HEAD when empty. */
function followedRevision(targetRevision: string | undefined): string {
  return (targetRevision ?? '').trim() || 'HEAD';
}

/** A revision of one repository, as the key of resolved commits. */
export function revisionKey(repoURL: string, targetRevision: string | undefined): string {
  return `${repoURL}\0${followedRevision(targetRevision)}`;
}

/**
 * What a poll must look at: for each external repository URL (as the apps spell it), the
 * revisions its apps follow. Hosted repositories announce their pushes, so they are left out.
 */
export function externalRevisions(apps: readonly Application[], isHosted: (repoURL: string) => boolean): Map<string, Set<string>> {
  const repos = new Map<string, Set<string>>();
  for (const { source } of apps.flatMap(gitSourcesOf)) {
    if (!source.repoURL || isHosted(source.repoURL)) continue;
    const revisions = repos.get(source.repoURL) ?? new Set<string>();
    revisions.add(followedRevision(source.targetRevision));
    repos.set(source.repoURL, revisions);
  }
  return repos;
}

/**
 * Whether a source's revision now resolves to a commit other than the one its app last recorded:
 * only those apps need a new render. A revision that failed to resolve (absent from `resolved`)
 * is left to the app's own reconcile, which reports the error.
 */
export function sourceMoved(tracked: TrackedSource, resolved: ReadonlyMap<string, string>): boolean {
  const commit = resolved.get(revisionKey(tracked.source.repoURL, tracked.source.targetRevision));
  return commit !== undefined && commit !== tracked.recorded;
}

/** The wait before the next poll: the interval spread by up to ±10%, so many gantry instances (or restarts) do not poll in step. */
export function nextPollDelayMs(intervalMs: number, random: number): number {
  return Math.round(intervalMs * (0.9 + 0.2 * Math.min(Math.max(random, 0), 1)));
}

/** An Application's namespace/name, to recognise it across watch-cache copies. */
export function appKey(app: { metadata: { namespace?: string; name: string } }): string {
  return `${app.metadata.namespace ?? ''}/${app.metadata.name}`;
}
