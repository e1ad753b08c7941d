/**
 * Semantic versions as Masterminds/semver v3 parses and orders them (NewVersion's lenient form:
 * optional "v", missing minor or patch, pre-release and metadata), and the `*semver.Version`
 * value Sprig's semver function hands to templates, with its methods.
 */
import type { GoFunc, GoValue } from '../gotemplate/value.js';
import { GoStruct, goFunc, goInt } from '../gotemplate/value.js';

/** A parsed version. */
export interface SemVersion {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: string;
  readonly metadata: string;
  readonly original: string;
}

const VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const MAX_UINT64 = 2n ** 64n - 1n;

function segment(text: string | undefined): bigint {
  const n = BigInt((text ?? '.0').replace('.', '') || '0');
  if (n > MAX_UINT64) throw new Error(`Error parsing version segment: strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`);
  return n;
}

/** semver.NewVersion; throws Go's error messages. */
export function parseVersion(v: string): SemVersion {
  const m = VERSION.exec(v);
  if (m === null) throw new Error('Invalid Semantic Version');
  const pre = m[5] ?? '';
  for (const part of pre === '' ? [] : pre.split('.')) {
    if (/^[0-9]+$/.test(part) && part.length > 1 && part.startsWith('0')) throw new Error('Version segment starts with 0');
  }
  return { major: segment(m[1]), minor: segment(m[2]), patch: segment(m[3]), pre, metadata: m[8] ?? '', original: v };
}

/** Version.String: the normalised form without "v". */
export function versionString(v: SemVersion): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre === '' ? '' : `-${v.pre}`}${v.metadata === '' ? '' : `+${v.metadata}`}`;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sn = /^[0-9]+$/.test(s);
  const on = /^[0-9]+$/.test(o);
  if (!sn && !on) return s > o ? 1 : -1;
  if (!sn) return 1;
  if (!on) return -1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

/** Compares pre-release strings part by part, numbers below words, fewer parts first. */
export function comparePrerelease(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = comparePrePart(x[i] ?? '', y[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** Version.Compare: -1, 0 or 1; metadata is ignored. */
export function compareVersions(a: SemVersion, b: SemVersion): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  if (a.pre === b.pre) return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return comparePrerelease(a.pre, b.pre);
}

/** A Go *semver.Version (or semver.Version) value carrying its parsed version. */
export class SemverValue extends GoStruct {
  constructor(
    readonly version: SemVersion,
    pointer: boolean,
  ) {
    super(pointer ? '*semver.Version' : 'semver.Version', {}, pointer ? pointerMethods(version) : valueMethods(version));
  }
}

function other(v: GoValue): SemVersion {
  if (v instanceof SemverValue) return v.version;
  throw new Error('value is nil; should be of type *semver.Version');
}

function bumped(v: SemVersion, change: Partial<SemVersion>): SemverValue {
  const next = { ...v, pre: '', metadata: '', ...change };
  const prefix = v.original.startsWith('v') ? 'v' : '';
  return new SemverValue({ ...next, original: prefix + versionString(next) }, false);
}

function valueMethods(v: SemVersion): Record<string, GoFunc> {
  const setPart = (key: 'pre' | 'metadata') => (a: GoValue[]): GoValue => {
    const text = String(a[0]);
    if (text !== '' && !/^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$/.test(text)) throw new Error(key === 'pre' ? 'Invalid Prerelease string' : 'Invalid Metadata string');
    return bumped(v, { pre: v.pre, metadata: v.metadata, [key]: text });
  };
  return {
    String: goFunc([], () => versionString(v)),
    IncPatch: goFunc([], () => bumped(v, v.pre === '' ? { patch: v.patch + 1n } : {})),
    IncMinor: goFunc([], () => bumped(v, { minor: v.minor + 1n, patch: 0n })),
    IncMajor: goFunc([], () => bumped(v, { major: v.major + 1n, minor: 0n, patch: 0n })),
    SetPrerelease: goFunc(['string'], setPart('pre')),
    SetMetadata: goFunc(['string'], setPart('metadata')),
    MarshalJSON: goFunc([], () => JSON.stringify(versionString(v))),
  };
}

function pointerMethods(v: SemVersion): Record<string, GoFunc> {
  const P = '*semver.Version';
  return {
    ...valueMethods(v),
    Original: goFunc([], () => v.original),
    Major: goFunc([], () => goInt(v.major, 'uint64')),
    Minor: goFunc([], () => goInt(v.minor, 'uint64')),
    Patch: goFunc([], () => goInt(v.patch, 'uint64')),
    Prerelease: goFunc([], () => v.pre),
    Metadata: goFunc([], () => v.metadata),
    Compare: goFunc([P], (a) => goInt(compareVersions(v, other(a[0])))),
    LessThan: goFunc([P], (a) => compareVersions(v, other(a[0])) < 0),
    GreaterThan: goFunc([P], (a) => compareVersions(v, other(a[0])) > 0),
    Equal: goFunc([P], (a) => compareVersions(v, other(a[0])) === 0),
  };
}
