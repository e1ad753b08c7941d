/**
 * Helm 4's duration helpers: mustToDuration, durationSeconds ... durationWeeks, durationRoundTo and
 * durationTruncateTo. Inputs are Go duration strings ("1m30s"), numeric strings and numbers (as
 * seconds), or durations; the lenient ones return 0 on bad input, mustToDuration fails.
 */
import type { FuncMap } from '../gotemplate/template-set.js';
import { ANY, GoInt, GoStruct, goFunc, goInt } from '../gotemplate/value.js';
import type { GoValue } from '../gotemplate/value.js';
import { formatDuration, parseDuration } from '../sprig/duration.js';
import { parseGoFloat } from '../sprig/conversion.js';

const SECOND = 1_000_000_000n;
const MINUTE = 60n * SECOND;
const HOUR = 60n * MINUTE;
const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);

/** A Go time.Duration: int64 nanoseconds, printed as Duration.String prints it. */
export class GoDuration extends GoStruct {
  constructor(readonly nanos: bigint) {
    super('time.Duration', {}, { String: goFunc([], () => formatDuration(nanos)) });
  }
}

function checked(nanos: bigint, what: string): bigint {
  if (nanos > MAX_INT64 || nanos < MIN_INT64) throw new Error(`duration seconds overflow: ${what}`);
  return nanos;
}

function fromSeconds(f: number): bigint {
  if (!Number.isFinite(f) || f * 1e9 >= 2 ** 63 || f * 1e9 < -(2 ** 63)) throw new Error(`duration seconds overflow: ${f}`);
  return BigInt(Math.trunc(f * 1e9));
}

function fromString(x: string): bigint {
  const s = x.trim();
  if (s === '') throw new Error('empty duration');
  try {
    return parseDuration(s);
  } catch {
    const f = parseGoFloat(s);
    if (f === undefined) throw new Error(`could not parse duration ${JSON.stringify(x)}`);
    return fromSeconds(f);
  }
}

/** Converts a template value to nanoseconds as Helm's asDuration does; throws on bad input. */
export function asDuration(v: GoValue): bigint {
  if (v instanceof GoDuration) return v.nanos;
  if (typeof v === 'string') return fromString(v);
  if (v === null || v === undefined) throw new Error('invalid duration');
  if (v instanceof GoInt) return checked(v.value * SECOND, v.value.toString());
  if (typeof v === 'number') return fromSeconds(v);
  throw new Error('unsupported duration type');
}

function lenient(v: GoValue): bigint {
  try {
    return asDuration(v);
  } catch {
    return 0n;
  }
}

function ratio(d: bigint, unit: bigint): number {
  return Number(d / unit) + Number(d % unit) / Number(unit);
}

/** Go's Duration.Round. */
function roundDuration(d: bigint, m: bigint): bigint {
  if (m <= 0n) return d;
  let r = d % m;
  const lessThanHalf = (x: bigint): boolean => x + x < m;
  if (d < 0n) {
    r = -r;
    if (lessThanHalf(r)) return d + r;
    const d1 = d - m + r;
    return d1 < d && d1 >= MIN_INT64 ? d1 : MIN_INT64;
  }
  if (lessThanHalf(r)) return d - r;
  const d1 = d + m - r;
  return d1 > d && d1 <= MAX_INT64 ? d1 : MAX_INT64;
}

function withMultiple(op: (d: bigint, m: bigint) => bigint): (a: GoValue[]) => GoValue {
  return (a) => {
    let d: bigint;
    try {
      d = asDuration(a[0]);
    } catch {
      return new GoDuration(0n);
    }
    let m: bigint;
    try {
      m = asDuration(a[1]);
    } catch {
      return new GoDuration(d);
    }
    return new GoDuration(op(d, m));
  };
}

/** The duration helpers as template functions. */
export function durationFuncs(): FuncMap {
  return {
    mustToDuration: goFunc([ANY], (a) => new GoDuration(asDuration(a[0]))),
    durationSeconds: goFunc([ANY], (a) => ratio(lenient(a[0]), SECOND)),
    durationMilliseconds: goFunc([ANY], (a) => goInt(lenient(a[0]) / 1_000_000n, 'int64')),
    durationMicroseconds: goFunc([ANY], (a) => goInt(lenient(a[0]) / 1_000n, 'int64')),
    durationNanoseconds: goFunc([ANY], (a) => goInt(lenient(a[0]), 'int64')),
    durationMinutes: goFunc([ANY], (a) => ratio(lenient(a[0]), MINUTE)),
    durationHours: goFunc([ANY], (a) => ratio(lenient(a[0]), HOUR)),
    durationDays: goFunc([ANY], (a) => ratio(lenient(a[0]), HOUR) / 24),
    durationWeeks: goFunc([ANY], (a) => ratio(lenient(a[0]), HOUR) / 24 / 7),
    durationRoundTo: goFunc([ANY, ANY], withMultiple(roundDuration)),
    durationTruncateTo: goFunc([ANY, ANY], withMultiple((d, m) => (m <= 0n ? d : d - (d % m)))),
  };
}
