/**
 * SimpleSchema markers: the `key=value` list after `|` in a field (`integer | default=3 minimum=1`),
 * parsed the way kro parses them and applied to an OpenAPI schema.
 */
import { InputError } from '../../core/index.js';
import type { JSONSchemaProps } from './openapi-types.js';

/** The marker names kro documents. */
export const MARKER_TYPES = [
  'required',
  'default',
  'description',
  'minimum',
  'maximum',
  'validation',
  'enum',
  'immutable',
  'pattern',
  'uniqueItems',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'listType',
  'listMapKey',
] as const;

export type MarkerType = (typeof MARKER_TYPES)[number];

/** One parsed marker; `value` has surrounding quotes removed and escapes resolved. */
export interface Marker {
  type: MarkerType;
  key: string;
  value: string;
}

interface ScanState {
  result: Marker[];
  key: string | undefined;
  inQuotes: boolean;
  brackets: number;
  escaped: boolean;
  buffer: string;
}

function startMarker(state: ScanState): void {
  const key = state.buffer.trim();
  if (key === '') throw new InputError('empty marker key: write markers as key=value');
  if (!(MARKER_TYPES as readonly string[]).includes(key)) {
    throw new InputError(`unknown marker ${JSON.stringify(key)}: use one of ${MARKER_TYPES.join(', ')}`);
  }
  state.key = key;
  state.buffer = '';
}

function endMarker(state: ScanState): void {
  if (state.key === undefined) return;
  state.result.push({ type: state.key as MarkerType, key: state.key, value: processValue(state.buffer) });
  state.key = undefined;
  state.buffer = '';
}

/** Tracks quotes and brackets; true when the character was one of those. */
function scanDelimiter(state: ScanState, ch: string): boolean {
  if (ch === '"' && !state.escaped) {
    state.inQuotes = !state.inQuotes;
    return true;
  }
  if (ch === '\\' && state.inQuotes && !state.escaped) {
    state.escaped = true;
    return true;
  }
  if (state.inQuotes) return false;
  if (ch === '{' || ch === '[') state.brackets++;
  else if (ch === '}' || ch === ']') state.brackets--;
  else return false;
  if (state.brackets < 0) throw new InputError(`unmatched closing ${ch} in markers`);
  return true;
}

function scanChar(state: ScanState, ch: string): void {
  const free = !state.inQuotes && state.brackets === 0;
  if (ch === '=' && state.key === undefined && free) return startMarker(state);
  if (!scanDelimiter(state, ch)) {
    if (/\s/.test(ch) && free) return endMarker(state);
    if (state.escaped && state.inQuotes) state.escaped = false;
  }
  state.buffer += ch;
}

/** Parses a marker string (`required=true default="a b"`) into markers, in order. */
export function parseMarkers(markers: string): Marker[] {
  const state: ScanState = { result: [], key: undefined, inQuotes: false, brackets: 0, escaped: false, buffer: '' };
  for (const ch of markers) scanChar(state, ch);
  if (state.key === undefined) {
    throw new InputError(`marker ${JSON.stringify(state.buffer.trim())} has no value: write it as key=value`);
  }
  endMarker(state);
  if (state.inQuotes) throw new InputError('unclosed quote in markers');
  if (state.brackets > 0) throw new InputError('unclosed bracket or brace in markers');
  return state.result;
}

function processValue(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return unescape(value.slice(1, -1));
  return value.trim();
}

function unescape(s: string): string {
  let out = '';
  let escaped = false;
  for (const ch of s) {
    if (escaped) {
      out += ch === '"' || ch === '\\' ? ch : `\\${ch}`;
      escaped = false;
    } else if (ch === '\\') escaped = true;
    else out += ch;
  }
  return out;
}

function parseBool(value: string, marker: string): boolean {
  const v = value.toLowerCase();
  if (['true', '1', 't'].includes(v)) return true;
  if (['false', '0', 'f'].includes(v)) return false;
  throw new InputError(`${marker}=${value}: the value must be true or false`);
}

function parseNumber(value: string, marker: string): number {
  const n = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n)) throw new InputError(`${marker}=${value}: the value must be a number`);
  return n;
}

function parseInteger(value: string, marker: string): number {
  if (!/^[+-]?\d+$/.test(value)) throw new InputError(`${marker}=${value}: the value must be an integer`);
  return Number(value);
}

function requireType(schema: JSONSchemaProps, type: string, marker: string): void {
  if (schema.type !== type) {
    throw new InputError(`the ${marker} marker applies only to ${type} fields, not ${schema.type ?? 'untyped'} ones`);
  }
}

