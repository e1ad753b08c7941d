import { worstHealth, type Health } from '../health/health-status.js';
import type { ComparedResource } from './compare.js';
import type { Application, Operation, ResourceStatus } from './types.js';
import { waveOf } from '../sync/phases.js';
import { revisionKey } from './sources.js';
import { hasSyncOption, isOptionOff, resourceSyncOptions } from './sync-options.js';

/** The SharedResourceWarning condition's message for a resource another app tracks. */
export function sharedResourceMessage(c: Pick<ComparedResource, 'kind' | 'name' | 'sharedWith'>): string {
  return `${c.kind}/${c.name} is part of applications ${c.sharedWith ?? ''} and this one; it is left to ${c.sharedWith ?? ''}`;
}

/**
 * `FailOnSharedResource=true`: the message a sync fails with when a resource it would write is
 * tracked by another app (Argo CD's "Shared resource found: ..."), else undefined. Without the
 * option such a resource is only reported, never taken over.
 */
export function sharedResourceFailure(syncOptions: readonly string[] | undefined, compared: readonly ComparedResource[]): string | undefined {
  if (!hasSyncOption(syncOptions, 'FailOnSharedResource=true')) return undefined;
  const shared = compared.find((c) => c.sharedWith);
  return shared ? `Shared resource found: ${sharedResourceMessage(shared)}` : undefined;
}

/**
 * Why an automated sync would only skip prunes, or undefined when it has something to do: every
 * OutOfSync resource awaits a prune that automated prune does not allow (Argo CD skips such a
 * sync), or, when self-healing a revision already synced, one its `Prune=false` keeps forever
 * (a sync would record PruneSkipped again and again).
 */
function onlySkippedPrunes(app: Application, compared: ComparedResource[], sameRevision: boolean): string | undefined {
  const outOfSync = compared.filter((c) => c.status === 'OutOfSync' || c.requiresPruning);
  if (outOfSync.length === 0 || outOfSync.some((c) => !c.requiresPruning)) return undefined;
  if (!app.spec.syncPolicy?.automated?.prune) return 'need to prune extra resources only but automated prune is disabled';
  const options = app.spec.syncPolicy.syncOptions;
  if (sameRevision && outOfSync.every((c) => isOptionOff(options, resourceSyncOptions(c.live), 'Prune'))) return 'only resources with Prune=false are OutOfSync';
  return undefined;
}

/** The sync status of the whole app: OutOfSync when any resource differs or needs pruning. */
export function overallSync(compared: ComparedResource[]): 'Synced' | 'OutOfSync' {
  return compared.some((c) => c.status === 'OutOfSync' || c.requiresPruning) ? 'OutOfSync' : 'Synced';
}

/** The app's health: the worst of its resources' (resources awaiting pruning do not count), Healthy when none has one. */
export function overallHealth(compared: ComparedResource[]): Health {
  const healths = compared.filter((c) => !c.requiresPruning && c.health).map((c) => c.health as Health);
  return healths.length === 0 ? { status: 'Healthy' } : worstHealth(healths);
}

/** `status.resources`, sorted as Argo CD lists them (group, kind, namespace, name). */
export function resourceStatuses(compared: ComparedResource[]): ResourceStatus[] {
  return compared
    .map((c) => ({
      group: c.group,
      version: c.version,
      kind: c.kind,
      namespace: c.namespace,
      name: c.name,
      status: c.status,
      ...(c.health ? { health: c.health } : {}),
      ...(c.requiresPruning ? { requiresPruning: true } : {}),
      ...(c.target ? { syncWave: waveOf(c.target) } : {}),
    }))
    .sort((a, b) => `${a.group}/${a.kind}/${a.namespace}/${a.name}`.localeCompare(`${b.group}/${b.kind}/${b.namespace}/${b.name}`));
}

/** What automated sync decided: start an operation, do nothing, or refuse with a reason shown as a condition. */
export type AutoSyncDecision = { start: Operation } | { skip: string } | { refuse: string };

/**
 * Decides automated sync as Argo CD does: only when OutOfSync and enabled; once per revision (a
 * failed sync of the same revision is not retried here; `retry` handles that inside the operation),
 * again for the same revision only with selfHeal; never wiping every resource unless allowEmpty.
 */
export function decideAutoSync(app: Application, compared: ComparedResource[], rendered: { revisions: string[]; multi: boolean }): AutoSyncDecision {
  const automated = app.spec.syncPolicy?.automated;
  if (!automated || automated.enabled === false) return { skip: 'automated sync is off' };
  if (overallSync(compared) === 'Synced') return { skip: 'in sync' };
  const last = app.status?.operationState;
  if (last?.phase === 'Running') return { skip: 'an operation is running' };
  const target = syncTarget(rendered);
  const sameRevision = revisionKey(last?.syncResult) === revisionKey(target);
  if (sameRevision && last?.phase !== 'Succeeded') return { skip: `the last sync of ${revisionKey(target).slice(0, 7)} failed; not retrying automatically` };
  if (sameRevision && !automated.selfHeal) return { skip: 'already synced this revision and selfHeal is off' };
  const pruneOnly = onlySkippedPrunes(app, compared, sameRevision);
  if (pruneOnly) return { skip: pruneOnly };
  const prune = automated.prune ?? false;
  if (wouldWipeOut(automated, compared)) {
    return { refuse: 'auto-sync will wipe out all resources: the source renders nothing; set syncPolicy.automated.allowEmpty to allow it' };
  }
  return {
    start: {
      sync: { ...target, prune, syncOptions: app.spec.syncPolicy?.syncOptions ?? [] },
      initiatedBy: { automated: true },
      ...(app.spec.syncPolicy?.retry ? { retry: app.spec.syncPolicy.retry } : {}),
    },
  };
}

/** An automated prune of every resource because the source renders none: refused unless allowEmpty. */
function wouldWipeOut(automated: NonNullable<NonNullable<Application['spec']['syncPolicy']>['automated']>, compared: ComparedResource[]): boolean {
  const wanted = compared.filter((c) => c.target).length;
  return wanted === 0 && (automated.prune ?? false) && !automated.allowEmpty && compared.some((c) => c.requiresPruning);
}

function syncTarget(rendered: { revisions: string[]; multi: boolean }): { revision: string } | { revisions: string[] } {
  return rendered.multi ? { revisions: rendered.revisions } : { revision: rendered.revisions[0] ?? '' };
}

/** Parses Argo CD's retry durations ("5s", "3m", "1h", "250ms") into milliseconds. */
export function parseDuration(text: string | undefined, fallbackMs: number): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec((text ?? '').trim());
  if (!match) return fallbackMs;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}

/** The delay before retry number `attempt` (1-based): duration * factor^(attempt-1), capped by maxDuration. */
export function retryDelayMs(retry: Operation['retry'], attempt: number): number {
  const base = parseDuration(retry?.backoff?.duration, 5000);
  const factor = retry?.backoff?.factor ?? 2;
  const max = parseDuration(retry?.backoff?.maxDuration, 180_000);
  return Math.min(max, base * factor ** Math.max(0, attempt - 1));
}
