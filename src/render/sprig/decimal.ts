/**
 * The slice of shopspring/decimal that Sprig's float functions (addf, subf, mulf, divf, add1f)
 * use: exact decimal arithmetic on the shortest decimal form of each float64, division rounded
 * half away from zero at 16 places, then back to the nearest float64.
 */

/** coef * 10^exp, exactly. */
export interface Decimal {
  readonly coef: bigint;
  readonly exp: number;
}

const DIVISION_PRECISION = 16;

/** decimal.NewFromFloat: the shortest decimal that reads back as x. */
export function decimalFromFloat(x: number): Decimal {
  if (!Number.isFinite(x)) throw new Error(`Cannot create a Decimal from ${Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf'}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (m === null) return { coef: 0n, exp: 0 };
  const [, sign = '', whole = '0', frac = '', exp = '0'] = m;
  const coef = BigInt(`${whole}${frac}`);
  return { coef: sign === '-' ? -coef : coef, exp: Number(exp) - frac.length };
}

function scale(d: Decimal, exp: number): bigint {
  return d.coef * 10n ** BigInt(d.exp - exp);
}

/** d1 + d2. */
export function decimalAdd(a: Decimal, b: Decimal): Decimal {
  const exp = Math.min(a.exp, b.exp);
  return { coef: scale(a, exp) + scale(b, exp), exp };
}

/** d1 - d2. */
export function decimalSub(a: Decimal, b: Decimal): Decimal {
  return decimalAdd(a, { coef: -b.coef, exp: b.exp });
}

/** d1 * d2. */
export function decimalMul(a: Decimal, b: Decimal): Decimal {
  return { coef: a.coef * b.coef, exp: a.exp + b.exp };
}

/** d1 / d2 rounded half away from zero to 16 decimal places (decimal.Div). */
export function decimalDiv(a: Decimal, b: Decimal): Decimal {
  if (b.coef === 0n) throw new Error('decimal division by zero');
  const shift = a.exp - b.exp + DIVISION_PRECISION;
  let num = a.coef;
  let den = b.coef;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  let q = num / den;
  const r = num % den;
  const abs = (n: bigint): bigint => (n < 0n ? -n : n);
  if (2n * abs(r) >= abs(den)) q += (num < 0n) !== (den < 0n) ? -1n : 1n;
  return { coef: q, exp: -DIVISION_PRECISION };
}

/** The nearest float64 to the decimal. */
export function decimalToFloat(d: Decimal): number {
  return Number(`${d.coef}e${d.exp}`);
}