function defaultValue(schema: JSONSchemaProps, raw: string): unknown {
  const text = schema.type === 'string' ? JSON.stringify(raw) : raw;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(`default=${raw} is not a valid ${schema.type ?? 'JSON'} value`);
  }
  const ok = matchesSchemaType(schema.type, value);
  if (!ok) throw new InputError(`default=${raw} is not a valid ${schema.type ?? ''} value`);
  return value;
}

/** Whether a JSON value has an OpenAPI type (anything fits an untyped schema). */
export function matchesSchemaType(type: string | undefined, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

function enumValues(schema: JSONSchemaProps, raw: string): unknown[] {
  if (schema.type !== 'string' && schema.type !== 'integer') {
    throw new InputError(`enum applies only to string and integer fields, not ${schema.type ?? 'untyped'} ones`);
  }
  return raw.split(',').map((part) => {
    const v = part.trim();
    if (v === '') throw new InputError(`enum="${raw}" has an empty value`);
    return schema.type === 'string' ? v : parseInteger(v, 'enum');
  });
}

function addValidation(schema: JSONSchemaProps, rule: string, message: string): void {
  schema['x-kubernetes-validations'] = [...(schema['x-kubernetes-validations'] ?? []), { rule, message }];
}

function checkPattern(value: string): string {
  if (value === '') throw new InputError('pattern must not be empty');
  try {
    new RegExp(value, 'u');
  } catch (error) {
    throw new InputError(`pattern ${JSON.stringify(value)} is not a valid regular expression`, { cause: error });
  }
  return value;
}

type Apply = (schema: JSONSchemaProps, m: Marker, ctx: { key: string; parent: JSONSchemaProps }) => void;

/** A marker bounding a string's length or an array's size: an integer, on a field of that type only. */
function lengthBound(type: 'string' | 'array', marker: 'minLength' | 'maxLength' | 'minItems' | 'maxItems'): Apply {
  return (s, m) => {
    requireType(s, type, marker);
    s[marker] = parseInteger(m.value, marker);
  };
}

const APPLY: Readonly<Record<MarkerType, Apply>> = {
  required: (_s, m, ctx) => {
    if (parseBool(m.value, 'required')) ctx.parent.required = [...(ctx.parent.required ?? []), ctx.key];
  },
  default: (s, m) => {
    s.default = defaultValue(s, m.value);
  },
  description: (s, m) => {
    s.description = m.value;
  },
  minimum: (s, m) => {
    s.minimum = parseNumber(m.value, 'minimum');
  },
  maximum: (s, m) => {
    s.maximum = parseNumber(m.value, 'maximum');
  },
  validation: (s, m) => {
    if (m.value.trim() === '') throw new InputError('validation must not be empty: give a CEL rule');
    addValidation(s, m.value, 'validation failed');
  },
  enum: (s, m) => {
    s.enum = enumValues(s, m.value);
  },
  immutable: (s, m) => {
    if (parseBool(m.value, 'immutable')) addValidation(s, 'self == oldSelf', 'field is immutable');
  },
  pattern: (s, m) => {
    const pattern = checkPattern(m.value);
    requireType(s, 'string', 'pattern');
    s.pattern = pattern;
  },
  uniqueItems: (s, m) => {
    const unique = parseBool(m.value, 'uniqueItems');
    requireType(s, 'array', 'uniqueItems');
    if (unique) s['x-kubernetes-list-type'] = 'set';
  },
  minLength: lengthBound('string', 'minLength'),
  maxLength: lengthBound('string', 'maxLength'),
  minItems: lengthBound('array', 'minItems'),
  maxItems: lengthBound('array', 'maxItems'),
  listType: (s, m) => {
    requireType(s, 'array', 'listType');
    if (!['atomic', 'set', 'map'].includes(m.value)) {
      throw new InputError(`listType=${m.value}: use atomic, set or map`);
    }
    s['x-kubernetes-list-type'] = m.value;
  },
  listMapKey: (s, m) => {
    requireType(s, 'array', 'listMapKey');
    const keys = s['x-kubernetes-list-map-keys'] ?? [];
    if (keys.includes(m.value)) throw new InputError(`listMapKey=${m.value} is given twice`);
    s['x-kubernetes-list-map-keys'] = [...keys, m.value];
  },
};

/**
 * Applies markers to the schema of field `key`; `required` goes to the parent's `required` list.
 * Throws an InputError naming the marker when a value does not fit the field's type.
 */
export function applyMarkers(schema: JSONSchemaProps, markers: Marker[], key: string, parent: JSONSchemaProps): void {
  for (const m of markers) APPLY[m.type](schema, m, { key, parent });
  const mapKeys = schema['x-kubernetes-list-map-keys'];
  if (mapKeys && schema['x-kubernetes-list-type'] !== 'map') {
    throw new InputError(`listMapKey needs listType=map on field ${key}`);
  }
}
