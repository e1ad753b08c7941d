/**
 * Go's encoding/json for template values, as Sprig's toJson family and fromJson use it: sorted
 * map keys, HTML-safe escaping unless raw, Go's float formatting, nil slices as null, structs by
 * their MarshalJSON method or fields, and json.Unmarshal into interface{} values.
 */
import type { GoValue } from '../gotemplate/value.js';
import { GoComplex, GoFunc, GoInt, GoStruct, compareStrings, typeName } from '../gotemplate/value.js';
import { isNilSlice } from './conversion.js';

/** How to encode: HTML escaping (json.Marshal) and an indent unit (json.MarshalIndent). */
export interface JsonStyle {
  readonly escapeHTML: boolean;
  readonly indent?: string;
}

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A JSON string literal with Go's escaping. */
export function quoteJson(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const short = SHORT[ch];
    if (short !== undefined) out += short;
    else if (cp < 0x20 || (escapeHTML && (ch === '<' || ch === '>' || ch === '&'))) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16)}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

function encodeNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`json: unsupported value: ${Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf'}`);
  return Object.is(x, -0) ? '-0' : JSON.stringify(x);
}

/** Encodes a value as json.Marshal (or MarshalIndent) would; throws Go's error for unsupported values. */
export function encodeJson(v: GoValue, style: JsonStyle): string {
  return encodeAt(v, style, '');
}

function encodeAt(v: GoValue, style: JsonStyle, prefix: string): string {
  if (v === undefined || v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return String(v);
    case 'number':
      return encodeNumber(v);
    case 'string':
      return quoteJson(v, style.escapeHTML);
  }
  if (v instanceof GoInt) return v.value.toString();
  if (v instanceof GoComplex || v instanceof GoFunc) throw new Error(`json: unsupported type: ${typeName(v)}`);
  if (v instanceof GoStruct) return encodeStruct(v, style, prefix);
  if (Array.isArray(v)) {
    const items = v as readonly GoValue[];
    if (isNilSlice(items)) return 'null';
    return wrap({ open: '[', close: ']', keyed: false }, items.map((e, i) => [String(i), e]), style, prefix);
  }
  const keys = Object.keys(v).sort(compareStrings);
  const map = v as Readonly<Record<string, GoValue>>;
  return wrap(OBJECT, keys.map((k) => [k, map[k]]), style, prefix);
}

function encodeStruct(v: GoStruct, style: JsonStyle, prefix: string): string {
  const marshal = v.methods['MarshalJSON'];
  if (marshal !== undefined) {
    const raw = marshal.impl([], { executeTemplate: () => '' });
    return typeof raw === 'string' ? raw : 'null';
  }
  return wrap(OBJECT, Object.entries(v.fields), style, prefix);
}

interface Brackets {
  readonly open: string;
  readonly close: string;
  readonly keyed: boolean;
}

const OBJECT: Brackets = { open: '{', close: '}', keyed: true };

function wrap({ open, close, keyed }: Brackets, entries: Array<[string, GoValue]>, style: JsonStyle, prefix: string): string {
  if (entries.length === 0) return `${open}${close}`;
  const inner = style.indent === undefined ? '' : `${prefix}${style.indent}`;
  const sep = style.indent === undefined ? ',' : `,\n${inner}`;
  const colon = style.indent === undefined ? ':' : ': ';
  const parts = entries.map(([k, e]) => `${keyed ? `${quoteJson(k, style.escapeHTML)}${colon}` : ''}${encodeAt(e, style, inner)}`);
  if (style.indent === undefined) return `${open}${parts.join(sep)}${close}`;
  return `${open}\n${inner}${parts.join(sep)}\n${prefix}${close}`;
}

/** json.Unmarshal into interface{}: objects become maps, numbers float64; throws on bad input. */
export function decodeJson(s: string): GoValue {
  if (s.trim() === '') throw new Error('unexpected end of JSON input');
  try {
    return JSON.parse(s) as GoValue;
  } catch (error) {
    throw new Error(`invalid JSON: ${(error as Error).message}`);
  }
}
