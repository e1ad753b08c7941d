import { renderDiff } from '../diff/render-diff.js';
import type { AppPlan, ResourcePlan } from './plan-types.js';

const SIGNS: Record<ResourcePlan['action'], string> = { create: '+', update: '~', prune: '-', shared: '!', error: '!' };

function resourceName(r: ResourcePlan): string {
  const kind = r.group ? `${r.group}/${r.kind}` : r.kind;
  return `${kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

function resourceLines(r: ResourcePlan, autoPrune: boolean): string[] {
  const head = `  ${SIGNS[r.action]} ${resourceName(r)}`;
  if (r.action === 'prune') return [`${head}  (pruned${autoPrune ? '' : ' only by a sync with prune: automated prune is off'})`];
  if (r.action === 'shared') return [`${head}  (tracked by application ${r.sharedWith}: left to it, not applied)`];
  if (r.action === 'error') return [`${head}  (cannot predict: ${r.message ?? ''})`];
  if (r.action === 'create' || !r.diff) return [head];
  return [head, ...renderDiff(r.diff).split('\n').map((line) => `      ${line}`)];
}

/** A one-line count of what a plan does to an app: `1 to create, 2 to change, 1 to prune`. */
export function summarizeAppPlan(plan: AppPlan): string {
  const count = (action: ResourcePlan['action']): number => plan.resources.filter((r) => r.action === action).length;
  const parts = [`${count('create')} to create`, `${count('update')} to change`, `${count('prune')} to prune`];
  if (count('shared')) parts.push(`${count('shared')} shared with other apps`);
  if (count('error')) parts.push(`${count('error')} not predictable`);
  return parts.join(', ');
}

/**
 * The text `gantry plan` prints: per Application and destination, what the revision would
 * create (+), change (~, with the diff, Secret values masked) and prune (-), and a total.
 */
export function formatPlan(plans: readonly AppPlan[], o: { repo: string; revision: string }): string {
  if (plans.length === 0) return `No Application uses ${o.repo}: nothing to plan.\n`;
  const blocks = plans.map((p) => {
    const where = `cluster ${p.cluster || '?'}${p.namespace ? `, namespace ${p.namespace}` : ''}`;
    const head = `Application ${p.app} (${where})`;
    if (p.error) return `${head}\n  cannot plan: ${p.error}`;
    const at = `${p.currentRevision ? `${p.currentRevision.slice(0, 7)} -> ` : ''}${p.revision.slice(0, 7)}`;
    const hooks = p.hooks ? `; ${p.hooks} hook${p.hooks === 1 ? '' : 's'} would run` : '';
    if (p.resources.length === 0) return `${head} at ${at}: no changes${hooks}`;
    return [`${head} at ${at}: ${summarizeAppPlan(p)}${hooks}`, ...p.resources.flatMap((r) => resourceLines(r, p.autoPrune))].join('\n');
  });
  const changed = plans.filter((p) => !p.error && p.resources.length > 0).length;
  const failed = plans.filter((p) => p.error).length;
  const total = `Plan of ${o.repo} at ${o.revision}: ${plans.length} application${plans.length === 1 ? '' : 's'}, ${changed} would change${failed ? `, ${failed} could not be planned` : ''}. Nothing was applied.`;
  return `${blocks.join('\n\n')}\n\n${total}\n`;
}
