/**
 * Accumulating one kustomization: its resources (files and nested kustomizations), generators,
 * components, then its transformers in kustomize's order.
 */
import { InputError, messageOf } from '../../core/index.js';
import { inlinePluginConfigs, runGeneratorPlugin } from './builtin-plugins.js';
import { loadCrdConfigurations } from './crd-config.js';
import { isWithin, type Loader } from './file-system.js';
import { runGenerators } from './generators.js';
import { isObject, type JsonObject } from './json-value.js';
import { loadKustomization, stringListField, type Kustomization } from './kustomization.js';
import { runKustomizationTransformers } from './kust-transformers.js';
import { builtinOrigin, joinOriginPath, pluginOrigin, type Origin, type OriginRepo } from './origin.js';
import { absorbGenerated, appendResource } from './res-map.js';
import { Resource } from './resource.js';
import { emptyTransformerConfig, loadConfigurations, mergeTransformerConfigs, type TransformerConfig } from './transformer-config.js';
import { declareVars, mergeVars, parseVars, type Var } from './vars.js';
import { toObjects } from './yaml-read.js';
import type { HelmTemplateCache } from '../helm/template-cache.js';
import { inflateHelmCharts } from './helm-charts.js';
import { escapesTree, remoteLoader } from './remote-loader.js';
import type { RemoteResources } from './remote-sources.js';
import { parseRemoteTarget } from './remote-url.js';

/** What every level of a build shares, plus the origin path of the current kustomization. */
export interface BuildContext {
  remote?: RemoteResources;
  /** Parsed Helm templates kept across builds, for helmCharts. */
  helmCache?: HelmTemplateCache;
  /** Remote targets being built, outermost first: kustomize refuses a repository that includes itself. */
  remoteChain?: string[];
  /** Set when the build tracks build metadata: the kustomization's path from the build root. */
  origin?: string;
  /** Set inside a remote target: its repository and ref, recorded in origins. */
  originRepo?: OriginRepo;
}

/** What a kustomization accumulates: resources, the transformer configuration and the vars declared so far. */
export interface Accumulator {
  resources: Resource[];
  config: TransformerConfig;
  vars: Var[];
}

/** An empty accumulator (kustomize's default configuration comes with each kustomization). */
export function emptyAccumulator(): Accumulator {
  return { resources: [], config: emptyTransformerConfig(), vars: [] };
}

function absorbChild(acc: Accumulator, child: Accumulator): void {
  for (const r of child.resources) appendResource(acc.resources, r);
  acc.config = mergeTransformerConfigs(acc.config, child.config);
  acc.vars = mergeVars(acc.vars, child.vars);
}

function within(ctx: BuildContext, path: string): BuildContext {
  return ctx.origin === undefined ? ctx : { ...ctx, origin: joinOriginPath(ctx.origin, path) };
}

function accumulateFile(loader: Loader, path: string, list: Resource[], ctx: BuildContext): boolean {
  const abs = loader.resolve(path);
  if (!loader.fs.isFile(abs)) return false;
  const text = loader.load(path).toString('utf8');
  for (const obj of toObjects(loader.parseYaml(text, abs), abs)) {
    const resource = new Resource(obj);
    resource.origin = abs;
    if (ctx.origin !== undefined) resource.buildOrigin = { path: joinOriginPath(ctx.origin, path), ...(ctx.originRepo ?? {}) };
    appendResource(list, resource);
  }
  return true;
}

function childLoader(loader: Loader, path: string): Loader {
  const repo = loader.fs.repository;
  if (repo !== undefined && escapesTree(loader.root, path)) throw new InputError(`security; base '${path}' of '${loader.root}' is outside the repository ${repo}`);
  const abs = loader.resolve(path);
  if (!loader.fs.isDir(abs) && !loader.fs.isFile(abs)) throw new InputError(`'${abs}' doesn't exist: it is neither a file nor a directory`);
  if (!loader.fs.isDir(abs)) throw new InputError(`must build at directory: '${abs}'`);
  if (isWithin(loader.root, abs)) throw new InputError(`cycle detected: candidate root '${abs}' contains visited root '${loader.root}'`);
  return loader.forDirectory(abs);
}

/** The loader of a directory entry: a remote target's kustomization root, or a local directory. */
function targetLoader(loader: Loader, path: string, ctx: BuildContext): { child: Loader; ctx: BuildContext } {
  const remote = parseRemoteTarget(path);
  if (!remote.ok) return { child: childLoader(loader, path), ctx: within(ctx, path) };
  const chain = ctx.remoteChain ?? [];
  const child = remoteLoader(loader, remote.value, { remote: ctx.remote, chain });
  const tracked = ctx.origin === undefined ? {} : { origin: remote.value.path, originRepo: { repo: remote.value.repoURL, ref: remote.value.ref } };
  return { child, ctx: { ...ctx, remoteChain: [...chain, path], ...tracked } };
}

/** An entry of a list field naming files or directories, with the field path that names it in errors. */
interface PathEntry {
  path: string;
  field: string;
}

function entriesOf(k: Kustomization, field: string): PathEntry[] {
  return stringListField(k, field).map((path, i) => ({ path, field: `${field}[${i}]` }));
}

function accumulatePaths(entries: readonly PathEntry[], k: Kustomization, loader: Loader, acc: Accumulator, ctx: BuildContext): void {
  for (const { path, field } of entries) {
    try {
      if (accumulateFile(loader, path, acc.resources, ctx)) continue;
      const { child, ctx: inner } = targetLoader(loader, path, ctx);
      const sub = loadKustomization(child.fs, child.root);
      if (sub.kind === 'Component') throw new InputError(`expected kind != 'Component' for path '${child.root}'`);
      absorbChild(acc, accumulateTarget(sub, child, emptyAccumulator(), inner));
    } catch (error) {
      throw new InputError(`accumulating resources: ${k.file}: ${field}: '${path}': ${messageOf(error)}`, { cause: error });
    }
  }
}

