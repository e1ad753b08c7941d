/**
 * Helm's function map (pkg/engine funcMap): Sprig without env and expandenv, plus Helm's YAML,
 * JSON and TOML functions, the duration helpers, required and fail (wrapped so the engine can
 * report their message alone), lookup (an empty map: there is no cluster in template mode) and
 * getHostByName (DNS is disabled). include and tpl are bound per render by the engine.
 */
import type { FuncMap } from '../gotemplate/template-set.js';
import { ANY, goFunc } from '../gotemplate/value.js';
import type { GoMap, GoValue } from '../gotemplate/value.js';
import type { SprigOptions } from '../sprig/context.js';
import { encodeJson } from '../sprig/json.js';
import { sprigFuncs } from '../sprig/sprig-funcs.js';
import { durationFuncs } from './duration-funcs.js';
import { isYamlMap, parseGoYaml } from './go-yaml-read.js';
import { marshalYaml, toYaml, toYamlPretty } from './go-yaml-write.js';
import { decodeToml } from './toml-decode.js';
import { encodeToml } from './toml-encode.js';

/** Marks the message of required and fail so the engine can report it without Go's prefix. */
export const WARN_START = 'HELM_ERR_START';
/** Ends a message marked by WARN_START. */
export const WARN_END = 'HELM_ERR_END';

/** Options of Helm's function map. */
export interface HelmFuncOptions {
  /** Lint mode: required and fail do not fail (Helm's LintMode). */
  readonly lintMode?: boolean;
  /** Sources of Sprig's non-deterministic functions. */
  readonly sprig?: SprigOptions;
  /** The lookup function's answer; by default an empty map, as `helm template` gives. */
  readonly lookup?: (apiVersion: string, kind: string, namespace: string, name: string) => GoMap;
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

function unmarshalError(got: unknown, target: string): string {
  return `json: cannot unmarshal ${jsonKind(got)} into Go value of type ${target}`;
}

const MAP_TYPE = 'map[string]interface {}';
const SLICE_TYPE = '[]interface {}';

function fromYaml(text: string): GoValue {
  let value: unknown;
  try {
    value = parseGoYaml(text);
  } catch (error) {
    return { Error: `error converting YAML to JSON: ${(error as Error).message}` };
  }
  if (value === null) return {};
  if (isYamlMap(value)) return value as GoMap;
  return { Error: `error unmarshaling JSON: while decoding JSON: ${unmarshalError(value, MAP_TYPE)}` };
}

function fromYamlArray(text: string): GoValue {
  let value: unknown;
  try {
    value = parseGoYaml(text);
  } catch (error) {
    return [`error converting YAML to JSON: ${(error as Error).message}`];
  }
  if (value === null) return [];
  if (Array.isArray(value)) return value as GoValue[];
  return [`error unmarshaling JSON: while decoding JSON: ${unmarshalError(value, SLICE_TYPE)}`];
}

function parseJson(text: string): unknown {
  if (text.trim() === '') throw new Error('unexpected end of JSON input');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`invalid character in JSON input: ${(error as Error).message}`);
  }
}

function fromJson(text: string): GoValue {
  try {
    const value = parseJson(text);
    if (value === null) return {};
    return isYamlMap(value) ? (value as GoMap) : { Error: unmarshalError(value, MAP_TYPE) };
  } catch (error) {
    return { Error: (error as Error).message };
  }
}

function fromJsonArray(text: string): GoValue {
  try {
    const value = parseJson(text);
    if (value === null) return [];
    return Array.isArray(value) ? (value as GoValue[]) : [unmarshalError(value, SLICE_TYPE)];
  } catch (error) {
    return [(error as Error).message];
  }
}

function fromToml(text: string): GoValue {
  try {
    return decodeToml(text);
  } catch (error) {
    return { Error: (error as Error).message };
  }
}

function serializationFuncs(): FuncMap {
  return {
    toToml: goFunc([ANY], (a) => {
      try {
        return encodeToml(a[0]);
      } catch (error) {
        return (error as Error).message;
      }
    }),
    fromToml: goFunc(['string'], (a) => fromToml(String(a[0]))),
    toYaml: goFunc([ANY], (a) => toYaml(a[0])),
    mustToYaml: goFunc([ANY], (a) => marshalYaml(a[0]).replace(/\n$/, '')),
    toYamlPretty: goFunc([ANY], (a) => toYamlPretty(a[0])),
    fromYaml: goFunc(['string'], (a) => fromYaml(String(a[0]))),
    fromYamlArray: goFunc(['string'], (a) => fromYamlArray(String(a[0]))),
    mustToJson: goFunc([ANY], (a) => encodeJson(a[0], { escapeHTML: true })),
    fromJson: goFunc(['string'], (a) => fromJson(String(a[0]))),
    fromJsonArray: goFunc(['string'], (a) => fromJsonArray(String(a[0]))),
  };
}

/** Wraps a message as Helm's warnWrap does. */
export function warnWrap(message: string): string {
  return `${WARN_START}${message}${WARN_END}`;
}

function checkFuncs(lintMode: boolean): FuncMap {
  return {
    required: goFunc(['string', ANY], (a) => {
      const [warn, value] = a;
      if (value !== null && value !== undefined && value !== '') return value;
      if (lintMode) return '';
      throw new Error(warnWrap(String(warn)));
    }),
    fail: goFunc(['string'], (a) => {
      if (lintMode) return '';
      throw new Error(warnWrap(String(a[0])));
    }),
  };
}

/** Builds Helm's function map (without the per-render include and tpl). */
export function helmFuncs(options: HelmFuncOptions = {}): FuncMap {
  const sprig: Record<string, FuncMap[string]> = { ...sprigFuncs(options.sprig ?? {}) };
  delete sprig['env'];
  delete sprig['expandenv'];
  const lookup = options.lookup ?? ((): GoMap => ({}));
  return {
    ...sprig,
    ...serializationFuncs(),
    ...durationFuncs(),
    ...checkFuncs(options.lintMode ?? false),
    lookup: goFunc(['string', 'string', 'string', 'string'], (a) => lookup(String(a[0]), String(a[1]), String(a[2]), String(a[3]))),
    getHostByName: goFunc(['string'], () => ''),
  };
}
