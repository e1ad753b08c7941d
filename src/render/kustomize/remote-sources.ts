/**
 * What a build reads from outside its file tree: git repositories named by remote targets in
 * `resources`/`components`, and charts pulled from Helm repositories by `helmCharts`.
 *
 * The build itself is synchronous and pure, so these are fetched first: prefetchRemoteSources
 * walks the kustomization tree (following local directories and, once fetched, remote ones),
 * collects every remote target and chart pull it meets, fetches them through the caller's port
 * (all of one round in parallel), and repeats on what the fetched trees reference, until nothing
 * new turns up. The build then reads the results from memory through RemoteResources.
 */
import { InputError, messageOf } from '../../core/index.js';
import { MemoryFileSystem, toAbsolute } from './file-system.js';
import { chartDirOf, chartHomeOf } from './helm-charts.js';
import { isObject, type JsonObject } from './json-value.js';
import { loadKustomization, type Kustomization } from './kustomization.js';
import type { KustomizeCache } from './kustomize-cache.js';
import { parseRemoteTarget, type RemoteTarget } from './remote-url.js';

/** A chart a helmCharts entry pulls from a Helm repository (`repo`), at `version` ('' for the latest). */
export interface ChartPull {
  repo: string;
  name: string;
  version: string;
}

/** What a build looks up in memory: fetched repositories and charts; undefined when not fetched. */
export interface RemoteResources {
  /** Every file of the repository at `ref`, keyed by path from its root. */
  repository(repoURL: string, ref: string): ReadonlyMap<string, Buffer> | undefined;
  /** The chart's files (under one top folder or at the root), as renderHelmChart takes them. */
  chart?(pull: ChartPull): ReadonlyMap<string, Buffer> | undefined;
}

/** Fetches for prefetchRemoteSources; gantry's git layer and Helm repository client implement it. */
export interface RemoteFetcher {
  /** Every file of the repository at `target.ref` ('' for the default branch). */
  fetchRepository(target: RemoteTarget): Promise<ReadonlyMap<string, Buffer>>;
  /** The files of a chart from a Helm repository. */
  fetchChart?(pull: ChartPull): Promise<ReadonlyMap<string, Buffer>>;
}

/** Options of prefetchRemoteSources. */
export interface PrefetchOptions {
  /** The kustomization directory, relative to the root of `files`. */
  path: string;
  fetcher: RemoteFetcher;
  cache?: KustomizeCache;
  /** The most repositories and charts one build may fetch (default 64). */
  maxFetches?: number;
}

const repoKey = (repoURL: string, ref: string): string => `${repoURL}\u0000${ref}`;
const chartKey = (p: ChartPull): string => `${p.repo}\u0000${p.name}\u0000${p.version}`;

interface Needs {
  targets: RemoteTarget[];
  charts: ChartPull[];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function tryLoad(fs: MemoryFileSystem, dir: string): Kustomization | undefined {
  try {
    return loadKustomization(fs, dir);
  } catch {
    return undefined; // the build reports it, with the field that led here
  }
}

/** Charts of `helmCharts` that name a repo and are not already under chartHome. */
function chartPulls(fs: MemoryFileSystem, k: Kustomization): ChartPull[] {
  const home = chartHomeOf(k);
  const charts = Array.isArray(k.doc['helmCharts']) ? k.doc['helmCharts'].filter(isObject) : [];
  return charts.flatMap((c: JsonObject) => {
    const [name, repo, version] = [c['name'], c['repo'], c['version'] ?? ''];
    if (typeof name !== 'string' || typeof repo !== 'string' || repo === '' || typeof version !== 'string') return [];
    return fs.isDir(chartDirOf(home, { name, version, repo })) ? [] : [{ repo, name, version }];
  });
}

/** Walks the kustomizations reachable through local directories from `dir`, collecting what they fetch. */
function collectNeeds(fs: MemoryFileSystem, dir: string, needs: Needs, seen = new Set<string>()): void {
  if (seen.has(dir)) return;
  seen.add(dir);
  const k = tryLoad(fs, dir);
  if (k === undefined) return;
  needs.charts.push(...chartPulls(fs, k));
  for (const entry of ['resources', 'bases', 'components'].flatMap((f) => stringList(k.doc[f]))) {
    const abs = toAbsolute(`${dir}/${entry}`);
    if (fs.isFile(abs)) continue;
    const remote = parseRemoteTarget(entry);
    if (remote.ok) needs.targets.push(remote.value);
    else if (fs.isDir(abs)) collectNeeds(fs, abs, needs, seen);
  }
}

/** The fetched trees, answering the build's lookups. */
class FetchedSources implements RemoteResources {
  readonly repos = new Map<string, ReadonlyMap<string, Buffer>>();
  readonly charts = new Map<string, ReadonlyMap<string, Buffer>>();

