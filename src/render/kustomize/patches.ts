/**
 * The three patch fields: patchesStrategicMerge (patches find their target by their own id),
 * patches (strategic merge or JSON 6902, optionally with a target selector) and patchesJson6902.
 */
import { InputError, messageOf } from '../../core/index.js';
import type { Loader } from './file-system.js';
import type { SchemaChoice } from './openapi-schema.js';
import { applyJsonPatch, toJsonPatch } from './json-patch.js';
import { isObject, type JsonObject, type JsonValue } from './json-value.js';
import { findByAnyId } from './res-map.js';
import { formatResId, parseApiVersion, Resource, type ResId } from './resource.js';
import { selectResources, toSelector } from './selector.js';
import { strategicMerge } from './strategic-merge.js';

/** Where a patch lives (an inline patch or a file) and what it says. */
interface PatchSource {
  where: string;
  docs: JsonValue[];
}

function readPatch(loader: Loader, text: string, where: string, inline: boolean, field?: string): PatchSource {
  const content = inline ? text : loader.loadAs(text, field ?? `${where}.path`).toString('utf8');
  const docs = loader.parseYaml(content, where);
  if (docs.length === 0) throw new InputError(`${where}: patch appears to be empty`);
  return { where, docs };
}

function looksInline(text: string): boolean {
  return text.includes('\n') || /^\s*[[{]/.test(text);
}

function patchId(patch: JsonObject): ResId {
  const { group, version } = parseApiVersion(typeof patch['apiVersion'] === 'string' ? patch['apiVersion'] : '');
  const meta = isObject(patch['metadata']) ? patch['metadata'] : {};
  const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');
  return { group, version, kind: str(patch['kind']), name: str(meta['name']), namespace: str(meta['namespace']) };
}

function uniqueTarget(resources: readonly Resource[], id: ResId): Resource {
  const matches = findByAnyId(resources, id);
  const text = formatResId(id);
  if (matches.length === 0) throw new InputError(`no matches for Id ${text}; failed to find unique target for patch ${text}`);
  if (matches.length > 1) throw new InputError(`multiple matches for Id ${text}; failed to find unique target for patch ${text}`);
  return matches[0] as Resource;
}

interface ChangeOptions {
  allowNameChange: boolean;
  allowKindChange: boolean;
  /** The build's schema: a kind it does not describe has its lists replaced, not merged by key. */
  schema: SchemaChoice;
}

/**
 * Applies a strategic merge patch to one resource as kustomize does: the name and kind stay
 * unless the patch options allow changing them, the namespace always stays, and `$patch: delete`
 * removes the resource from the list.
 */
function mergeInto(resources: Resource[], target: Resource, patch: JsonObject, options: ChangeOptions): void {
  const { name, namespace, kind } = target.id();
  const apiVersion = target.obj['apiVersion'] ?? null;
  if (options.allowNameChange || options.allowKindChange) target.storePreviousId();
  const merged = strategicMerge(target.obj, patch, options.schema.knows(target.id().group, target.kind()));
  if (merged === undefined) {
    resources.splice(resources.indexOf(target), 1);
    return;
  }
  target.obj = merged;
  if (!options.allowKindChange) [target.obj['kind'], target.obj['apiVersion']] = [kind, apiVersion];
  if (!options.allowNameChange) target.setName(name);
  if (namespace !== '') target.setNamespace(namespace);
  else if (isObject(merged['metadata'])) delete merged['metadata']['namespace'];
}

/** Applies patchesStrategicMerge entries (file paths or inline YAML). */
export function applyPatchesStrategicMerge(resources: Resource[], entries: readonly string[], loader: Loader, file: string): void {
  entries.forEach((entry, i) => {
    const inline = looksInline(entry);
    const where = `${file}: patchesStrategicMerge[${i}]`;
    const source = readPatch(loader, entry, inline ? where : `${where} (${entry})`, inline, where);
    for (const doc of source.docs) {
      if (!isObject(doc)) throw new InputError(`${source.where}: a strategic merge patch must be a mapping`);
      mergeInto(resources, uniqueTarget(resources, patchId(doc)), doc, { allowNameChange: false, allowKindChange: false, schema: loader.schema });
    }
  });
}

function applyJsonOps(target: Resource, ops: ReturnType<typeof toJsonPatch>, where: string): void {
  try {
    const before = target.id();
    const patched = applyJsonPatch(target.obj, ops);
    const probe = new Resource(patched);
    if (probe.name() !== before.name || probe.kind() !== before.kind) target.storePreviousId();
    target.obj = patched;
  } catch (error) {
    throw new InputError(`${where}: applying JSON patch to ${formatResId(target.id())}: ${messageOf(error)}`, { cause: error });
  }
}

function patchOptions(entry: JsonObject, schema: SchemaChoice): ChangeOptions {
  const o = isObject(entry['options']) ? entry['options'] : {};
  return { allowNameChange: o['allowNameChange'] === true, allowKindChange: o['allowKindChange'] === true, schema };
}

/** Applies one `patches` entry. */
function applyPatchEntry(resources: Resource[], entry: JsonObject, loader: Loader, where: string): void {
  const text = typeof entry['patch'] === 'string' ? entry['patch'] : typeof entry['path'] === 'string' ? entry['path'] : undefined;
  if (text === undefined) throw new InputError(`${where}: a patch needs 'path' or 'patch'`);
  const inline = typeof entry['patch'] === 'string';
  const content = inline ? text : loader.loadAs(text, `${where}.path`).toString('utf8');
  const source: PatchSource = { where, docs: loader.parseYaml(content, where) };
  if (source.docs.length === 0) return;
  const first = source.docs[0] as JsonValue;
  const targets = entry['target'] === undefined || entry['target'] === null ? undefined : selectResources(resources, toSelector(entry['target'], `${where}.target`));
  if (Array.isArray(first)) {
    if (!targets) throw new InputError(`${where}: a JSON 6902 patch needs a target`);
    const ops = toJsonPatch(first, where);
    for (const t of targets) applyJsonOps(t, ops, where);
    return;
  }
  const changes = patchOptions(entry, loader.schema);
  for (const doc of source.docs) {
    if (!isObject(doc)) throw new InputError(`${where}: a strategic merge patch must be a mapping`);
    const chosen = targets ?? [uniqueTarget(resources, patchId(doc))];
    for (const t of [...chosen]) mergeInto(resources, t, doc, changes);
  }
}

/** Applies `patches` entries; `where` names the first (`file: patches[i]`), later ones count on from it. */
export function applyPatches(resources: Resource[], entries: readonly JsonObject[], loader: Loader, where: string): void {
  entries.forEach((entry, i) => applyPatchEntry(resources, entry, loader, i === 0 ? where : `${where}+${i}`));
}

/** Applies patchesJson6902 entries ({ target, path | patch }). */
export function applyPatchesJson6902(resources: Resource[], entries: readonly JsonObject[], loader: Loader, first: string): void {
  entries.forEach((entry, i) => {
    const where = i === 0 ? first : `${first}+${i}`;
    const text = typeof entry['patch'] === 'string' ? entry['patch'] : typeof entry['path'] === 'string' ? entry['path'] : undefined;
    if (text === undefined) throw new InputError(`${where}: needs 'path' or 'patch'`);
    const source = readPatch(loader, text, where, typeof entry['patch'] === 'string');
    const ops = toJsonPatch(source.docs[0] as JsonValue, where);
    for (const t of selectResources(resources, toSelector(entry['target'], `${where}.target`))) applyJsonOps(t, ops, where);
  });
}
