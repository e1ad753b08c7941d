import { InputError } from '../../core/index.js';
import type { Application, HistoryEntry, Operation } from './types.js';

/** Whether automated sync is on (`automated` present and not `enabled: false`). */
export function isAutomated(app: Application): boolean {
  const automated = app.spec.syncPolicy?.automated;
  return automated !== undefined && automated !== null && automated.enabled !== false;
}

/** A sync that names its own source or sources: what a rollback to a history entry requests. */
export function isRollback(operation: Operation | undefined): boolean {
  return Boolean(operation?.sync?.source || operation?.sync?.sources?.length);
}

/**
 * Why a requested operation may not run, or undefined: as Argo CD refuses it, a rollback while
 * automated sync is on (the next automated sync would undo it at once).
 */
export function rollbackRefusal(app: Application): string | undefined {
  if (isRollback(app.operation) && isAutomated(app)) return 'rollback cannot be initiated when auto-sync is enabled: turn off spec.syncPolicy.automated first';
  return undefined;
}

/**
 * The operation that rolls an app back to history entry `id`, as `argocd app rollback` builds it:
 * a sync of the entry's revision(s) from the entry's source(s). InputError when automated sync is
 * on, another operation runs, or no entry has that id.
 */
export function rollbackOperation(app: Application, id: number, o: { prune?: boolean; username?: string } = {}): Operation {
  const entry = rollbackEntry(app, id);
  const multi = Boolean(entry.sources?.length);
  const sync = multi ? { revisions: entry.revisions ?? [], sources: entry.sources } : { revision: entry.revision ?? '', source: entry.source };
  return { sync: { ...sync, prune: o.prune ?? false }, initiatedBy: { username: o.username ?? 'gantry' } };
}

function isOperationRunning(app: Application): boolean {
  return app.operation !== undefined || app.status?.operationState?.phase === 'Running';
}

function rollbackEntry(app: Application, id: number): HistoryEntry {
  const name = app.metadata.name;
  if (isAutomated(app)) throw new InputError(`rollback cannot be initiated when auto-sync is enabled: turn off spec.syncPolicy.automated of ${name} first`);
  if (isOperationRunning(app)) throw new InputError(`another operation is already in progress on ${name}: wait for it to finish`);
  const history = app.status?.history ?? [];
  const entry = history.find((h) => h.id === id);
  if (!entry) {
    const ids = history.map((h) => h.id).join(', ');
    throw new InputError(`application ${name} does not have deployment with id ${id}${ids ? ` (history ids: ${ids})` : ' (its history is empty)'}`);
  }
  if (!entry.sources?.length && !entry.source) throw new InputError(`history entry ${id} of ${name} does not record its source, so it cannot be rolled back to`);
  return entry;
}