function accumulateResources(k: Kustomization, loader: Loader, acc: Accumulator, ctx: BuildContext): void {
  accumulatePaths([...entriesOf(k, 'resources'), ...entriesOf(k, 'bases')], k, loader, acc, ctx);
}

/** Plugin configurations of a `transformers:` or `generators:` field: inline ones first, then those read from paths. */
function pluginConfigs(k: Kustomization, field: 'transformers' | 'generators', loader: Loader, ctx: BuildContext): Resource[] {
  const inline: Resource[] = [];
  const paths: PathEntry[] = [];
  for (const entry of entriesOf(k, field)) {
    const configs = inlinePluginConfigs(entry.path, k.file);
    if (!configs) paths.push(entry);
    for (const cfg of configs ?? []) {
      const r = new Resource(cfg);
      if (ctx.origin !== undefined) r.buildOrigin = { path: joinOriginPath(ctx.origin, k.file.slice(k.file.lastIndexOf('/') + 1)), ...(ctx.originRepo ?? {}) };
      inline.push(r);
    }
  }
  const acc = emptyAccumulator();
  accumulatePaths(paths, k, loader, acc, ctx);
  return [...inline, ...acc.resources];
}

function accumulateComponents(k: Kustomization, loader: Loader, acc: Accumulator, ctx: BuildContext): void {
  for (const { path, field } of entriesOf(k, 'components')) {
    try {
      const { child, ctx: inner } = targetLoader(loader, path, ctx);
      const sub = loadKustomization(child.fs, child.root);
      if (sub.kind !== 'Component') throw new InputError(`expected kind 'Component' for path '${child.root}' but got '${sub.kind}'`);
      accumulateTarget(sub, child, acc, inner);
    } catch (error) {
      throw new InputError(`accumulating components: accumulateDirectory: "${messageOf(error)}" (${k.file}: ${field}: '${path}')`, { cause: error });
    }
  }
}

function generate(k: Kustomization, loader: Loader, acc: Accumulator, ctx: BuildContext): Array<{ made: Resource[]; origin?: Origin }> {
  const tracked = ctx.origin;
  const builtin = runGenerators(k, loader).map((r) => {
    const origin = tracked === undefined ? undefined : builtinOrigin(tracked, k.file, `${r.kind()}Generator`, ctx.originRepo);
    return origin === undefined ? { made: [r] } : { made: [r], origin };
  });
  const helmCtx = { ...(ctx.remote ? { remote: ctx.remote } : {}), ...(ctx.helmCache ? { cache: ctx.helmCache } : {}) };
  const charts = inflateHelmCharts(k, loader, helmCtx).map((r) => {
    const origin = tracked === undefined ? undefined : builtinOrigin(tracked, k.file, 'HelmChartInflationGenerator', ctx.originRepo);
    return origin === undefined ? { made: [r] } : { made: [r], origin };
  });
  const host = { loader, file: k.file, config: acc.config };
  const plugins = pluginConfigs(k, 'generators', loader, ctx).map((cfg) => {
    const made = runGeneratorPlugin(cfg.obj, host);
    return tracked === undefined ? { made } : { made, origin: pluginOrigin(cfg) };
  });
  return [...builtin, ...charts, ...plugins];
}

function runGeneratorsInto(k: Kustomization, loader: Loader, acc: Accumulator, ctx: BuildContext): void {
  for (const { made, origin } of generate(k, loader, acc, ctx)) {
    for (const generated of made) {
      if (origin !== undefined && generated.buildOrigin === undefined) generated.buildOrigin = origin;
      try {
        absorbGenerated(acc.resources, generated);
      } catch (error) {
        throw new InputError(`${k.file}: generators: ${messageOf(error)}`, { cause: error });
      }
    }
  }
}

/**
 * Accumulates a kustomization into `acc` (empty for a kustomization, the parent's accumulator
 * for a component) and returns it.
 */
export function accumulateTarget(k: Kustomization, loader: Loader, acc: Accumulator, ctx: BuildContext): Accumulator {
  loader.schema.consider(k, loader);
  checkOpenApiPath(k, loader);
  accumulateResources(k, loader, acc, ctx);
  acc.config = mergeTransformerConfigs(acc.config, loadConfigurations(stringListField(k, 'configurations'), loader, k.file));
  acc.config = mergeTransformerConfigs(acc.config, loadCrdConfigurations(stringListField(k, 'crds'), loader, k.file));
  runGeneratorsInto(k, loader, acc, ctx);
  accumulateComponents(k, loader, acc, ctx);
  const plugins = pluginConfigs(k, 'transformers', loader, ctx);
  runKustomizationTransformers({ k, loader, config: acc.config, origin: ctx.origin, ...(ctx.originRepo ? { originRepo: ctx.originRepo } : {}) }, acc.resources, plugins);
  const vars = parseVars(k);
  declareVars(acc.resources, vars, k.file);
  acc.vars = mergeVars(acc.vars, vars);
  return acc;
}

/** The `openapi.path` schema must exist (gantry reads the built-in merge keys, not the schema's). */
function checkOpenApiPath(k: Kustomization, loader: Loader): void {
  const openapi = k.doc['openapi'];
  if (isObject(openapi) && typeof openapi['path'] === 'string') loader.loadAs(openapi['path'], `${k.file}: openapi.path`);
}

/** Reads a kustomization's sortOptions, if any. */
export function sortOptionsOf(k: Kustomization): JsonObject | undefined {
  const v = k.doc['sortOptions'];
  return isObject(v) ? v : undefined;
}
