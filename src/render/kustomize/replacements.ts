/**
 * Replacements: copy a value from one field of one resource (the source) into fields of the
 * resources a target selects, optionally one delimited part of a string.
 */
import { InputError } from '../../core/index.js';
import type { Loader } from './file-system.js';
import { isObject, type JsonObject, type JsonValue } from './json-value.js';
import type { Resource } from './resource.js';
import { selectResourcesByAnyId as selectResources, toSelector } from './selector.js';

/** Splits a replacement field path (`spec.containers.[name=app].image`) into steps. */
export function splitDottedPath(path: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (const c of path) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === '.' && depth === 0) {
      out.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  out.push(current);
  return out.filter((s) => s !== '');
}

type Holder = { container: JsonObject | JsonValue[]; key: string | number };

function matchElement(list: JsonValue[], step: string): number[] {
  const m = /^\[(.*?)=(.*)\]$/.exec(step);
  if (step === '*') return list.map((_, i) => i);
  if (/^[0-9]+$/.test(step)) return Number(step) < list.length ? [Number(step)] : [];
  if (!m) return [];
  const [, key = '', value = ''] = m;
  return list.flatMap((item, i) => {
    const v = key === '' ? item : isObject(item) ? item[key] : undefined;
    return v !== undefined && String(v) === value ? [i] : [];
  });
}

function createFor(container: JsonObject, step: string, next: string | undefined): JsonValue {
  const created: JsonValue = next !== undefined && next.startsWith('[') ? [] : {};
  container[step] = created;
  return created;
}

function findHolders(node: JsonValue, steps: string[], create: boolean): Holder[] {
  const [step, ...rest] = steps;
  if (step === undefined) return [];
  if (Array.isArray(node)) {
    const indexes = matchElement(node, step);
    if (indexes.length === 0 && create && /^\[.+=.*\]$/.test(step)) {
      const [, key = '', value = ''] = /^\[(.*?)=(.*)\]$/.exec(step) ?? [];
      node.push({ [key]: value });
      indexes.push(node.length - 1);
    }
    if (rest.length === 0) return indexes.map((i) => ({ container: node, key: i }));
    return indexes.flatMap((i) => findHolders(node[i] as JsonValue, rest, create));
  }
  if (!isObject(node)) return [];
  if (rest.length === 0) return step in node || create ? [{ container: node, key: step }] : [];
  let next = node[step];
  if (next === undefined || next === null) {
    if (!create) return [];
    next = createFor(node, step, rest[0]);
  }
  return findHolders(next, rest, create);
}

interface Options {
  delimiter?: string;
  index: number;
  create: boolean;
}

function readOptions(value: JsonValue | undefined): Options {
  const o = isObject(value) ? value : {};
  const out: Options = { index: typeof o['index'] === 'number' ? o['index'] : 0, create: o['create'] === true };
  if (typeof o['delimiter'] === 'string') out.delimiter = o['delimiter'];
  return out;
}

function sourceValue(resources: readonly Resource[], source: JsonObject, where: string): JsonValue {
  const selector = toSelector(source, `${where}.source`);
  const matches = selectResources(resources, selector);
  if (matches.length === 0) throw new InputError(`${where}: nothing selected by ${JSON.stringify(source)}`);
  if (matches.length > 1) throw new InputError(`${where}: multiple matches for selector ${JSON.stringify(source)}`);
  const path = typeof source['fieldPath'] === 'string' ? source['fieldPath'] : 'metadata.name';
  const holder = findHolders((matches[0] as Resource).obj, splitDottedPath(path), false)[0];
  const value = holder ? (holder.container as Record<string | number, JsonValue>)[holder.key] : undefined;
  if (value === undefined) throw new InputError(`${where}: fieldPath \`${path}\` is missing for replacement source ${JSON.stringify(source)}`);
  const opts = readOptions(source['options']);
  if (opts.delimiter === undefined) return value;
  const parts = String(value).split(opts.delimiter);
  return parts[opts.index] ?? '';
}

function setValue(holder: Holder, value: JsonValue, opts: Options): void {
  const container = holder.container as Record<string | number, JsonValue>;
  if (opts.delimiter === undefined) {
    container[holder.key] = structuredClone(value);
    return;
  }
  const parts = String(container[holder.key] ?? '').split(opts.delimiter);
  if (opts.index >= parts.length) parts.push(String(value));
  else if (opts.index < 0) parts.unshift(String(value));
  else parts[opts.index] = String(value);
  container[holder.key] = parts.join(opts.delimiter);
}

function selectTargets(resources: readonly Resource[], target: JsonObject, where: string): Resource[] {
  const selected = selectResources(resources, toSelector(target['select'] ?? {}, `${where}.select`));
  const rejects = Array.isArray(target['reject']) ? target['reject'] : [];
  const rejected = new Set(rejects.flatMap((r) => selectResources(resources, toSelector(r, `${where}.reject`))));
  return selected.filter((r) => !rejected.has(r));
}

function applyOne(resources: readonly Resource[], replacement: JsonObject, where: string): void {
  if (!isObject(replacement['source'])) throw new InputError(`${where}: a replacement needs a source`);
  const value = sourceValue(resources, replacement['source'], where);
  const targets = Array.isArray(replacement['targets']) ? replacement['targets'].filter(isObject) : [];
  targets.forEach((target, t) => {
    const opts = readOptions(target['options']);
    const paths = Array.isArray(target['fieldPaths']) ? target['fieldPaths'].map(String) : [];
    for (const resource of selectTargets(resources, target, `${where}.targets[${t}]`)) {
      for (const path of paths) for (const holder of findHolders(resource.obj, splitDottedPath(path), opts.create)) setValue(holder, value, opts);
    }
  });
}

/** Applies the `replacements` field (inline entries or `path:` files holding them). */
export function applyReplacements(resources: readonly Resource[], entries: readonly JsonObject[], loader: Loader, file: string): void {
  entries.forEach((entry, i) => {
    const where = `${file}: replacements[${i}]`;
    if (typeof entry['path'] !== 'string') {
      applyOne(resources, entry, where);
      return;
    }
    const docs = loader.parseYaml(loader.loadAs(entry['path'], `${where}.path`).toString('utf8'), `${where} (${entry['path']})`);
    for (const doc of docs.flatMap((d) => (Array.isArray(d) ? d : [d]))) {
      if (isObject(doc)) applyOne(resources, doc, where);
    }
  });
}
