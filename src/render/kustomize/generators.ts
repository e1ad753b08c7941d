/**
 * configMapGenerator and secretGenerator: key-value pairs from env files, literals and files,
 * generator options (labels, annotations, hash suffix, immutable) and behaviors.
 */
import { posix } from 'node:path';
import { InputError } from '../../core/index.js';
import type { Loader } from './file-system.js';
import { isObject, type JsonObject, type JsonValue } from './json-value.js';
import { stringMapField, type Kustomization } from './kustomization.js';
import { Resource, type Behavior } from './resource.js';

interface GeneratorOptions {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  disableNameSuffixHash: boolean;
  immutable: boolean;
}

interface Pair {
  key: string;
  value: Buffer;
}

const KEY_PATTERN = /^[-._a-zA-Z0-9]+$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function readOptions(file: string, value: JsonValue | undefined, field: string): GeneratorOptions {
  const o = isObject(value) ? value : {};
  const k = { file, doc: {} } as unknown as Kustomization;
  return {
    labels: stringMapField(k, `${field}.labels`, o['labels']),
    annotations: stringMapField(k, `${field}.annotations`, o['annotations']),
    disableNameSuffixHash: o['disableNameSuffixHash'] === true,
    immutable: o['immutable'] === true,
  };
}

function mergeOptions(global: GeneratorOptions, local: GeneratorOptions): GeneratorOptions {
  return {
    labels: { ...global.labels, ...local.labels },
    annotations: { ...global.annotations, ...local.annotations },
    disableNameSuffixHash: global.disableNameSuffixHash || local.disableNameSuffixHash,
    immutable: global.immutable || local.immutable,
  };
}

