/**
 * What `gantry appset preview` shows, decided purely: for each Application an ApplicationSet
 * would generate, whether it would be created, changed (field by field), left alone or refused,
 * and which of today's would be deleted, under the ApplicationSet's own sync policy.
 */
import type { KubeObject } from '../../kube/index.js';
import { goJson } from '../generators/merge-keys.js';
import type { ApplicationSet } from '../types.js';
import { planApplications } from './plan.js';
import type { GeneratedApp } from './render-apps.js';

/** One line of a preview. */
export interface PreviewEntry {
  readonly name: string;
  readonly action: 'create' | 'update' | 'unchanged' | 'delete' | 'keep' | 'conflict' | 'invalid';
  /** For updates: `path: before -> after`, one per changed field. */
  readonly changes: string[];
  readonly detail?: string;
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else out.set(prefix, goJson(value ?? null));
  return out;
}

/** Field-level differences between two objects, as `path: before -> after`. */
export function fieldChanges(before: unknown, after: unknown): string[] {
  const a = flatten(before, '', new Map());
  const b = flatten(after, '', new Map());
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => `${k}: ${a.get(k) ?? '(none)'} -> ${b.get(k) ?? '(none)'}`);
}

const shape = (o: { metadata: { labels?: unknown; annotations?: unknown; finalizers?: unknown }; spec?: unknown }): unknown => ({
  metadata: { labels: o.metadata.labels ?? {}, annotations: o.metadata.annotations ?? {}, finalizers: o.metadata.finalizers ?? [] },
  spec: o.spec ?? {},
});

/** The preview of `desired` against the namespace's Applications today. */
export function previewApplications(appset: ApplicationSet, desired: readonly GeneratedApp[], existing: readonly KubeObject[], invalid: ReadonlyMap<string, string> = new Map()): PreviewEntry[] {
  const plan = planApplications(appset, desired, existing, new Set(invalid.keys()));
  const byName = new Map(existing.map((e) => [e.metadata.name ?? '', e]));
  const created = new Set(plan.create.map((a) => a.metadata.name));
  const updated = new Map(plan.update.map((u) => [u.name, u]));
  const conflicts = new Map(plan.conflicts.map((c) => [c.name, c.owner]));
  const entries: PreviewEntry[] = desired.map((app) => {
    const name = app.metadata.name;
    if (invalid.has(name)) return { name, action: 'invalid', changes: [], detail: invalid.get(name) };
    if (conflicts.has(name)) return { name, action: 'conflict', changes: [], detail: `owned by ApplicationSet ${conflicts.get(name) ?? ''}` };
    if (created.has(name)) return { name, action: 'create', changes: [] };
    const current = byName.get(name) as KubeObject;
    const update = updated.get(name);
    if (update) return { name, action: 'update', changes: fieldChanges(shape(current as never), shape({ metadata: update, spec: update.spec })) };
    const differs = fieldChanges(shape(current as never), shape(app)).length > 0;
    return differs ? { name, action: 'keep', changes: [], detail: 'differs, but the sync policy does not update' } : { name, action: 'unchanged', changes: [] };
  });
  const wanted = new Set(desired.map((a) => a.metadata.name));
  const doomed = new Set(plan.delete.map((a) => a.metadata.name ?? ''));
  for (const app of existing) {
    const name = app.metadata.name ?? '';
    if (doomed.has(name)) entries.push({ name, action: 'delete', changes: [] });
    else if (!wanted.has(name) && app.metadata.ownerReferences?.some((r) => r.kind === 'ApplicationSet' && r.name === appset.metadata.name)) entries.push({ name, action: 'keep', changes: [], detail: 'no longer generated, but the sync policy does not delete' });
  }
  return entries;
}
