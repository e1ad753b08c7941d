/**
 * The Helm repository client: index.yaml, a version choice, the .tgz (from the disk cache when an
 * earlier fetch verified it), the digest check and the unpacked file tree.
 */
import { InputError, withContext } from '../core/index.js';
import type { Logger } from '../core/index.js';
import { readChartArchive } from '../render/index.js';
import { cachedChartPath, readCachedChart, sha256Hex, writeCachedChart } from './chart-cache.js';
import { displayURL, getBytes } from './http-get.js';
import type { FetchFunction, RepositoryCredentials } from './http-get.js';
import { parseRepositoryIndex, selectChartVersion } from './repository-index.js';
import type { ChartVersionEntry } from './repository-index.js';

export type { RepositoryCredentials } from './http-get.js';

/** What to fetch: Argo CD's spec.source repoURL, chart and targetRevision, and the repo's credentials. */
export interface ChartRequest {
  readonly repoURL: string;
  readonly chart: string;
  /** An exact version ("1.2.3") or a semver constraint ("~1.2", ">=1.0.0 <2.0.0", "*"). */
  readonly version: string;
  readonly credentials?: RepositoryCredentials;
}

/** A fetched chart: the version chosen and its files, as renderHelmChart takes them. */
export interface FetchedChart {
  readonly name: string;
  readonly version: string;
  /** The archive's SHA-256 (hex). */
  readonly digest: string;
  readonly files: Map<string, Buffer>;
  /** True when the archive came from the disk cache. */
  readonly cached: boolean;
}

/** Fetches charts from Helm HTTP repositories. */
export interface HelmRepositoryClient {
  /** The version a request resolves to, from the repository's index. */
  resolveVersion(request: ChartRequest): Promise<ChartVersionEntry>;
  /** Downloads (or reads from the cache) and unpacks the chart version a request names. */
  fetchChart(request: ChartRequest): Promise<FetchedChart>;
}

/** Dependencies of the client. */
export interface HelmRepositoryClientOptions {
  /** Where downloaded archives are kept, one folder per repository. */
  readonly cacheDir: string;
  readonly log: Logger;
  /** globalThis.fetch by default. */
  readonly fetch?: FetchFunction;
  /** Time limit of each HTTP request; 60 s by default. */
  readonly timeoutMs?: number;
}

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

interface Repository {
  readonly base: URL;
  readonly credentials?: RepositoryCredentials;
}

/** The repository's base URL, with credentials written into the URL moved to a header's. */
function repositoryOf(request: ChartRequest): Repository {
  let base: URL;
  try {
    base = new URL(request.repoURL.endsWith('/') ? request.repoURL : `${request.repoURL}/`);
  } catch {
    throw new InputError('repoURL is not a URL (a Helm repository is http:// or https://)');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new InputError(`repoURL ${displayURL(base)}: only http and https Helm repositories are supported`);
  const inline = base.username === '' ? undefined : { username: decodeURIComponent(base.username), password: decodeURIComponent(base.password) };
  base.username = '';
  base.password = '';
  const credentials = request.credentials ?? inline;
  return credentials === undefined ? { base } : { base, credentials };
}

function verify(data: Buffer, entry: ChartVersionEntry): string {
  const digest = sha256Hex(data);
  if (entry.digest !== undefined && entry.digest !== digest) {
    throw new InputError(`${entry.name}-${entry.version}.tgz: digest ${digest} does not match the index's ${entry.digest}`);
  }
  return digest;
}

function unpack(data: Buffer, entry: ChartVersionEntry): Map<string, Buffer> {
  const files = readChartArchive(data, `${entry.name}-${entry.version}.tgz`);
  if (!files.has('Chart.yaml')) throw new InputError(`${entry.name}-${entry.version}.tgz: no Chart.yaml under the archive's top folder`);
  return files;
}

/** Creates a client that keeps downloaded charts under `cacheDir`. */
export function createHelmRepositoryClient(options: HelmRepositoryClientOptions): HelmRepositoryClient {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const get = (repo: Repository, url: URL): Promise<Buffer> =>
    getBytes(fetchFn, { url, repositoryOrigin: repo.base.origin, timeoutMs, ...(repo.credentials === undefined ? {} : { credentials: repo.credentials }) });

  async function resolveIn(repo: Repository, request: ChartRequest): Promise<ChartVersionEntry> {
    const indexURL = new URL('index.yaml', repo.base);
    const index = parseRepositoryIndex((await get(repo, indexURL)).toString('utf8'), displayURL(indexURL));
    return selectChartVersion(index, request.chart, request.version);
  }

  async function cachedExact(repo: Repository, request: ChartRequest): Promise<FetchedChart | undefined> {
    if (!EXACT_VERSION.test(request.version)) return undefined;
    const file = cachedChartPath(options.cacheDir, repo.base.toString(), request.chart, request.version);
    const data = await readCachedChart(file);
    if (data === undefined) return undefined;
    const entry = { name: request.chart, version: request.version, urls: [] };
    return { name: entry.name, version: entry.version, digest: sha256Hex(data), files: unpack(data, entry), cached: true };
  }

  async function download(repo: Repository, entry: ChartVersionEntry): Promise<FetchedChart> {
    const file = cachedChartPath(options.cacheDir, repo.base.toString(), entry.name, entry.version);
    const cached = await readCachedChart(file);
    if (cached !== undefined && (entry.digest === undefined || sha256Hex(cached) === entry.digest)) {
      return { name: entry.name, version: entry.version, digest: sha256Hex(cached), files: unpack(cached, entry), cached: true };
    }
    const url = new URL(entry.urls[0] as string, repo.base);
    const data = await get(repo, url);
    const digest = verify(data, entry);
    const files = unpack(data, entry);
    await writeCachedChart(file, data);
    options.log.info('downloaded Helm chart', { repo: displayURL(repo.base), chart: entry.name, version: entry.version, bytes: data.length });
    return { name: entry.name, version: entry.version, digest, files, cached: false };
  }

  const context = (request: ChartRequest): string => {
    let where = 'an invalid repoURL';
    try {
      where = displayURL(request.repoURL);
    } catch {
      // keep the placeholder: the URL itself may hold credentials
    }
    return `fetch Helm chart ${request.chart} ${request.version} from ${where}`;
  };
  const guarded = async <T>(request: ChartRequest, run: (repo: Repository) => Promise<T>): Promise<T> => {
    try {
      return await run(repositoryOf(request));
    } catch (error) {
      throw withContext(context(request), error);
    }
  };

  return {
    resolveVersion: (request) => guarded(request, (repo) => resolveIn(repo, request)),
    fetchChart: (request) =>
      guarded(request, async (repo) => (await cachedExact(repo, request)) ?? download(repo, await resolveIn(repo, request))),
  };
}