function unquote(value: string): string {
  if (value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'")) return value.slice(1, -1);
  return value;
}

function literalPairs(sources: JsonValue | undefined, where: string): Pair[] {
  return asStrings(sources, where).map((source) => {
    const eq = source.indexOf('=');
    if (eq < 0) throw new InputError(`${where}: invalid literal source ${source}, expected key=value`);
    return { key: source.slice(0, eq), value: Buffer.from(unquote(source.slice(eq + 1)), 'utf8') };
  });
}

function envPairs(loader: Loader, sources: string[], where: string): Pair[] {
  const pairs: Pair[] = [];
  sources.forEach((source, n) => {
    const lines = loader.loadAs(source, `${where}[${n}]`).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
    lines.forEach((raw, i) => {
      const line = raw.replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      if (!ENV_NAME.test(key)) throw new InputError(`${where}[${n}]: invalid key '${key}' in env file ${source} line ${i + 1}`);
      pairs.push({ key, value: Buffer.from(eq < 0 ? '' : line.slice(eq + 1), 'utf8') });
    });
  });
  return pairs;
}

function filePairs(loader: Loader, sources: string[], where: string): Pair[] {
  const pairs: Pair[] = [];
  sources.forEach((source, n) => {
    const eq = source.indexOf('=');
    const key = eq < 0 ? undefined : source.slice(0, eq);
    const path = eq < 0 ? source : source.slice(eq + 1);
    if (key === '') throw new InputError(`${where}: key name for file path ${path} missing`);
    const abs = loader.resolve(path);
    if (loader.fs.isDir(abs) && !loader.fs.isFile(abs)) {
      loader.checkAllowed(abs);
      for (const file of loader.fs.listFiles(abs)) pairs.push({ key: posix.basename(file), value: loader.load(file) });
      return;
    }
    pairs.push({ key: key ?? posix.basename(path), value: loader.loadAs(path, `${where}[${n}]`) });
  });
  return pairs;
}

function asStrings(value: JsonValue | undefined, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InputError(`${where}: expected a list of strings`);
  return value.map((v) => (typeof v === 'string' ? v : String(v)));
}

function collectPairs(loader: Loader, args: JsonObject, where: string): Pair[] {
  const envs = asStrings(args['envs'], `${where}.envs`);
  if (typeof args['env'] === 'string') envs.push(args['env']);
  const pairs = [
    ...envPairs(loader, envs, `${where}.envs`),
    ...literalPairs(args['literals'], `${where}.literals`),
    ...filePairs(loader, asStrings(args['files'], `${where}.files`), `${where}.files`),
  ];
  const seen = new Set<string>();
  for (const { key } of pairs) {
    if (!KEY_PATTERN.test(key)) throw new InputError(`${where}: "${key}" is not a valid key name: a valid config key must consist of alphanumeric characters, '-', '_' or '.'`);
    if (seen.has(key)) throw new InputError(`${where}: configmap ${String(args['name'])} illegally repeats the key \`${key}\``);
    seen.add(key);
  }
  return pairs;
}

function isUtf8(value: Buffer): boolean {
  return Buffer.from(value.toString('utf8'), 'utf8').equals(value);
}

/** kustomize writes binaryData base64 in lines of 70 characters. */
function wrapBase64(text: string): string {
  if (text.length <= 70) return text;
  return `${text.match(/.{1,70}/g)?.join('\n') ?? text}\n`;
}

function buildObject(kind: 'ConfigMap' | 'Secret', args: JsonObject, pairs: Pair[], options: GeneratorOptions): JsonObject {
  const metadata: JsonObject = { name: String(args['name'] ?? '') };
  if (typeof args['namespace'] === 'string' && args['namespace'] !== '') metadata['namespace'] = args['namespace'];
  if (Object.keys(options.labels).length > 0) metadata['labels'] = { ...options.labels };
  if (Object.keys(options.annotations).length > 0) metadata['annotations'] = { ...options.annotations };
  const obj: JsonObject = { apiVersion: 'v1', kind, metadata };
  const data: JsonObject = {};
  const binary: JsonObject = {};
  for (const { key, value } of pairs) {
    if (kind === 'Secret') data[key] = wrapBase64(value.toString('base64'));
    else if (isUtf8(value)) data[key] = value.toString('utf8');
    else binary[key] = wrapBase64(value.toString('base64'));
  }
  if (Object.keys(data).length > 0) obj['data'] = data;
  if (Object.keys(binary).length > 0) obj['binaryData'] = binary;
  if (kind === 'Secret') obj['type'] = typeof args['type'] === 'string' && args['type'] !== '' ? args['type'] : 'Opaque';
  if (options.immutable) obj['immutable'] = true;
  return obj;
}

function readBehavior(value: JsonValue | undefined, where: string): Behavior {
  if (value === undefined || value === null || value === '' || value === 'create') return 'create';
  if (value === 'merge' || value === 'replace') return value;
  throw new InputError(`${where}.behavior: unknown behavior '${String(value)}' (expected create, merge or replace)`);
}

/** Where a generator runs: its loader, the file and field it was declared at, and the kustomization's generatorOptions. */
export interface GeneratorContext {
  loader: Loader;
  file: string;
  field: string;
  global?: JsonValue;
}

/** Generates one ConfigMap or Secret from its arguments (a configMapGenerator or secretGenerator entry). */
export function generateResource(kind: 'ConfigMap' | 'Secret', args: JsonObject, ctx: GeneratorContext): Resource {
  const where = `${ctx.file}: ${ctx.field}`;
  if (typeof args['name'] !== 'string' || args['name'] === '') throw new InputError(`${where}.name: a ${kind === 'ConfigMap' ? 'configmap' : 'secret'} must have a name`);
  const global = readOptions(ctx.file, ctx.global, 'generatorOptions');
  const options = mergeOptions(global, readOptions(ctx.file, args['options'], `${ctx.field}.options`));
  const resource = new Resource(buildObject(kind, args, collectPairs(ctx.loader, args, where), options));
  resource.needsHash = !options.disableNameSuffixHash;
  resource.behavior = readBehavior(args['behavior'], where);
  return resource;
}

/** Generates the ConfigMaps and Secrets a kustomization declares, in declaration order. */
export function runGenerators(k: Kustomization, loader: Loader): Resource[] {
  const out: Resource[] = [];
  for (const [field, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
    const list = k.doc[field];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) throw new InputError(`${k.file}: field ${field}: expected a list`);
    list.forEach((args, i) => {
      if (!isObject(args)) throw new InputError(`${k.file}: ${field}[${i}]: expected an object`);
      out.push(generateResource(kind, args, { loader, file: k.file, field: `${field}[${i}]`, global: k.doc['generatorOptions'] }));
    });
  }
  return out;
}
