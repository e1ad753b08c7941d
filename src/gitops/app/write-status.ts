import type { Clock } from '../../core/index.js';
import type { Cluster } from '../../kube/index.js';
import { storedEqual } from '../diff/json-value.js';
import type { RefreshOutcome } from './refresh.js';
import type { Application, ApplicationStatus } from './types.js';
import { statusTime } from './status-time.js';

const RECONCILED_EVERY_MS = 180_000;

/** Argo CD's refresh request: `normal` re-reads the source, `hard` also drops cached renders and comparisons. */
export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';

/**
 * The status without the fields that change on their own. Compared structurally as the apiserver
 * would store it (see storedEqual): the apiserver returns object keys sorted, so a string
 * comparison would see every status as changed and patch it on every reconcile.
 */
function comparable(status: ApplicationStatus | undefined): unknown {
  const copy: Record<string, unknown> = { ...(status ?? {}) };
  delete copy.reconciledAt;
  copy.conditions = (status?.conditions ?? []).map((c) => ({ type: c.type, message: c.message }));
  return copy;
}

/**
 * Writes the new status (and consumes the `operation` request) only when something changed, or
 * when reconciledAt is due, so the controller's own writes do not feed a loop of refreshes.
 * Condition transition times are kept while a condition stays the same. Resolves with the
 * resourceVersion the Application has now (the one it was read at when nothing was written), or
 * undefined when the write lost a race and the version is not known.
 */
export async function writeStatus(
  hub: Cluster,
  app: Application,
  outcome: RefreshOutcome,
  o: { clock: Clock; refreshed?: boolean },
): Promise<string | undefined> {
  const { clock } = o;
  const status = keepTransitionTimes(app.status, outcome.status);
  const last = Date.parse(app.status?.reconciledAt ?? '') || 0;
  // A requested refresh always records its reconciledAt and consumes the refresh annotation.
  const due = o.refreshed === true || clock.now() - last >= RECONCILED_EVERY_MS;
  if (!outcome.clearOperation && !due && storedEqual(comparable(app.status), comparable(status))) return app.metadata.resourceVersion;
  const reconciledAt = due || !app.status?.reconciledAt ? statusTime(clock) : app.status.reconciledAt;
  const ops: unknown[] = statusPatchOps(app.status, { ...status, reconciledAt });
  if (outcome.clearOperation && app.operation) ops.push({ op: 'remove', path: '/operation' });
  if (o.refreshed && app.metadata.annotations?.[REFRESH_ANNOTATION] !== undefined) {
    ops.push({ op: 'remove', path: `/metadata/annotations/${REFRESH_ANNOTATION.replace('/', '~1')}` });
  }
  ops.unshift({ op: 'test', path: '/metadata/resourceVersion', value: app.metadata.resourceVersion });
  return patchApplication(hub, app, ops);
}

/**
 * JSON-patch operations turning the stored status `old` into `next`, one per top-level status
 * field that changed (the `test` of the resourceVersion that precedes them guarantees `old` is what
 * is stored): a sync that moves the revision rewrites sync, operationState and history, not the
 * unchanged resource list, so the apiserver decodes and stores less.
 */
export function statusPatchOps(old: ApplicationStatus | undefined, next: ApplicationStatus): unknown[] {
  if (!old || typeof old !== 'object' || Array.isArray(old)) return [{ op: 'add', path: '/status', value: next }];
  const before = old as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const ops: unknown[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const path = `/status/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (after[key] === undefined) {
      if (Object.prototype.hasOwnProperty.call(before, key)) ops.push({ op: 'remove', path });
    } else if (!storedEqual(before[key], after[key])) ops.push({ op: 'add', path, value: after[key] });
  }
  return ops;
}

/** Applies a JSON patch to the Application and resolves with its new resourceVersion, or undefined when it changed or went since it was read. */
async function patchApplication(hub: Cluster, app: Application, ops: unknown[]): Promise<string | undefined> {
  try {
    const written = await hub.api.patch({ apiVersion: app.apiVersion, kind: app.kind, namespace: app.metadata.namespace, name: app.metadata.name }, ops, { type: 'json' });
    return written.metadata.resourceVersion;
  } catch (error) {
    // The Application changed (or went) since it was read: its watch event brings the newer state back.
    const name = (error as Error).name;
    if (name === 'InputError' || name === 'ConflictError' || name === 'NotFoundError') return undefined;
    throw error;
  }
}

function keepTransitionTimes(old: ApplicationStatus | undefined, next: ApplicationStatus): ApplicationStatus {
  const before = new Map((old?.conditions ?? []).map((c) => [`${c.type}|${c.message}`, c.lastTransitionTime]));
  return { ...next, conditions: (next.conditions ?? []).map((c) => ({ ...c, lastTransitionTime: before.get(`${c.type}|${c.message}`) ?? c.lastTransitionTime })) };
}
