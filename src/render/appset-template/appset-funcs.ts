/**
 * The function map of ApplicationSet goTemplate: Sprig without env, expandenv and getHostByName,
 * plus Argo CD's normalize, slugify, toYaml, fromYaml and fromYamlArray (which, unlike Helm's,
 * fail on bad input).
 */
import type { FuncMap } from '../gotemplate/template-set.js';
import { ANY, GoInt, goFunc } from '../gotemplate/value.js';
import type { GoMap, GoValue } from '../gotemplate/value.js';
import { isYamlMap, parseGoYaml } from '../helm/go-yaml-read.js';
import { marshalYaml } from '../helm/go-yaml-write.js';
import type { SprigOptions } from '../sprig/context.js';
import { sprigFuncs } from '../sprig/sprig-funcs.js';

const MAX_DNS_NAME = 253;

/** Argo CD's SanitizeName: lower case, [-a-z0-9.] only, at most 253 bytes, trimmed of - and . */
export function normalizeName(name: string): string {
  let s = name.toLowerCase().replace(/[^-a-z0-9.]/gu, '-');
  if (s.length > MAX_DNS_NAME) s = s.slice(0, MAX_DNS_NAME);
  return s.replace(/^[-.]+|[-.]+$/g, '');
}

/** Argo CD's SlugifyName: a normalized name made URL-safe by gosimple/slug, truncated to maxSize. */
export function slugifyName(name: string, maxSize = 50, smartTruncate = true): string {
  let slug = normalizeName(name)
    .replace(/[^a-zA-Z0-9\-_]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  if (maxSize <= 0 || slug.length <= maxSize) return slug;
  if (!smartTruncate) return slug.slice(0, maxSize);
  for (let i = maxSize; i >= 0; i--) if (slug[i] === '-') return slug.slice(0, i);
  slug = slug.slice(0, maxSize);
  return slug;
}

function slugifyArgs(args: GoValue[]): string {
  const name = String(args[args.length - 1] ?? '');
  const max = args.length > 1 ? args[0] : undefined;
  const smart = args.length > 2 ? args[1] : undefined;
  const maxSize = max instanceof GoInt ? Number(max.value) : typeof max === 'number' ? max : 50;
  return slugifyName(name, maxSize, typeof smart === 'boolean' ? smart : true);
}

function yamlError(error: unknown): Error {
  return new Error(`error converting YAML to JSON: ${(error as Error).message}`);
}

function fromYaml(text: string): GoMap {
  let value: unknown;
  try {
    value = parseGoYaml(text);
  } catch (error) {
    throw yamlError(error);
  }
  if (value === null) return {};
  if (!isYamlMap(value)) throw new Error(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type map[string]interface {}`);
  return value as GoMap;
}

function fromYamlArray(text: string): GoValue {
  let value: unknown;
  try {
    value = parseGoYaml(text);
  } catch (error) {
    throw yamlError(error);
  }
  if (value === null) return [];
  if (!Array.isArray(value)) throw new Error(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${isYamlMap(value) ? 'object' : typeof value} into Go value of type []interface {}`);
  return value as GoValue[];
}

/** Builds the goTemplate function map of ApplicationSets. */
export function appsetFuncs(options: SprigOptions = {}): FuncMap {
  const funcs: Record<string, FuncMap[string]> = { ...sprigFuncs(options) };
  delete funcs['env'];
  delete funcs['expandenv'];
  delete funcs['getHostByName'];
  return {
    ...funcs,
    normalize: goFunc(['string'], (a) => normalizeName(String(a[0]))),
    slugify: goFunc([], slugifyArgs, ANY),
    toYaml: goFunc([ANY], (a) => marshalYaml(a[0]).replace(/\n$/, '')),
    fromYaml: goFunc(['string'], (a) => fromYaml(String(a[0]))),
    fromYamlArray: goFunc(['string'], (a) => fromYamlArray(String(a[0]))),
  };
}
