/**
 * What to do with an ApplicationSet's Applications, decided purely: which to create, update and
 * delete under spec.syncPolicy.applicationsSync (create-only, create-update, create-delete, sync),
 * which names another ApplicationSet already owns, and what an update writes (Argo CD replaces
 * spec, labels, annotations and finalizers, keeping a few annotations and post-delete finalizers).
 */
import type { KubeObject, OwnerReference } from '../../kube/index.js';
import { goJson } from '../generators/merge-keys.js';
import type { ApplicationSet, ApplicationsSyncPolicy } from '../types.js';
import type { GeneratedApp } from './render-apps.js';

/** Annotations Argo CD keeps on an Application across updates from its ApplicationSet. */
export const PRESERVED_ANNOTATIONS = ['argocd.argoproj.io/refresh', 'notified.notifications.argoproj.io', 'argocd.argoproj.io/skip-reconcile'];
const POST_DELETE_FINALIZER = 'post-delete-finalizer.argocd.argoproj.io';

/** The fields an update writes. */
export interface AppUpdate {
  readonly name: string;
  readonly resourceVersion: string;
  readonly spec: Record<string, unknown>;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly finalizers: string[];
  readonly ownerReferences: OwnerReference[];
  readonly operation?: Record<string, unknown>;
}

/** The changes a reconcile makes. */
export interface AppPlan {
  readonly create: GeneratedApp[];
  readonly update: AppUpdate[];
  readonly delete: KubeObject[];
  /** Names another ApplicationSet owns: left alone and reported. */
  readonly conflicts: { name: string; owner: string }[];
}

/** The effective applicationsSync policy (Argo CD's default is sync). */
export function syncPolicyOf(appset: ApplicationSet): ApplicationsSyncPolicy {
  return appset.spec.syncPolicy?.applicationsSync ?? 'sync';
}

const allowsUpdate = (p: ApplicationsSyncPolicy): boolean => p === 'sync' || p === 'create-update';
const allowsDelete = (p: ApplicationsSyncPolicy): boolean => p === 'sync' || p === 'create-delete';

/** The controlling ApplicationSet reference of an object, if any. */
export function controllerOwner(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true && r.kind === 'ApplicationSet' && r.apiVersion.startsWith('argoproj.io/'));
}

/** True when `app` is owned by `appset`. */
export function isOwnedBy(app: KubeObject, appset: ApplicationSet): boolean {
  return (app.metadata.ownerReferences ?? []).some((r) => r.kind === 'ApplicationSet' && r.name === appset.metadata.name && (r.uid === appset.metadata.uid || !r.uid || !appset.metadata.uid));
}

function keptAnnotations(current: KubeObject, desired: GeneratedApp): Record<string, string> {
  const annotations: Record<string, string> = { ...(desired.metadata.annotations ?? {}) };
  for (const key of PRESERVED_ANNOTATIONS) {
    const value = current.metadata.annotations?.[key];
    if (value !== undefined && annotations[key] === undefined) annotations[key] = value;
  }
  return annotations;
}

function keptFinalizers(current: KubeObject, desired: GeneratedApp): string[] {
  const finalizers = [...(desired.metadata.finalizers ?? [])];
  for (const f of current.metadata.finalizers ?? []) if (f.startsWith(POST_DELETE_FINALIZER) && !finalizers.includes(f)) finalizers.push(f);
  return finalizers;
}

function updateOf(current: KubeObject, desired: GeneratedApp): AppUpdate {
  const others = (current.metadata.ownerReferences ?? []).filter((r) => r.kind !== 'ApplicationSet');
  return {
    name: desired.metadata.name,
    resourceVersion: current.metadata.resourceVersion ?? '',
    spec: desired.spec,
    labels: desired.metadata.labels ?? {},
    annotations: keptAnnotations(current, desired),
    finalizers: keptFinalizers(current, desired),
    ownerReferences: [...(desired.metadata.ownerReferences ?? []), ...others],
    ...(desired.operation ? { operation: desired.operation } : {}),
  };
}

/** True when writing `update` would change `current`. */
export function changes(current: KubeObject, update: AppUpdate): boolean {
  const same = (a: unknown, b: unknown): boolean => goJson(a ?? null) === goJson(b ?? null);
  if (!same(current['spec'], update.spec)) return true;
  if (!same(current.metadata.labels ?? {}, update.labels) || !same(current.metadata.annotations ?? {}, update.annotations)) return true;
  if (!same(current.metadata.finalizers ?? [], update.finalizers) || !same(current.metadata.ownerReferences ?? [], update.ownerReferences)) return true;
  return update.operation !== undefined && !same(current['operation'], update.operation);
}

/**
 * Plans the changes that bring `existing` (every Application of the namespace) in line with
 * `desired` for one ApplicationSet. Applications named in `invalid` are left as they are (and,
 * being generated, are not deleted either).
 */
export function planApplications(appset: ApplicationSet, desired: readonly GeneratedApp[], existing: readonly KubeObject[], invalid: ReadonlySet<string> = new Set()): AppPlan {
  const policy = syncPolicyOf(appset);
  const byName = new Map(existing.map((a) => [a.metadata.name ?? '', a]));
  const plan = { create: [] as GeneratedApp[], update: [] as AppUpdate[], delete: [] as KubeObject[], conflicts: [] as { name: string; owner: string }[] };
  for (const app of desired.filter((a) => !invalid.has(a.metadata.name))) {
    const current = byName.get(app.metadata.name);
    const owner = current ? controllerOwner(current) : undefined;
    if (!current) plan.create.push(app);
    else if (owner && !isOwnedBy(current, appset)) plan.conflicts.push({ name: app.metadata.name, owner: owner.name });
    else if (allowsUpdate(policy) && !current.metadata.deletionTimestamp) {
      const update = updateOf(current, app);
      if (changes(current, update)) plan.update.push(update);
    }
  }
  if (allowsDelete(policy)) plan.delete.push(...deletions(appset, desired, existing));
  return plan;
}

function deletions(appset: ApplicationSet, desired: readonly GeneratedApp[], existing: readonly KubeObject[]): KubeObject[] {
  const wanted = new Set(desired.map((a) => a.metadata.name));
  return existing.filter((app) => isOwnedBy(app, appset) && !wanted.has(app.metadata.name ?? '') && !app.metadata.deletionTimestamp);
}
