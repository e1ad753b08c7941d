/**
 * SimpleSchema field types: `string`, `integer`, `boolean`, `float`, `object`, `[]T`,
 * `map[string]T`, and names of custom types from `schema.types`.
 */
import { InputError } from '../../core/index.js';
import { parseMarkers, type Marker } from './markers.js';

/** The type of a SimpleSchema field, as a small tree. */
export type FieldType =
  | { type: 'string' | 'integer' | 'boolean' | 'float' | 'object' }
  | { type: 'slice'; elem: FieldType }
  | { type: 'map'; value: FieldType }
  | { type: 'custom'; name: string }
  | { type: 'struct'; fields: Record<string, FieldType> };

const ATOMIC = new Set(['string', 'integer', 'boolean', 'float']);
const MAX_NESTING = 16;

function parseType(s: string, depth: number): FieldType {
  if (depth > MAX_NESTING) throw new InputError(`type ${JSON.stringify(s)} nests deeper than ${MAX_NESTING} levels`);
  const t = s.trim();
  if (ATOMIC.has(t)) return { type: t as 'string' };
  if (t === 'object') return { type: 'object' };
  if (t.startsWith('[]')) {
    const elem = t.slice(2);
    if (elem === '') throw new InputError(`type ${JSON.stringify(s)} has no element type: write []string, []Person, ...`);
    return { type: 'slice', elem: parseType(elem, depth + 1) };
  }
  if (t.startsWith('map[')) {
    if (!t.startsWith('map[string]')) throw new InputError(`type ${JSON.stringify(s)}: map keys must be string (map[string]T)`);
    const value = t.slice('map[string]'.length).trim();
    if (value === '') throw new InputError(`type ${JSON.stringify(s)} has no value type: write map[string]string, ...`);
    return { type: 'map', value: parseType(value, depth + 1) };
  }
  return { type: 'custom', name: t };
}

/** Parses the type part of a field string (before `|`). */
export function parseTypeString(s: string): FieldType {
  const typeText = (s.split('|', 1)[0] ?? '').trim();
  if (typeText === '') throw new InputError(`field ${JSON.stringify(s)} has no type: start it with string, integer, ...`);
  return parseType(typeText, 0);
}

/** Parses a field string such as `[]string | required=true` into its type and markers. */
export function parseField(s: string): { type: FieldType; markers: Marker[] } {
  const type = parseTypeString(s);
  const bar = s.indexOf('|');
  const markers = bar >= 0 ? parseMarkers(s.slice(bar + 1)) : [];
  return { type, markers };
}

/** Parses a SimpleSchema spec (a type string or a nested object of fields) into a type tree, without markers. */
export function parseSpec(spec: unknown): FieldType {
  if (typeof spec === 'string') return parseTypeString(spec);
  if (isPlainObject(spec)) {
    const fields: Record<string, FieldType> = {};
    for (const [name, field] of Object.entries(spec)) {
      try {
        fields[name] = parseSpec(field);
      } catch (error) {
        throw new InputError(`field ${name}: ${(error as Error).message}`, { cause: error });
      }
    }
    return { type: 'struct', fields };
  }
  throw new InputError(`expected a type string or an object of fields, got ${JSON.stringify(spec)}`);
}

/** True for a JSON object (not an array, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
