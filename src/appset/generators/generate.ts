/**
 * Parameter generation for one ApplicationSet generator, in the shape of Argo CD's Transform: the
 * generator (interpolated with a matrix parent's params, when there are some) produces parameter
 * sets, and its `selector` keeps those whose flattened params match. list, clusters, git, matrix
 * and merge are built in; other generator kinds are refused by name.
 */
import { InputError } from '../../core/index.js';
import type { GeneratorSpec, GitGeneratorSpec, JsonObject, ParamSet } from '../types.js';
import { generateClusterParams } from './clusters.js';
import { combineStringMaps, combineStringMapsAllowDuplicates, mergeOverride } from './combine.js';
import { generateDirectoryParams, generateFileParams } from './git.js';
import { interpolateGenerator } from './interpolate.js';
import { generateListParams } from './list.js';
import { paramSetsByMergeKey } from './merge-keys.js';
import { flattenToStrings } from './params.js';
import type { GenerateContext, GeneratorImpl, GeneratorKind } from './ports.js';
import { compileSelector, type LabelMatcher } from './selector.js';

/** One generator kind's output: its parameter sets and its own template override, if any. */
export interface GeneratorResult {
  readonly kind: GeneratorKind;
  readonly params: ParamSet[];
  readonly template?: JsonObject;
}

const KINDS: readonly GeneratorKind[] = ['list', 'clusters', 'git', 'matrix', 'merge'];
const UNSUPPORTED = ['scmProvider', 'pullRequest', 'plugin', 'clusterDecisionResource'];

/** The generator kinds a generator object sets (a well-formed one sets exactly one). */
export function generatorKinds(generator: GeneratorSpec): GeneratorKind[] {
  const unsupported = UNSUPPORTED.find((k) => generator[k] !== undefined && generator[k] !== null);
  if (unsupported) throw new InputError(`the ${unsupported} generator is not supported by gantry (supported: ${KINDS.join(', ')})`);
  return KINDS.filter((k) => generator[k] !== undefined && generator[k] !== null);
}

const listImpl: GeneratorImpl = async (g, ctx) => generateListParams(g.list ?? {}, ctx.mode);

const clustersImpl: GeneratorImpl = async (g, ctx) => generateClusterParams(g.clusters ?? {}, await ctx.clusters.listClusterSecrets(), ctx.mode);

async function gitFileParams(spec: GitGeneratorSpec, ctx: GenerateContext): Promise<ParamSet[]> {
  const included = new Map<string, string>();
  const excluded = new Set<string>();
  for (const item of spec.files ?? []) {
    const files = await ctx.repos.files(spec.repoURL, spec.revision ?? '', item.path);
    if (item.exclude === true) files.forEach((_content, path) => excluded.add(path));
    else files.forEach((content, path) => included.set(path, content));
  }
  return generateFileParams(spec, included, excluded, ctx.mode);
}

const gitImpl: GeneratorImpl = async (g, ctx) => {
  const spec = g.git;
  if (!spec) throw new InputError('ApplicationSet is empty');
  try {
    if ((spec.directories ?? []).length > 0) return generateDirectoryParams(spec, await ctx.repos.directories(spec.repoURL, spec.revision ?? ''), ctx.mode);
    if ((spec.files ?? []).length === 0) throw new InputError('the git generator needs directories or files');
    return await gitFileParams(spec, ctx);
  } catch (error) {
    throw new InputError(`error generating params from git: ${(error as Error).message}`, { cause: error });
  }
};

function withoutNestedSelectors(generators: GeneratorSpec[]): GeneratorSpec[] {
  return generators.map((g) => {
    if (g.selector === undefined) return g;
    const copy = { ...g };
    delete copy.selector;
    return copy;
  });
}

/** A matrix or merge child as Transform sees it: its nested generators' selectors dropped unless applyNestedSelectors. */
function asChild(child: GeneratorSpec, ctx: GenerateContext): GeneratorSpec {
  if (ctx.applyNestedSelectors === true) return child;
  let out = child;
  if (child.matrix?.generators) out = { ...out, matrix: { ...child.matrix, generators: withoutNestedSelectors(child.matrix.generators) } };
  if (child.merge?.generators) out = { ...out, merge: { ...child.merge, generators: withoutNestedSelectors(child.merge.generators) } };
  return out;
}

