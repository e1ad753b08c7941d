/**
 * Reads YAML the way kustomize's kyaml reads it (YAML 1.2 core scalars, merge keys, anchors),
 * into plain JSON values.
 */
import { parseAllDocuments } from 'yaml';
import { InputError } from '../../core/index.js';
import { isObject, type JsonObject, type JsonValue } from './json-value.js';

/** Parses every document of a YAML stream; empty documents are dropped. */
export function parseYamlDocuments(text: string, file: string): JsonValue[] {
  const docs = parseAllDocuments(text, { merge: true, schema: 'core', uniqueKeys: false, prettyErrors: false });
  const values: JsonValue[] = [];
  for (const doc of docs) {
    const problem = doc.errors[0];
    if (problem) throw new InputError(`${file}: invalid YAML: ${problem.message}`);
    const value = doc.toJS({ maxAliasCount: -1 }) as unknown;
    if (value === null || value === undefined) continue;
    values.push(toJson(value, file));
  }
  return values;
}

function toJson(value: unknown, file: string): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map((v) => toJson(v, file));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toJson(v, file);
    return out;
  }
  throw new InputError(`${file}: unsupported YAML value ${String(value)}`);
}

/**
 * The Kubernetes objects of a file's parsed documents: every document must be a mapping, and
 * `*List` kinds with an `items` field are flattened into their items.
 */
export function toObjects(docs: readonly JsonValue[], file: string): JsonObject[] {
  const out: JsonObject[] = [];
  for (const doc of docs) {
    if (!isObject(doc)) throw new InputError(`${file}: expected a YAML mapping (a Kubernetes object), got ${JSON.stringify(doc).slice(0, 60)}`);
    flattenList(doc, out);
  }
  return out;
}

/**
 * kustomize reads annotations as strings (`happy: true` becomes "true", `port: 8080` "8080", null
 * "null"); labels keep their YAML types (checked against kubectl kustomize 5.5).
 */
export function stringifyMetadataMaps(obj: JsonObject): JsonObject {
  const meta = obj['metadata'];
  const map = isObject(meta) ? meta['annotations'] : undefined;
  if (!isObject(map)) return obj;
  for (const [k, v] of Object.entries(map)) if (typeof v === 'number' || typeof v === 'boolean' || v === null) map[k] = String(v);
  return obj;
}

function flattenList(doc: JsonObject, out: JsonObject[]): void {
  const kind = doc['kind'];
  const items = doc['items'];
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(items)) {
    for (const item of items) if (isObject(item)) flattenList(item, out);
    return;
  }
  out.push(stringifyMetadataMaps(doc));
}
