/**
 * The git generator's pure part. Directories: every directory of the repository filtered by
 * `directories` patterns (Go path.Match; an exclude wins over any include). Files: the contents of
 * the files the patterns select, each parsed as one YAML/JSON object or a list of them, plus the
 * path parameters (path, path.basename, path.filename, path[n], *Normalized) under an optional
 * pathParamPrefix.
 */
import { posix } from 'node:path';
import { InputError } from '../../core/index.js';
import { parseGoYaml } from '../../render/index.js';
import type { GitGeneratorSpec, ParamSet, TemplateMode } from '../types.js';
import { appendTemplatedValues, flattenToStrings, sanitizeName } from './params.js';
import { compilePathPattern } from './path-match.js';

function tryMatch(pattern: RegExp | undefined, path: string): boolean {
  return pattern !== undefined && pattern.test(path);
}

function compileOrSkip(pattern: string): RegExp | undefined {
  try {
    return compilePathPattern(pattern);
  } catch {
    return undefined; // Argo CD logs a bad pattern and skips it.
  }
}

/** The directories the generator's `directories` items select, in repository order. */
export function filterDirectories(items: NonNullable<GitGeneratorSpec['directories']>, allPaths: readonly string[]): string[] {
  const compiled = items.map((i) => ({ pattern: compileOrSkip(i.path), exclude: i.exclude === true }));
  return allPaths.filter((p) => {
    const hits = compiled.filter((c) => tryMatch(c.pattern, p));
    return hits.some((c) => !c.exclude) && !hits.some((c) => c.exclude);
  });
}

function pathParams(dir: string, file: string | undefined, prefix: string | undefined, mode: TemplateMode): ParamSet {
  const basename = posix.basename(dir);
  if (mode.goTemplate) {
    const p: Record<string, unknown> = { path: dir, basename, basenameNormalized: sanitizeName(basename) };
    if (file !== undefined) Object.assign(p, { filename: file, filenameNormalized: sanitizeName(file) });
    p['segments'] = dir.split('/');
    return prefix ? { [prefix]: { path: p } } : { path: p };
  }
  const name = prefix ? `${prefix}.path` : 'path';
  const out: ParamSet = { [name]: dir, [`${name}.basename`]: basename, [`${name}.basenameNormalized`]: sanitizeName(basename) };
  if (file !== undefined) Object.assign(out, { [`${name}.filename`]: file, [`${name}.filenameNormalized`]: sanitizeName(file) });
  dir.split('/').forEach((segment, i) => {
    if (segment !== '') out[`${name}[${i}]`] = segment;
  });
  return out;
}

/** Parameter sets of a directories git generator, given every directory of the repository. */
export function generateDirectoryParams(spec: GitGeneratorSpec, allPaths: readonly string[], mode: TemplateMode): ParamSet[] {
  return filterDirectories(spec.directories ?? [], allPaths).map((dir) => appendTemplatedValues(spec.values, pathParams(dir, undefined, spec.pathParamPrefix, mode), mode));
}

function describeJsonType(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'array' : 'object';
}

/** The objects a parameter file holds: one map (an empty file is one empty map) or a list of maps. */
export function parseParamFile(content: string): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = parseGoYaml(content);
  } catch (error) {
    throw new InputError(`unable to parse file: error converting YAML to JSON: ${(error as Error).message}`, { cause: error });
  }
  if (parsed === null) return [{}];
  if (typeof parsed === 'object' && !Array.isArray(parsed)) return [parsed as Record<string, unknown>];
  if (!Array.isArray(parsed)) {
    throw new InputError(`unable to parse file: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${describeJsonType(parsed)} into Go value of type []map[string]interface {}`);
  }
  return parsed.map((item) => {
    if (item === null) return {};
    if (typeof item !== 'object' || Array.isArray(item)) {
      throw new InputError(`unable to parse file: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${describeJsonType(item)} into Go value of type map[string]interface {}`);
    }
    return item as Record<string, unknown>;
  });
}

/** Parameter sets of one parameter file. */
export function paramsFromFile(filePath: string, content: string, spec: GitGeneratorSpec, mode: TemplateMode): ParamSet[] {
  const dir = posix.dirname(filePath);
  const file = posix.basename(filePath);
  return parseParamFile(content).map((object) => {
    const fields = mode.goTemplate ? object : flattenToStrings(object);
    return appendTemplatedValues(spec.values, { ...fields, ...pathParams(dir, file, spec.pathParamPrefix, mode) }, mode);
  });
}

/**
 * Parameter sets of a files git generator: `included` and `excluded` map each file the include
 * (exclude) patterns selected to its content; files are processed in sorted path order.
 */
export function generateFileParams(spec: GitGeneratorSpec, included: ReadonlyMap<string, string>, excluded: ReadonlySet<string>, mode: TemplateMode): ParamSet[] {
  const paths = [...included.keys()].filter((p) => !excluded.has(p)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: ParamSet[] = [];
  for (const path of paths) {
    try {
      out.push(...paramsFromFile(path, included.get(path) ?? '', spec, mode));
    } catch (error) {
      throw new InputError(`unable to process file '${path}' from repository '${spec.repoURL}': ${(error as Error).message}`, { cause: error });
    }
  }
  return out;
}