  repository(repoURL: string, ref: string): ReadonlyMap<string, Buffer> | undefined {
    return this.repos.get(repoKey(repoURL, ref));
  }

  chart(pull: ChartPull): ReadonlyMap<string, Buffer> | undefined {
    return this.charts.get(chartKey(pull));
  }
}

async function fetchTargets(targets: RemoteTarget[], o: PrefetchOptions, into: FetchedSources): Promise<Array<{ target: RemoteTarget; files: ReadonlyMap<string, Buffer> }>> {
  const fresh = new Map<string, RemoteTarget>();
  for (const t of targets) if (!into.repos.has(repoKey(t.repoURL, t.ref))) fresh.set(repoKey(t.repoURL, t.ref), t);
  await Promise.all(
    [...fresh].map(async ([key, t]) => {
      try {
        into.repos.set(key, await o.fetcher.fetchRepository(t));
      } catch (error) {
        throw new InputError(`fetch remote target '${t.raw}': ${messageOf(error)}`, { cause: error });
      }
    }),
  );
  return targets.map((target) => ({ target, files: into.repos.get(repoKey(target.repoURL, target.ref)) ?? new Map() }));
}

async function fetchCharts(charts: ChartPull[], o: PrefetchOptions, into: FetchedSources): Promise<void> {
  const fresh = new Map(charts.filter((c) => !into.charts.has(chartKey(c))).map((c) => [chartKey(c), c]));
  const fetchChart = o.fetcher.fetchChart?.bind(o.fetcher);
  if (fresh.size > 0 && fetchChart === undefined) return; // the build names the chart it cannot find
  await Promise.all(
    [...fresh].map(async ([key, c]) => {
      if (fetchChart) into.charts.set(key, await fetchChart(c));
    }),
  );
}

/**
 * Fetches every git repository and Helm chart the kustomization at `options.path` reaches,
 * recursively, and returns them for renderKustomization's `remote` option.
 */
export async function prefetchRemoteSources(files: ReadonlyMap<string, Buffer>, options: PrefetchOptions): Promise<RemoteResources> {
  const fetched = new FetchedSources();
  const max = options.maxFetches ?? 64;
  const visited = new Set<string>();
  let frontier: Array<{ fs: MemoryFileSystem; dir: string }> = [{ fs: new MemoryFileSystem(files, options.cache), dir: toAbsolute(options.path) }];
  while (frontier.length > 0) {
    const needs: Needs = { targets: [], charts: [] };
    for (const { fs, dir } of frontier) collectNeeds(fs, dir, needs);
    await fetchCharts(needs.charts, options, fetched);
    const targets = needs.targets.filter((t) => !visited.has(`${repoKey(t.repoURL, t.ref)}\u0000${t.path}`));
    for (const t of targets) visited.add(`${repoKey(t.repoURL, t.ref)}\u0000${t.path}`);
    if (fetched.repos.size + fetched.charts.size + targets.length > max) throw new InputError(`kustomize build reaches more than ${max} remote repositories and charts`);
    frontier = (await fetchTargets(targets, options, fetched)).map(({ target, files: repo }) => ({ fs: new MemoryFileSystem(repo, options.cache), dir: toAbsolute(target.path) }));
  }
  return fetched;
}
