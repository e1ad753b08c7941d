/**
 * A Helm repository's index.yaml: chart versions by name, and the choice of one version as
 * Helm's IndexFile.Get makes it: an exact version string first, else the highest version that
 * satisfies the constraint (an empty or `*` constraint skips pre-releases).
 */
import { InputError, NotFoundError } from '../core/index.js';
import { parseGoYaml, semverCompare } from '../render/index.js';

function isYamlMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One version of a chart in the index. */
export interface ChartVersionEntry {
  readonly name: string;
  readonly version: string;
  /** Where the .tgz is: absolute, or relative to the repository URL. */
  readonly urls: readonly string[];
  /** The archive's SHA-256 in hex, when the index has one. */
  readonly digest?: string;
}

/** The parsed index: versions of each chart, highest first. */
export interface RepositoryIndex {
  readonly entries: ReadonlyMap<string, readonly ChartVersionEntry[]>;
}

const SEMVER = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Semver's order of two pre-release identifiers: numbers numerically and before words. */
function compareIdentifiers(x: string, y: string): number {
  const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
  if (nx && ny) return Number(x) - Number(y);
  if (nx !== ny) return nx ? -1 : 1;
  return x === y ? 0 : x < y ? -1 : 1;
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '' || b === '') return a === '' ? 1 : -1;
  const [pa, pb] = [a.split('.'), b.split('.')];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const d = compareIdentifiers(pa[i] as string, pb[i] as string);
    if (d !== 0) return d;
  }
  return pa.length - pb.length;
}

/** Orders semantic versions (precedence of semver 2.0); versions that do not parse sort first. */
export function compareVersions(a: string, b: string): number {
  const [ma, mb] = [SEMVER.exec(a), SEMVER.exec(b)];
  if (ma === null || mb === null) return ma === null ? (mb === null ? 0 : -1) : 1;
  for (const i of [1, 2, 3]) {
    const d = Number(ma[i] ?? 0) - Number(mb[i] ?? 0);
    if (d !== 0) return d;
  }
  return comparePrerelease(ma[4] ?? '', mb[4] ?? '');
}

function readEntry(name: string, raw: unknown): ChartVersionEntry | undefined {
  if (!isYamlMap(raw)) return undefined;
  const version = typeof raw['version'] === 'string' ? raw['version'] : typeof raw['version'] === 'number' ? String(raw['version']) : '';
  const urls = Array.isArray(raw['urls']) ? raw['urls'].filter((u): u is string => typeof u === 'string') : [];
  if (version === '' || urls.length === 0) return undefined;
  const digest = typeof raw['digest'] === 'string' && raw['digest'] !== '' ? raw['digest'].replace(/^sha256:/, '').toLowerCase() : undefined;
  return digest === undefined ? { name, version, urls } : { name, version, urls, digest };
}

/** Parses index.yaml; throws an InputError when it is not a Helm repository index. */
export function parseRepositoryIndex(text: string, where: string): RepositoryIndex {
  let doc: unknown;
  try {
    doc = parseGoYaml(text);
  } catch (error) {
    throw new InputError(`${where}: index.yaml is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  if (!isYamlMap(doc) || !isYamlMap(doc['entries'])) throw new InputError(`${where}: index.yaml has no entries: is this a Helm chart repository?`);
  const entries = new Map<string, ChartVersionEntry[]>();
  for (const [name, list] of Object.entries(doc['entries'])) {
    const versions = (Array.isArray(list) ? list : []).map((raw) => readEntry(name, raw)).filter((e): e is ChartVersionEntry => e !== undefined);
    entries.set(name, versions.sort((a, b) => compareVersions(b.version, a.version)));
  }
  return { entries };
}

function satisfies(constraint: string, version: string): boolean {
  try {
    return semverCompare(constraint, version);
  } catch {
    return false;
  }
}

/**
 * Picks the version of a chart that `wanted` names: an exact version, else the highest version
 * satisfying it as a semver constraint; throws a NotFoundError naming what the index offers.
 */
export function selectChartVersion(index: RepositoryIndex, chart: string, wanted: string): ChartVersionEntry {
  const versions = index.entries.get(chart);
  if (versions === undefined || versions.length === 0) throw new NotFoundError(`chart ${JSON.stringify(chart)} not found in the repository index`);
  const exact = versions.find((v) => v.version === wanted);
  if (exact !== undefined) return exact;
  const constraint = wanted.trim() === '' ? '*' : wanted;
  try {
    semverCompare(constraint, '0.0.0');
  } catch (error) {
    throw new InputError(`chart ${chart}: ${JSON.stringify(wanted)} is neither a version in the index nor a semver constraint: ${(error as Error).message}`);
  }
  const found = versions.find((v) => satisfies(constraint, v.version));
  if (found !== undefined) return found;
  const offered = versions.slice(0, 5).map((v) => v.version).join(', ');
  throw new NotFoundError(`no version of chart ${chart} matches ${JSON.stringify(wanted)} (the index offers ${offered}${versions.length > 5 ? ', ...' : ''})`);
}
