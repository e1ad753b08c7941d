/**
 * Writes a whole status on an object, only when it changes: a merge patch that sets every new
 * field and removes every field the new status no longer has (kro starts each status afresh, so a
 * projected field whose data disappeared disappears too).
 */
import type { KubeApi, KubeObject } from '../kube/index.js';
import { comparableStatus } from './rgd/rgd-status.js';

/** The merge patch that turns `before` into `after` at the top level of status. */
export function statusPatch(before: Record<string, unknown> | undefined, after: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = { ...after };
  for (const key of Object.keys(before ?? {})) if (!(key in after)) patch[key] = null;
  return patch;
}

/** Writes `status` on `obj` unless it equals what is there (transition times aside); returns the new resourceVersion when written. */
export async function writeObjectStatus(api: KubeApi, obj: KubeObject, status: Record<string, unknown>, o: { subresource: boolean }): Promise<string | undefined> {
  const before = obj.status as Record<string, unknown> | undefined;
  if (before && comparableStatus(before) === comparableStatus(status)) return undefined;
  const target = { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' };
  const written = await api.patch(target, { status: statusPatch(before, status) }, { type: 'merge', ...(o.subresource ? { subresource: 'status' as const } : {}) });
  return written.metadata.resourceVersion;
}
