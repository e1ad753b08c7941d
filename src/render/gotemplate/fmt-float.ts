/**
 * Go's strconv.FormatFloat for float64 in the e, E, f, F, g and G formats: shortest
 * round-trip digits when the precision is negative, otherwise exact decimal digits rounded half
 * to even, as Go rounds (JS's toFixed rounds exact halves up).
 */

/** Decimal digits of |x|: x = 0.d1d2d3... * 10^dp, without trailing zeros. */
interface Digits {
  readonly d: string;
  readonly dp: number;
}

/** Formats x as strconv.FormatFloat(x, fmt, prec, 64) does. */
export function formatFloat(x: number, fmt: string, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const body = formatAbs(Math.abs(x), fmt, prec);
  return neg ? `-${body}` : body;
}

function formatAbs(x: number, fmt: string, prec: number): string {
  const shortest = prec < 0;
  const lower = fmt.toLowerCase();
  if (lower === 'x') return formatHex(x, fmt, prec);
  if (fmt === 'b') return formatBinary(x);
  if (lower === 'e') {
    const digs = shortest ? shortestDigits(x) : roundDigits(exactDigits(x), prec + 1);
    return fmtE(digs, shortest ? Math.max(digs.d.length - 1, 0) : prec, fmt);
  }
  if (lower === 'f') {
    if (shortest) {
      const digs = shortestDigits(x);
      return fmtF(digs, Math.max(digs.d.length - digs.dp, 0));
    }
    const exact = exactDigits(x);
    return fmtF(roundDigits(exact, exact.dp + prec), prec);
  }
  return formatG(x, fmt, prec);
}

function formatG(x: number, fmt: string, prec: number): string {
  const shortest = prec < 0;
  let p = prec === 0 ? 1 : prec;
  const digs = shortest ? shortestDigits(x) : roundDigits(exactDigits(x), p);
  if (shortest) p = digs.d.length;
  let eprec = p;
  if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (p > digs.d.length) p = digs.d.length;
    return fmtE(digs, Math.max(p - 1, 0), fmt === 'G' ? 'E' : 'e');
  }
  if (p > digs.dp) p = digs.d.length;
  return fmtF(digs, Math.max(p - digs.dp, 0));
}

function fmtE(digs: Digits, prec: number, fmt: string): string {
  const { d } = digs;
  let s = d.length === 0 ? '0' : (d[0] ?? '0');
  if (prec > 0) s += `.${d.slice(1, prec + 1).padEnd(prec, '0')}`;
  const exp = d.length === 0 ? 0 : digs.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  return `${s}${fmt}${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function fmtF(digs: Digits, prec: number): string {
  const { d, dp } = digs;
  let s = dp > 0 ? d.slice(0, dp).padEnd(dp, '0') : '0';
  if (prec > 0) {
    let frac = '';
    for (let i = 1; i <= prec; i++) {
      const j = dp + i - 1;
      frac += j >= 0 && j < d.length ? d[j] : '0';
    }
    s += `.${frac}`;
  }
  return s;
}

/** The shortest digits that read back as x (JS and Go agree on these). */
function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const [mant = '0', exp = '0'] = x.toExponential().split('e');
  const d = mant.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(exp) + 1 };
}

/** The exact decimal expansion of a finite non-negative double. */
function exactDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp = (biased === 0 ? 1 : biased) - 1075;
  if (exp >= 0) return trimDigits((mantissa << BigInt(exp)).toString(), 0);
  const s = (mantissa * 5n ** BigInt(-exp)).toString();
  return trimDigits(s, exp);
}

function trimDigits(s: string, shift: number): Digits {
  const d = s.replace(/0+$/, '');
  return { d, dp: s.length + shift };
}

/** Rounds to nd digits, half to even on exact halves (Go's decimal.Round); nd < 0 keeps all. */
function roundDigits(digs: Digits, nd: number): Digits {
  const { d, dp } = digs;
  if (nd < 0 || nd >= d.length) return digs;
  if (!shouldRoundUp(d, nd)) return { d: d.slice(0, nd).replace(/0+$/, ''), dp };
  let i = nd - 1;
  while (i >= 0 && d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: dp + 1 };
  const up = String.fromCharCode(d.charCodeAt(i) + 1);
  return { d: d.slice(0, i) + up, dp };
}

function shouldRoundUp(d: string, nd: number): boolean {
  if (d[nd] === '5' && nd + 1 === d.length) return nd > 0 && (d.charCodeAt(nd - 1) - 48) % 2 === 1;
  return (d[nd] ?? '0') >= '5';
}

function floatBits(x: number): { mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  if (biased === 0) return { mant: fraction, exp: 1 - 1023 };
  return { mant: fraction | (1n << 52n), exp: biased - 1023 };
}

/** Go's %b for floats: decimal mantissa and binary exponent, like 4503599627370496p-52. */
function formatBinary(x: number): string {
  const { mant, exp } = floatBits(x);
  const e = exp - 52;
  return `${mant}p${e < 0 ? '-' : '+'}${Math.abs(e)}`;
}

/** Go's %x and %X for floats: a hexadecimal mantissa with a binary exponent, like 0x1.cp+01. */
function formatHex(x: number, fmt: string, prec: number): string {
  let { mant, exp } = floatBits(x);
  if (mant === 0n) exp = 0;
  mant <<= 8n;
  const top = 1n << 60n;
  while (mant !== 0n && (mant & top) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (top - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const digits = (mant & (top - 1n)).toString(16).padStart(15, '0');
  let frac = prec < 0 ? digits.replace(/0+$/, '') : digits.slice(0, prec).padEnd(prec, '0');
  if (fmt === 'X') frac = frac.toUpperCase();
  const lead = `0${fmt}${(mant >> 60n) & 1n}`;
  const p = fmt === 'X' ? 'P' : 'p';
  const e = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return `${lead}${frac === '' ? '' : `.${frac}`}${p}${e}`;
}
