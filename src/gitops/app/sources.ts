import { groupOf, InputError } from '../../core/index.js';
import type { KubeObject } from '../kube-object.js';
import { rollbackRefusal } from './rollback.js';
import type { Application, ApplicationSource, OperationState } from './types.js';

/**
 * The sources an Application renders, as Argo CD reads them: `spec.sources` when it has any (then
 * `spec.source` is ignored), else `spec.source`. A running or requested sync that names its own
 * source or sources (a rollback to a history entry) renders those instead.
 */
export interface AppSources {
  sources: ApplicationSource[];
  /** Multi-source: status and history carry `revisions`/`sources` instead of `revision`/`source`. */
  multi: boolean;
}

/** The sync operation in effect: the one running in status, else the one requested (unless it is a refused rollback). */
function activeSync(app: Application): NonNullable<OperationState['operation']['sync']> | undefined {
  const state = app.status?.operationState;
  if (state?.phase === 'Running') return state.operation.sync;
  return rollbackRefusal(app) ? undefined : app.operation?.sync;
}

/** The sources to render now (see AppSources). */
export function sourcesOf(app: Application): AppSources {
  const sync = activeSync(app);
  if (sync?.sources?.length) return { sources: sync.sources, multi: true };
  if (sync?.source) return { sources: [sync.source], multi: false };
  if (app.spec.sources?.length) return { sources: app.spec.sources, multi: true };
  return { sources: app.spec.source ? [app.spec.source] : [], multi: false };
}

/**
 * The revisions a running sync pinned (so every step of it renders the same commits), or a new
 * sync request's; one entry per source, undefined where nothing is pinned.
 */
export function pinnedRevisions(app: Application, count: number): (string | undefined)[] {
  const state = app.status?.operationState;
  const running = state?.phase === 'Running' ? state.syncResult : undefined;
  const list = revisionList(running) ?? revisionList(activeSync(app)) ?? [];
  return Array.from({ length: count }, (_, i) => list[i] || undefined);
}

function revisionList(r: { revision?: string; revisions?: string[] } | undefined): string[] | undefined {
  if (r?.revisions) return r.revisions;
  return r?.revision ? [r.revision] : undefined;
}

/** A source that only lends its files to other sources' `$ref/...` value files (a `ref` and no path or chart). */
export function isRefOnly(source: ApplicationSource): boolean {
  return Boolean(source.ref) && !source.path && !source.chart;
}

/** One `$ref/path` value file of a Helm source. */
export interface RefValueFile {
  /** As written in valueFiles (the key the renderer looks it up by). */
  entry: string;
  ref: string;
  path: string;
}

/** The value files of a source that point into another source (`$ref/path`), as Argo CD resolves them from the referenced source's root. */
export function refValueFiles(source: ApplicationSource): RefValueFile[] {
  const files = (source.helm as { valueFiles?: unknown } | undefined)?.valueFiles;
  if (!Array.isArray(files)) return [];
  return files
    .filter((f): f is string => typeof f === 'string' && f.startsWith('$'))
    .map((entry) => {
      const slash = entry.indexOf('/');
      if (slash < 0) throw new InputError(`helm.valueFiles ${entry}: a $ref value file needs a path after the ref ($ref/path/values.yaml)`);
      return { entry, ref: entry.slice(1, slash), path: entry.slice(slash + 1).replace(/^\/+/, '') };
    });
}

/** The index of the source with `ref`, or an InputError a person can act on. */
export function refSourceIndex(sources: readonly ApplicationSource[], ref: string, entry: string): number {
  const index = sources.findIndex((s) => s.ref === ref);
  if (index < 0) throw new InputError(`helm.valueFiles ${entry}: no source of this application has ref: ${ref}`);
  if (sources[index]?.chart) throw new InputError(`helm.valueFiles ${entry}: source with ref ${ref} is a Helm chart; value files can only come from Git sources`);
  return index;
}

/**
 * Objects of several sources combined as Argo CD does: when sources produce the same resource
 * (group, kind, namespace, name), the last source's wins and the repeat is reported. Objects with
 * only a generateName (hooks) are never matched; repeats within one source are left as they are.
 */
export function combineObjects<T extends { object: KubeObject; namespaced: boolean }>(perSource: readonly T[][], destNamespace: string): { objects: T[]; repeated: string[] } {
  const keys = perSource.map((objects) => objects.map((o) => resourceKey(o, destNamespace)));
  const repeated = new Set<string>();
  const objects: T[] = [];
  perSource.forEach((list, i) => {
    const later = new Set(keys.slice(i + 1).flat());
    list.forEach((o, j) => {
      const key = keys[i]?.[j];
      if (key && later.has(key)) repeated.add(key);
      else objects.push(o);
    });
  });
  return { objects, repeated: [...repeated] };
}

function resourceKey(o: { object: KubeObject; namespaced: boolean }, destNamespace: string): string | undefined {
  const m = o.object.metadata ?? {};
  if (!m.name) return undefined;
  const namespace = o.namespaced ? m.namespace || destNamespace : '';
  return `${groupOf(o.object.apiVersion ?? '')}/${o.object.kind ?? ''}/${namespace}/${m.name}`;
}

/** One string for "the revisions synced", to compare a finished sync with what renders now. */
export function revisionKey(r: { revision?: string; revisions?: string[] } | undefined): string {
  return r?.revisions?.length ? r.revisions.join(',') : r?.revision ?? '';
}
