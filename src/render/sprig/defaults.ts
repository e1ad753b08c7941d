/**
 * Sprig's default family: default, empty, coalesce, all, any, ternary, the JSON functions and
 * deepCopy. Non-`must` JSON functions swallow errors as Sprig does; `must` ones report them.
 */
import type { FuncMap } from '../gotemplate/template-set.js';
import type { GoValue } from '../gotemplate/value.js';
import { ANY, goFunc, isGoMap, typeName, withGoType } from '../gotemplate/value.js';
import { nilSlice, isNilSlice } from './conversion.js';
import { decodeJson, encodeJson } from './json.js';
import type { JsonStyle } from './json.js';
import { isEmpty } from './reflection.js';

const COMPACT: JsonStyle = { escapeHTML: true };
const PRETTY: JsonStyle = { escapeHTML: true, indent: '  ' };
const RAW: JsonStyle = { escapeHTML: false };

/** copystructure.Copy over template values: maps and slices are copied deeply, types kept. */
export function deepCopy(v: GoValue): GoValue {
  if (Array.isArray(v)) {
    const items = v as readonly GoValue[];
    const copy = isNilSlice(items) ? [...nilSlice()] : items.map(deepCopy);
    const type = typeName(items);
    return type === '[]interface {}' ? copy : withGoType(copy, type);
  }
  if (isGoMap(v)) {
    const copy: Record<string, GoValue> = {};
    for (const [k, e] of Object.entries(v)) copy[k] = deepCopy(e);
    const type = typeName(v);
    return type === 'map[string]interface {}' ? copy : withGoType(copy, type);
  }
  return v;
}

function swallow<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

function jsonFuncs(): FuncMap {
  return {
    fromJson: goFunc(['string'], (a) => swallow(() => decodeJson(String(a[0])), null)),
    mustFromJson: goFunc(['string'], (a) => decodeJson(String(a[0]))),
    toJson: goFunc([ANY], (a) => swallow(() => encodeJson(a[0], COMPACT), '')),
    mustToJson: goFunc([ANY], (a) => encodeJson(a[0], COMPACT)),
    toPrettyJson: goFunc([ANY], (a) => swallow(() => encodeJson(a[0], PRETTY), '')),
    mustToPrettyJson: goFunc([ANY], (a) => encodeJson(a[0], PRETTY)),
    toRawJson: goFunc([ANY], (a) => swallow(() => encodeJson(a[0], RAW), '')),
    mustToRawJson: goFunc([ANY], (a) => encodeJson(a[0], RAW)),
  };
}

/** The defaults family: default, empty, coalesce, all, any, ternary, JSON, deepCopy. */
export function defaultsFuncs(): FuncMap {
  return {
    default: goFunc([ANY], (a) => (a.length < 2 || isEmpty(a[1]) ? a[0] : a[1]) ?? null, ANY),
    empty: goFunc([ANY], (a) => isEmpty(a[0])),
    coalesce: goFunc([], (a) => a.find((v) => !isEmpty(v)) ?? null, ANY),
    all: goFunc([], (a) => a.every((v) => !isEmpty(v)), ANY),
    any: goFunc([], (a) => a.some((v) => !isEmpty(v)), ANY),
    ternary: goFunc([ANY, ANY, 'bool'], (a) => (a[2] === true ? a[0] : a[1]) ?? null),
    deepCopy: goFunc([ANY], (a) => deepCopy(a[0])),
    mustDeepCopy: goFunc([ANY], (a) => deepCopy(a[0])),
    ...jsonFuncs(),
  };
}
