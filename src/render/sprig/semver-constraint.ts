/**
 * Masterminds/semver v3 constraints: `||` alternatives of comma- or space-separated comparisons
 * (`= != > < >= <= ~ ~> ^`), hyphen ranges, `x`/`*` wildcards, and its rule that a pre-release
 * version only satisfies a comparison whose own version names a pre-release.
 */
import type { SemVersion } from './semver-version.js';
import { comparePrerelease, compareVersions, parseVersion } from './semver-version.js';

interface Constraint {
  readonly op: string;
  readonly con: SemVersion;
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
}

const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CV = 'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const ONE = new RegExp(`^\\s*(${OPS})\\s*(${CV})\\s*$`);
const FIND = new RegExp(`(${OPS})\\s*(${CV})`, 'g');
const VALID = new RegExp(`^(\\s*(${OPS})\\s*(${CV})\\s*,?)+$`);
const RANGE = new RegExp(`\\s*(${CV})\\s+-\\s+(${CV})\\s*`, 'g');

const isX = (s: string): boolean => s === 'x' || s === 'X' || s === '*';

function parseOne(text: string): Constraint {
  const m = ONE.exec(text);
  if (m === null) throw new Error(`improper constraint: ${text}`);
  const [, op = '', whole = '', major = '', minor = '', patch = '', pre = ''] = m;
  let ver = whole;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    ver = '0.0.0';
    dirty = true;
  } else if (isX(minor.slice(1)) || minor === '') {
    [dirty, minorDirty, ver] = [true, true, `${major}.0.0${pre}`];
  } else if (isX(patch.slice(1)) || patch === '') {
    [dirty, patchDirty, ver] = [true, true, `${major}${minor}.0${pre}`];
  }
  let con: SemVersion;
  try {
    con = parseVersion(ver);
  } catch {
    throw new Error('constraint Parser Error');
  }
  return { op, con, dirty, minorDirty, patchDirty };
}

/** semver.NewConstraint: the alternatives, each a list of comparisons that must all hold. */
export function parseConstraint(text: string): Constraint[][] {
  const rewritten = text.replace(RANGE, (_m, ...g: string[]) => `>= ${g[0] ?? ''}, <= ${g[10] ?? ''}`);
  return rewritten.split('||').map((alt) => {
    if (!VALID.test(alt)) throw new Error(`improper constraint: ${alt}`);
    const found = alt.match(FIND) ?? [alt];
    return found.map(parseOne);
  });
}

const excludedPre = (v: SemVersion, c: Constraint): boolean => v.pre !== '' && c.con.pre === '';

function notEqual(v: SemVersion, c: Constraint): boolean {
  if (c.dirty) {
    if (excludedPre(v, c)) return false;
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) return v.pre !== '' || c.con.pre !== '' ? comparePrerelease(v.pre, c.con.pre) !== 0 : false;
  }
  return compareVersions(v, c.con) !== 0;
}

function greaterThan(v: SemVersion, c: Constraint): boolean {
  if (excludedPre(v, c)) return false;
  if (!c.dirty) return compareVersions(v, c.con) === 1;
  if (v.major !== c.con.major) return v.major > c.con.major;
  if (c.minorDirty) return false;
  if (c.patchDirty) return v.minor > c.con.minor;
  return compareVersions(v, c.con) === 1;
}

function lessThanEqual(v: SemVersion, c: Constraint): boolean {
  if (excludedPre(v, c)) return false;
  if (!c.dirty) return compareVersions(v, c.con) <= 0;
  if (v.major > c.con.major) return false;
  return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
}

function tilde(v: SemVersion, c: Constraint): boolean {
  if (excludedPre(v, c) || compareVersions(v, c.con) < 0) return false;
  const { con } = c;
  if (con.major === 0n && con.minor === 0n && con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== con.major) return false;
  return !(v.minor !== con.minor && !c.minorDirty);
}

function caret(v: SemVersion, c: Constraint): boolean {
  if (excludedPre(v, c) || compareVersions(v, c.con) < 0) return false;
  const { con } = c;
  if (con.major > 0n || c.minorDirty) return v.major === con.major;
  if (v.major > 0n) return false;
  if (con.minor > 0n || c.patchDirty) return v.minor === con.minor;
  if (v.minor > 0n) return false;
  return con.patch === v.patch;
}

const CHECKS: Record<string, (v: SemVersion, c: Constraint) => boolean> = {
  '': (v, c) => (excludedPre(v, c) ? false : c.dirty ? tilde(v, c) : compareVersions(v, c.con) === 0),
  '!=': notEqual,
  '>': greaterThan,
  '<': (v, c) => !excludedPre(v, c) && compareVersions(v, c.con) < 0,
  '>=': (v, c) => !excludedPre(v, c) && compareVersions(v, c.con) >= 0,
  '<=': lessThanEqual,
  '~': tilde,
  '^': caret,
};
const ALIASES: Record<string, string> = { '=': '', '=>': '>=', '=<': '<=', '~>': '~' };

/** Constraints.Check: true when any alternative's comparisons all hold. */
export function checkConstraint(alternatives: Constraint[][], v: SemVersion): boolean {
  return alternatives.some((all) => all.every((c) => (CHECKS[ALIASES[c.op] ?? c.op] ?? (() => false))(v, c)));
}
