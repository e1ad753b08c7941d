import { groupOf } from '../../core/index.js';
import type { KubeObject } from '../kube-object.js';
import { resourceSyncOptions, syncOptionValue } from './sync-options.js';

/**
 * Argo CD's approval annotation on an Application (`argocd app confirm-deletion`): an RFC 3339
 * time. It confirms the prunes (`Prune=confirm`) of an operation started at or before it, and the
 * deletions (`Delete=confirm`) of an Application deleted at or before it.
 */
export const DELETION_APPROVED_ANNOTATION = 'argocd.argoproj.io/deletion-approved';

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;

/** Whether the approval annotation holds a time at or after `since` (an operation's start, an app's deletion): an earlier or unparsable one approves nothing. */
export function isDeletionApproved(annotations: Record<string, string> | undefined, since: string | undefined): boolean {
  const value = annotations?.[DELETION_APPROVED_ANNOTATION] ?? '';
  // RFC 3339 only, as Argo CD parses it: a bare date or another format approves nothing.
  if (!RFC3339.test(value)) return false;
  const approved = Date.parse(value);
  const from = Date.parse(since ?? '');
  return Number.isFinite(approved) && Number.isFinite(from) && approved >= from;
}

/** What a sync does with one live resource the app no longer renders. */
export type PruneDecision = { action: 'delete' } | { action: 'skip'; message: string } | { action: 'confirm' };

/** What deciding a prune needs: whether the sync prunes, the app's sync options, and whether pruning was confirmed. */
export interface PruneContext {
  prune: boolean;
  appOptions: readonly string[] | undefined;
  confirmed: boolean;
}

/** The `Prune=` option of one resource: its own annotation's value, else the app's, lower-cased. */
function pruneOption(live: KubeObject | undefined, appOptions: readonly string[] | undefined): string {
  return (syncOptionValue(resourceSyncOptions(live), 'Prune') ?? syncOptionValue(appOptions, 'Prune') ?? '').toLowerCase();
}

/**
 * Decides a prune as gitops-engine does, with Argo CD's messages: a sync without prune skips it
 * ("ignored (requires pruning)"), `Prune=false` skips it ("ignored (no prune)"), `Prune=confirm`
 * waits for the Application's approval, else the object is deleted. A `Prune=true` annotation
 * never turns pruning on for a sync that does not prune: gantry deletes only when asked to.
 */
export function decidePrune(live: KubeObject | undefined, ctx: PruneContext): PruneDecision {
  if (!ctx.prune) return { action: 'skip', message: 'ignored (requires pruning)' };
  const option = pruneOption(live, ctx.appOptions);
  if (option === 'false') return { action: 'skip', message: 'ignored (no prune)' };
  if (option === 'confirm' && !ctx.confirmed) return { action: 'confirm' };
  return { action: 'delete' };
}

/** `group/Kind/name`, as Argo CD names a resource in its waiting messages. */
export function resourceLabel(obj: KubeObject): string {
  return `${groupOf(obj.apiVersion ?? '')}/${obj.kind ?? ''}/${obj.metadata?.name ?? ''}`;
}

function firstAndMore(what: string, objects: readonly KubeObject[]): string {
  const more = objects.length - 1;
  return `${what} ${resourceLabel(objects[0] as KubeObject)}${more > 0 ? ` and ${more} more resources` : ''}`;
}

/**
 * The operation message while prunes of this wave wait for approval ("waiting for pruning
 * confirmation of /Namespace/team and 1 more resources"), or undefined when none waits. As in
 * gitops-engine, nothing of the wave runs until every prune in it may go.
 */
export function pruneConfirmationWait(prunes: readonly KubeObject[], ctx: PruneContext): string | undefined {
  const waiting = prunes.filter((live) => decidePrune(live, ctx).action === 'confirm');
  return waiting.length > 0 ? firstAndMore('waiting for pruning confirmation of', waiting) : undefined;
}

/** Whether deleting this resource with its Application needs approval: `Delete=confirm` on it, else in the app's sync options. */
export function requiresDeletionConfirmation(live: KubeObject, appOptions: readonly string[] | undefined): boolean {
  const own = syncOptionValue(resourceSyncOptions(live), 'Delete');
  return (own ?? syncOptionValue(appOptions, 'Delete') ?? '').toLowerCase() === 'confirm';
}

/** The message an Application shows while its deletion waits for approval, saying how to give it. */
export function deletionConfirmationWait(objects: readonly KubeObject[], appName: string): string {
  const what = firstAndMore('waiting for deletion confirmation of', objects);
  return `${what}: approve with gantry app confirm-deletion ${appName} (annotation ${DELETION_APPROVED_ANNOTATION})`;
}
