/** Go's time.Duration text: ParseDuration and Duration.String over int64 nanoseconds. */

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n,
  'μs': 1000n,
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};
const MAX = 2n ** 63n - 1n;

/** One "<number><unit>" term of a duration, in nanoseconds; throws Go's errors. */
function durationTerm(rest: string, quoted: string): [bigint, number] {
  const m = /^([0-9]*)(?:\.([0-9]*))?([^0-9.]*)/.exec(rest);
  const [whole = '', intPart = '', frac = '', unit = ''] = m ?? [];
  if (intPart === '' && frac === '') throw new Error(`time: invalid duration ${quoted}`);
  if (unit === '') throw new Error(`time: missing unit in duration ${quoted}`);
  const scale = UNITS[unit];
  if (scale === undefined) throw new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
  const fractional = frac === '' ? 0n : BigInt(Math.trunc(Number(`0.${frac}`) * Number(scale)));
  return [BigInt(intPart || '0') * scale + fractional, whole.length];
}

/** time.ParseDuration: "1h2m3.5s", "-1.5h", "300ms"; throws Go's errors. */
export function parseDuration(s: string): bigint {
  const quoted = JSON.stringify(s);
  const negative = s.startsWith('-');
  let rest = s.startsWith('-') || s.startsWith('+') ? s.slice(1) : s;
  if (rest === '0') return 0n;
  if (rest === '') throw new Error(`time: invalid duration ${quoted}`);
  let total = 0n;
  while (rest !== '') {
    const [v, used] = durationTerm(rest, quoted);
    total += v;
    if (total > MAX + (negative ? 1n : 0n)) throw new Error(`time: invalid duration ${quoted}`);
    rest = rest.slice(used);
  }
  return negative ? -total : total;
}

function fraction(v: bigint, digits: number): [string, bigint] {
  const pow = 10n ** BigInt(digits);
  const frac = (v % pow).toString().padStart(digits, '0').replace(/0+$/, '');
  return [frac === '' ? '' : `.${frac}`, v / pow];
}

/** Duration.String: "1h0m0s", "1.5s", "300ms", "0s". */
export function formatDuration(d: bigint): string {
  if (d === 0n) return '0s';
  const sign = d < 0n ? '-' : '';
  const u = d < 0n ? -d : d;
  if (u < 1000n) return `${sign}${u}ns`;
  if (u < 1000000n) {
    const [micro, whole] = fraction(u, 3);
    return `${sign}${whole}${micro}µs`;
  }
  const [frac, rest] = u < 1000000000n ? fraction(u, 6) : fraction(u, 9);
  if (u < 1000000000n) return `${sign}${rest}${frac}ms`;
  const secs = `${rest % 60n}${frac}s`;
  if (rest < 60n) return sign + secs;
  const minutes = rest / 60n;
  if (minutes < 60n) return `${sign}${minutes}m${secs}`;
  return `${sign}${minutes / 60n}h${minutes % 60n}m${secs}`;
}
