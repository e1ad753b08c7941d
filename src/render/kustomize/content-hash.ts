/**
 * The content-hash name suffix exactly as kustomize computes it: SHA-256 of a Go-JSON encoding of
 * the ConfigMap's or Secret's kind, name and data, its first ten hex digits with some letters
 * swapped so the suffix never looks like a number or a bad word.
 */
import { createHash } from 'node:crypto';
import { isObject, type JsonObject, type JsonValue } from './json-value.js';

/** JSON as Go's encoding/json writes it: sorted keys, HTML-safe escapes. */
export function goJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${keys.map((k) => `${goString(k)}:${goJson(value[k] as JsonValue)}`).join(',')}}`;
  }
  if (typeof value === 'string') return goString(value);
  return JSON.stringify(value);
}

function goString(text: string): string {
  return JSON.stringify(text)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Turns a hex SHA-256 digest into kustomize's ten-character suffix. */
export function encodeHashSuffix(hex: string): string {
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

function stringMapOf(value: JsonValue | undefined): JsonObject {
  const out: JsonObject = {};
  if (isObject(value)) for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' ? v : String(v);
  return out;
}

function encodeForHash(obj: JsonObject): string {
  const kind = obj['kind'];
  if (kind !== 'ConfigMap' && kind !== 'Secret') return goJson(obj);
  // kustomize's hasher reads the name from a field that is never set, so it always hashes ''.
  // An absent data field hashes as an empty string, as kustomize's hasher encodes it.
  const m: JsonObject = { kind, name: '', data: obj['data'] === undefined ? '' : stringMapOf(obj['data']) };
  if (kind === 'Secret') m['type'] = typeof obj['type'] === 'string' ? obj['type'] : '';
  const binary = stringMapOf(obj['binaryData']);
  if (kind === 'ConfigMap' && Object.keys(binary).length > 0) m['binaryData'] = binary;
  if (typeof obj['immutable'] === 'boolean') m['immutable'] = obj['immutable'];
  return goJson(m);
}

/** The suffix kustomize appends to a generated ConfigMap's or Secret's name. */
export function contentHash(obj: JsonObject): string {
  return encodeHashSuffix(createHash('sha256').update(encodeForHash(obj)).digest('hex'));
}