async function matrixChildParams(child: GeneratorSpec, ctx: GenerateContext, params: ParamSet | undefined): Promise<ParamSet[]> {
  if (generatorKinds(child).length > 1) throw new InputError('found more than one generator in matrix.Generators');
  const results = await transformGenerator(asChild(child, ctx), ctx, params);
  if (results.length === 0) throw new InputError('child generator generated no parameters');
  return (results[0] as GeneratorResult).params;
}

const matrixImpl: GeneratorImpl = async (g, ctx) => {
  const children = g.matrix?.generators ?? [];
  if (children.length < 2) throw new InputError('found less than two generators, Matrix support only two');
  if (children.length > 2) throw new InputError('found more than two generators, Matrix support only two');
  const [first, second] = children as [GeneratorSpec, GeneratorSpec];
  const left = await matrixChildParams(first, ctx, undefined).catch((e: unknown) => {
    throw new InputError(`error failed to get params for first generator in matrix generator: ${(e as Error).message}`, { cause: e });
  });
  const out: ParamSet[] = [];
  for (const a of left) {
    const right = await matrixChildParams(second, ctx, a).catch((e: unknown) => {
      throw new InputError(`failed to get params for second generator in the matrix generator: ${(e as Error).message}`, { cause: e });
    });
    for (const b of right) out.push(ctx.mode.goTemplate ? mergeOverride(mergeOverride({}, b), a) : combineStringMaps(a, b));
  }
  return out;
};

const mergeImpl: GeneratorImpl = async (g, ctx) => {
  const children = g.merge?.generators ?? [];
  if (children.length < 2) throw new InputError('found less than two generators, Merge requires two or more');
  const lists: ParamSet[][] = [];
  for (const child of children) {
    const results = await transformGenerator(asChild(child, ctx), ctx, undefined).catch((e: unknown) => {
      throw new InputError(`child generator returned an error on parameter generation: ${(e as Error).message}`, { cause: e });
    });
    lists.push(...results.map((r) => r.params));
  }
  const keys = g.merge?.mergeKeys ?? [];
  const base = paramSetsByMergeKey(keys, lists[0] ?? []);
  for (const sets of lists.slice(1)) {
    const overrides = paramSetsByMergeKey(keys, sets);
    for (const [key, set] of base) {
      const override = overrides.get(key);
      if (override) base.set(key, ctx.mode.goTemplate ? mergeOverride(set, override) : combineStringMapsAllowDuplicates(set, override));
    }
  }
  return [...base.values()];
};

const BUILT_IN: Record<GeneratorKind, GeneratorImpl> = { list: listImpl, clusters: clustersImpl, git: gitImpl, matrix: matrixImpl, merge: mergeImpl };

function selectorOf(generator: GeneratorSpec): LabelMatcher | undefined {
  if (generator.selector === undefined || generator.selector === null) return undefined;
  try {
    return compileSelector(generator.selector);
  } catch (error) {
    throw new InputError(`error parsing label selector: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Generates the parameter sets of one generator (Argo CD's Transform). `parentParams` are a matrix
 * parent's params, used to interpolate this generator first.
 */
export async function transformGenerator(generator: GeneratorSpec, ctx: GenerateContext, parentParams?: ParamSet): Promise<GeneratorResult[]> {
  const matches = selectorOf(generator);
  const results: GeneratorResult[] = [];
  for (const kind of generatorKinds(generator)) {
    const effective = parentParams && Object.keys(parentParams).length > 0 ? interpolateGenerator(generator, parentParams, ctx.mode) : generator;
    const impl = ctx.generators?.[kind] ?? BUILT_IN[kind];
    const params = await impl(effective, ctx);
    const kept = matches ? params.filter((p) => matches(flattenToStrings(p))) : params;
    const template = (generator[kind] as { template?: JsonObject } | undefined)?.template;
    results.push({ kind, params: kept, ...(template ? { template } : {}) });
  }
  return results;
}
