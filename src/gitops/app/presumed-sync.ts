import type { IgnoreDifferences } from '../diff/ignore-differences.js';
import type { KubeObject } from '../kube-object.js';
import { waveOf } from '../sync/phases.js';
import { decideAutoSync } from './app-status.js';
import type { ComparedResource } from './compare.js';
import type { ObjectComparer } from './ports.js';
import { appliedKey } from './settle-after-sync.js';
import { hasSyncOption } from './sync-options.js';
import type { Application, OperationState } from './types.js';

/** What decides whether a changed manifest may be presumed OutOfSync without a dry run. */
export interface PresumeInput {
  app: Application;
  revisions: string[];
  multi: boolean;
  resources: readonly KubeObject[];
  hooks: readonly KubeObject[];
}

/**
 * Whether a changed manifest may be presumed OutOfSync without a dry run: only when, if anything
 * is OutOfSync, automated sync starts at once (no requested operation, none running, a new
 * revision or selfHeal) and finishes within this reconcile (no hooks, one wave, no namespace to
 * create first) and nothing is ignored (a change only in ignored fields must stay unapplied), so
 * the apply's result can still tell whether a sync was needed at all (see
 * `unneededSync`). Manual apps, diffs and plans always ask for a dry run.
 */
export function mayPresumeOutOfSync(input: PresumeInput): boolean {
  const { app } = input;
  if (app.operation || input.hooks.length > 0 || input.resources.length === 0) return false;
  // A change only in ignored fields must not be applied: Argo CD finds such an app Synced and leaves live alone.
  if ((app.spec.ignoreDifferences ?? []).length > 0) return false;
  if (hasSyncOption(app.spec.syncPolicy?.syncOptions ?? [], 'CreateNamespace=true')) return false;
  const wave = waveOf(input.resources[0] as KubeObject);
  if (input.resources.some((r) => waveOf(r) !== wave)) return false;
  const anyOutOfSync: ComparedResource[] = [{ group: '', version: '', kind: '', namespace: '', name: '', target: input.resources[0], status: 'OutOfSync' }];
  return 'start' in decideAutoSync(app, anyOutOfSync, { revisions: input.revisions, multi: input.multi });
}

/** What checking an automated sync started on presumptions needs. */
export interface UnneededSyncInput {
  app: Application;
  /** The comparison the sync started from. */
  before: readonly ComparedResource[];
  state: OperationState | undefined;
  /** What the sync applied in this reconcile (appliedKey -> the apiserver's result). */
  applied: ReadonlyMap<string, KubeObject>;
  compare: ObjectComparer;
  ignore: IgnoreDifferences;
}

/**
 * Whether an automated sync that started and succeeded in this reconcile was started only by
 * presumed differences that the apply showed to be none: every OutOfSync resource was presumed,
 * and for each the apiserver's result compares equal to the live object it replaced, under the
 * app's ignore rules (what the dry run would have answered). Such a sync is not recorded: no
 * operation state, no history entry, as when a dry run finds the app Synced.
 */
export function unneededSync(input: UnneededSyncInput): boolean {
  const { state } = input;
  if (state?.phase !== 'Succeeded' || state === input.app.status?.operationState || !state.operation.initiatedBy?.automated) return false;
  const outOfSync = input.before.filter((c) => c.status === 'OutOfSync');
  if (outOfSync.length === 0 || outOfSync.some((c) => !c.presumed)) return false;
  return outOfSync.every((c) => {
    const result = c.target ? input.applied.get(appliedKey(c.target)) : undefined;
    return result !== undefined && c.live !== undefined && !input.compare(result, c.live, input.ignore).modified;
  });
}
