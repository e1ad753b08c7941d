/**
 * Sprig's date family over Go time.Time values: now, date, dateInZone, htmlDate(InZone),
 * dateModify, toDate, unixEpoch, ago, duration and durationRound, with the injected clock and
 * the injected zone as Go's time.Local.
 */
import type { FuncMap } from '../gotemplate/template-set.js';
import type { GoValue } from '../gotemplate/value.js';
import { ANY, GoInt, goFunc } from '../gotemplate/value.js';
import type { SprigContext } from './context.js';
import { parseGoInt, strArg } from './conversion.js';
import { formatDuration, parseDuration } from './duration.js';
import type { Instant, Location } from './go-time.js';
import { GoTime, UTC, civilOf, isKnownZone } from './go-time.js';
import { formatTime } from './time-layout.js';
import { parseTime } from './time-parse.js';

const ZERO_TIME: Instant = { sec: -62135596800, nsec: 0, loc: UTC };
const NANOS = 1000000000n;

function localOf(ctx: SprigContext): Location {
  return { kind: 'zone', name: 'Local', iana: ctx.localZone };
}

/** time.LoadLocation, falling back to UTC for an unknown zone as Sprig's dateInZone does. */
export function loadLocation(zone: string, ctx: SprigContext): Location {
  if (zone === '' || zone === 'UTC') return UTC;
  if (zone === 'Local') return localOf(ctx);
  return isKnownZone(zone) ? { kind: 'zone', name: zone, iana: zone } : UTC;
}

function nowOf(ctx: SprigContext): Instant {
  const ms = ctx.now().getTime();
  return { sec: Math.floor(ms / 1000), nsec: (ms % 1000 + 1000) % 1000 * 1e6, loc: localOf(ctx) };
}

/** The time a date argument stands for: a time.Time, Unix seconds as int/int32/int64, else now. */
function timeArg(v: GoValue, ctx: SprigContext): Instant {
  if (v instanceof GoTime) return v;
  if (v instanceof GoInt && (v.kind === 'int' || v.kind === 'int32' || v.kind === 'int64')) return { sec: Number(v.value), nsec: 0, loc: localOf(ctx) };
  return nowOf(ctx);
}

function inZone(t: Instant, loc: Location): Instant {
  return { sec: t.sec, nsec: t.nsec, loc };
}

function dateInZone(layout: string, date: GoValue, zone: string, ctx: SprigContext): string {
  return formatTime(civilOf(inZone(timeArg(date, ctx), loadLocation(zone, ctx))), layout);
}

function addNanos(t: Instant, d: bigint): Instant {
  const total = BigInt(t.sec) * NANOS + BigInt(t.nsec) + d;
  const sec = total / NANOS - (total % NANOS < 0n ? 1n : 0n);
  return { sec: Number(sec), nsec: Number(total - sec * NANOS), loc: t.loc };
}

function since(t: Instant, ctx: SprigContext): bigint {
  const now = nowOf(ctx);
  return (BigInt(now.sec) - BigInt(t.sec)) * NANOS + BigInt(now.nsec - t.nsec);
}

/** Duration.Round(time.Second): half away from zero. */
function roundToSecond(d: bigint): bigint {
  const r = d % NANOS;
  const half = NANOS / 2n;
  if (r >= half) return d - r + NANOS;
  if (r <= -half) return d - r - NANOS;
  return d - r;
}

function ago(v: GoValue, ctx: SprigContext): string {
  const t = v instanceof GoTime || (v instanceof GoInt && (v.kind === 'int' || v.kind === 'int64')) ? timeArg(v, ctx) : nowOf(ctx);
  return formatDuration(roundToSecond(since(t, ctx)));
}

function durationOf(v: GoValue): string {
  let n = 0n;
  if (typeof v === 'string') n = /^[+-]?\d+$/.test(v) ? (parseGoInt(v, 10) ?? 0n) : 0n;
  else if (v instanceof GoInt && v.kind === 'int64') n = v.value;
  return formatDuration(BigInt.asIntN(64, n * NANOS));
}

const ROUND_UNITS: Array<[bigint, string]> = [
  [3600n * 24n * 365n * NANOS, 'y'],
  [3600n * 24n * 30n * NANOS, 'mo'],
  [3600n * 24n * NANOS, 'd'],
  [3600n * NANOS, 'h'],
  [60n * NANOS, 'm'],
  [NANOS, 's'],
];

function durationRound(v: GoValue, ctx: SprigContext): string {
  let d = 0n;
  if (typeof v === 'string') {
    try {
      d = parseDuration(v);
    } catch {
      d = 0n;
    }
  } else if (v instanceof GoInt && v.kind === 'int64') d = v.value;
  else if (v instanceof GoTime) d = since(v, ctx);
  const u = d < 0n ? -d : d;
  for (const [unit, suffix] of ROUND_UNITS) if (u > unit) return `${u / unit}${suffix}`;
  return '0s';
}

function modify(t: GoValue, spec: string): GoValue {
  return GoTime.of(addNanos(t as GoTime, parseDuration(spec)));
}

/** The dates family. */
export function dateFuncs(ctx: SprigContext): FuncMap {
  const inZoneF = goFunc(['string', ANY, 'string'], (a) => dateInZone(strArg(a[0]), a[1], strArg(a[2]), ctx));
  const modifyF = goFunc(['string', 'time.Time'], (a) => safeModify(a[1] as GoTime, strArg(a[0])));
  const mustModify = goFunc(['string', 'time.Time'], (a) => modify(a[1], strArg(a[0])));
  const toDate = (a: GoValue[]): GoValue => GoTime.of(parseTime(strArg(a[0]), strArg(a[1]), localOf(ctx)));
  return {
    now: goFunc([], () => GoTime.of(nowOf(ctx))),
    date: goFunc(['string', ANY], (a) => dateInZone(strArg(a[0]), a[1], 'Local', ctx)),
    dateInZone: inZoneF,
    date_in_zone: inZoneF,
    htmlDate: goFunc([ANY], (a) => dateInZone('2006-01-02', a[0], 'Local', ctx)),
    htmlDateInZone: goFunc([ANY, 'string'], (a) => dateInZone('2006-01-02', a[0], strArg(a[1]), ctx)),
    dateModify: modifyF,
    date_modify: modifyF,
    mustDateModify: mustModify,
    must_date_modify: mustModify,
    toDate: goFunc(['string', 'string'], (a) => {
      try {
        return toDate(a);
      } catch {
        return GoTime.of(ZERO_TIME);
      }
    }),
    mustToDate: goFunc(['string', 'string'], toDate),
    unixEpoch: goFunc(['time.Time'], (a) => String((a[0] as GoTime).sec)),
    ago: goFunc([ANY], (a) => ago(a[0], ctx)),
    duration: goFunc([ANY], (a) => durationOf(a[0])),
    durationRound: goFunc([ANY], (a) => durationRound(a[0], ctx)),
  };
}

function safeModify(t: GoTime, spec: string): GoValue {
  try {
    return modify(t, spec);
  } catch {
    return t;
  }
}
