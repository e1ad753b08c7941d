/**
 * values.schema.json validation, a JSON Schema subset: type, enum, const, required, properties,
 * patternProperties, additionalProperties, items, min/max (exclusive too), length and item
 * counts, pattern, uniqueItems, allOf/anyOf/oneOf/not and local $ref. Messages follow the ones
 * Helm prints ("- image: repository is required").
 */
import { isYamlMap } from './go-yaml-read.js';
import type { YamlValue } from './go-yaml-read.js';

type Schema = { [key: string]: YamlValue };

interface Context {
  readonly root: Schema;
  readonly errors: string[];
}

function typeOf(v: YamlValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  return typeof v === 'string' ? 'string' : 'object';
}

function typeMatches(v: YamlValue, type: string): boolean {
  const actual = typeOf(v);
  return actual === type || (type === 'number' && actual === 'integer');
}

function label(path: string): string {
  return path === '' ? '(root)' : path;
}

function child(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}.${key}`;
}

function resolveRef(schema: Schema, ctx: Context): Schema {
  const ref = schema['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#')) return schema;
  let cur: YamlValue = ctx.root;
  for (const part of ref.slice(1).split('/').filter((p) => p !== '')) {
    cur = isYamlMap(cur) ? (cur[decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))] ?? null) : null;
  }
  return isYamlMap(cur) ? cur : {};
}

function checkType(v: YamlValue, s: Schema, path: string, ctx: Context): boolean {
  const type = s['type'];
  if (type === undefined) return true;
  const types = Array.isArray(type) ? type.map(String) : [String(type)];
  if (types.some((t) => typeMatches(v, t))) return true;
  ctx.errors.push(`${label(path)}: Invalid type. Expected: ${types.join(', ')}, given: ${typeOf(v)}`);
  return false;
}

function checkEnum(v: YamlValue, s: Schema, path: string, ctx: Context): void {
  const options = s['enum'];
  if (Array.isArray(options) && !options.some((o) => JSON.stringify(o) === JSON.stringify(v))) {
    ctx.errors.push(`${label(path)}: ${label(path)} must be one of the following: ${options.map((o) => JSON.stringify(o)).join(', ')}`);
  }
  if ('const' in s && JSON.stringify(s['const']) !== JSON.stringify(v)) ctx.errors.push(`${label(path)}: ${label(path)} does not match: ${JSON.stringify(s['const'])}`);
}

function checkNumber(v: number, s: Schema, path: string, ctx: Context): void {
  const bound = (key: string, fails: (b: number) => boolean, text: string): void => {
    const b = s[key];
    if (typeof b === 'number' && fails(b)) ctx.errors.push(`${label(path)}: Must be ${text} ${b}`);
  };
  bound('minimum', (b) => v < b, 'greater than or equal to');
  bound('maximum', (b) => v > b, 'less than or equal to');
  bound('exclusiveMinimum', (b) => v <= b, 'greater than');
  bound('exclusiveMaximum', (b) => v >= b, 'less than');
  const m = s['multipleOf'];
  if (typeof m === 'number' && m > 0 && !Number.isInteger(v / m)) ctx.errors.push(`${label(path)}: Must be a multiple of ${m}`);
}

function checkString(v: string, s: Schema, path: string, ctx: Context): void {
  const length = [...v].length;
  if (typeof s['minLength'] === 'number' && length < s['minLength']) ctx.errors.push(`${label(path)}: String length must be greater than or equal to ${s['minLength']}`);
  if (typeof s['maxLength'] === 'number' && length > s['maxLength']) ctx.errors.push(`${label(path)}: String length must be less than or equal to ${s['maxLength']}`);
  const pattern = s['pattern'];
  if (typeof pattern === 'string' && !new RegExp(pattern, 'u').test(v)) ctx.errors.push(`${label(path)}: Does not match pattern '${pattern}'`);
}

function checkArray(v: YamlValue[], s: Schema, path: string, ctx: Context): void {
  if (typeof s['minItems'] === 'number' && v.length < s['minItems']) ctx.errors.push(`${label(path)}: Array must have at least ${s['minItems']} items`);
  if (typeof s['maxItems'] === 'number' && v.length > s['maxItems']) ctx.errors.push(`${label(path)}: Array must have at most ${s['maxItems']} items`);
  if (s['uniqueItems'] === true && new Set(v.map((e) => JSON.stringify(e))).size !== v.length) ctx.errors.push(`${label(path)}: array items must be unique`);
  const items = s['items'];
  v.forEach((e, i) => {
    const itemSchema = Array.isArray(items) ? items[i] : items;
    if (isYamlMap(itemSchema)) validateNode(e, itemSchema, child(path, i), ctx);
  });
}

function checkObject(v: { [key: string]: YamlValue }, s: Schema, path: string, ctx: Context): void {
  const required = s['required'];
  if (Array.isArray(required)) for (const r of required) if (!(String(r) in v)) ctx.errors.push(`${label(path)}: ${String(r)} is required`);
  const props = isYamlMap(s['properties']) ? s['properties'] : {};
  const patterns = isYamlMap(s['patternProperties']) ? Object.entries(s['patternProperties']) : [];
  for (const [key, value] of Object.entries(v)) {
    const prop = props[key];
    const matched = patterns.filter(([p]) => new RegExp(p, 'u').test(key));
    if (isYamlMap(prop)) validateNode(value, prop, child(path, key), ctx);
    for (const [, ps] of matched) if (isYamlMap(ps)) validateNode(value, ps, child(path, key), ctx);
    if (prop !== undefined || matched.length > 0) continue;
    const extra = s['additionalProperties'];
    if (extra === false) ctx.errors.push(`${label(path)}: Additional property ${key} is not allowed`);
    else if (isYamlMap(extra)) validateNode(value, extra, child(path, key), ctx);
  }
}

function passes(v: YamlValue, s: YamlValue, path: string, ctx: Context): boolean {
  if (!isYamlMap(s)) return true;
  const sub: Context = { root: ctx.root, errors: [] };
  validateNode(v, s, path, sub);
  return sub.errors.length === 0;
}

function checkCombinators(v: YamlValue, s: Schema, path: string, ctx: Context): void {
  if (Array.isArray(s['allOf'])) for (const sub of s['allOf']) if (isYamlMap(sub)) validateNode(v, sub, path, ctx);
  if (Array.isArray(s['anyOf']) && !s['anyOf'].some((sub) => passes(v, sub, path, ctx))) ctx.errors.push(`${label(path)}: Must validate at least one schema (anyOf)`);
  if (Array.isArray(s['oneOf']) && s['oneOf'].filter((sub) => passes(v, sub, path, ctx)).length !== 1) ctx.errors.push(`${label(path)}: Must validate one and only one schema (oneOf)`);
  if (isYamlMap(s['not']) && passes(v, s['not'], path, ctx)) ctx.errors.push(`${label(path)}: Must not validate the schema (not)`);
}

function validateNode(v: YamlValue, schema: Schema, path: string, ctx: Context): void {
  const s = resolveRef(schema, ctx);
  if (!checkType(v, s, path, ctx)) return;
  checkEnum(v, s, path, ctx);
  checkCombinators(v, s, path, ctx);
  if (typeof v === 'number') checkNumber(v, s, path, ctx);
  else if (typeof v === 'string') checkString(v, s, path, ctx);
  else if (Array.isArray(v)) checkArray(v, s, path, ctx);
  else if (isYamlMap(v)) checkObject(v, s, path, ctx);
}

/** Validates values against a schema; returns one message per problem ("name: problem"). */
export function validateValues(values: YamlValue, schema: YamlValue): string[] {
  if (!isYamlMap(schema)) return [];
  const ctx: Context = { root: schema, errors: [] };
  validateNode(values, schema, '', ctx);
  return ctx.errors;
}
