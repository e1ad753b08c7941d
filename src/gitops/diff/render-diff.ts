import type { DiffChange } from './compare-values.js';
import type { DiffResult, ResourceDiff } from './diff-objects.js';

const INLINE_LIMIT = 80;

/**
 * Renders a diff as unified-style text, one path per line: `- path: live` then `+ path: desired`.
 * Values are JSON (so "3" and 3 differ visibly); long objects continue on indented lines. The
 * result is built only from DiffResult, whose Secret values are already masked. Empty when in sync.
 */
export function renderDiff(result: DiffResult): string {
  return result.changes.flatMap(renderChange).join('\n');
}

function renderChange(change: DiffChange): string[] {
  const lines: string[] = [];
  if (change.op !== 'add') lines.push(...renderSide('-', change.path, change.live));
  if (change.op !== 'remove') lines.push(...renderSide('+', change.path, change.desired));
  return lines;
}

function renderSide(sign: '-' | '+', path: string, value: unknown): string[] {
  const label = path === '' ? '(object)' : path;
  const inline = JSON.stringify(value) ?? 'null';
  if (inline.length <= INLINE_LIMIT) return [`${sign} ${label}: ${inline}`];
  const body = JSON.stringify(value, undefined, 2).split('\n');
  return [`${sign} ${label}:`, ...body.map((line) => `${sign}   ${line}`)];
}

/**
 * Renders many resources' diffs for `gantry app diff` and `gantry plan`: a header per modified
 * resource (`===== apps/Deployment default/web =====`) followed by its changes; in-sync ones are left out.
 */
export function renderResourceDiffs(diffs: readonly ResourceDiff[]): string {
  return diffs
    .filter((diff) => diff.result.modified)
    .map((diff) => `${resourceHeader(diff)}\n${renderDiff(diff.result)}`)
    .join('\n\n');
}

function resourceHeader(diff: ResourceDiff): string {
  const groupKind = diff.group === '' ? diff.kind : `${diff.group}/${diff.kind}`;
  const name = diff.namespace === '' ? diff.name : `${diff.namespace}/${diff.name}`;
  return `===== ${groupKind} ${name} =====`;
}
