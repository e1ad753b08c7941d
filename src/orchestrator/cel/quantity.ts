/**
 * Kubernetes' CEL quantity library (`quantity("500Mi").isLessThan(quantity("1Gi"))`) for
 * @bufbuild/cel. A quantity is carried as a map holding its value, so comparisons are exact for
 * the sizes found in manifests.
 */
import { CelScalar, celFunc, celMethod, mapType, type CelFunc, type CelMap } from '@bufbuild/cel';

const SUFFIX: Readonly<Record<string, number>> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;
const KEY = '__kroQuantity';

/** The value of a Kubernetes quantity string, or undefined when it is not one. */
export function parseQuantity(s: string): number | undefined {
  const m = QUANTITY.exec(s.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  return base * (SUFFIX[m[3] ?? ''] ?? 1);
}

const Q = mapType(CelScalar.STRING, CelScalar.DYN);

function valueOf(q: CelMap): number {
  const v = q.get(KEY);
  if (typeof v !== 'number') throw new Error('not a quantity');
  return v;
}

function quantity(s: string): Map<string, number> {
  const v = parseQuantity(s);
  if (v === undefined) throw new Error(`invalid quantity ${JSON.stringify(s)}`);
  return new Map([[KEY, v]]);
}

/** quantity(), isQuantity() and the comparison and conversion methods. */
export const QUANTITY_FUNCS: CelFunc[] = [
  celFunc('quantity', [CelScalar.STRING], Q, (s) => quantity(s)),
  celFunc('isQuantity', [CelScalar.STRING], CelScalar.BOOL, (s) => parseQuantity(s) !== undefined),
  celMethod('isLessThan', Q, [Q], CelScalar.BOOL, function (o) {
    return valueOf(this) < valueOf(o);
  }),
  celMethod('isGreaterThan', Q, [Q], CelScalar.BOOL, function (o) {
    return valueOf(this) > valueOf(o);
  }),
  celMethod('compareTo', Q, [Q], CelScalar.INT, function (o) {
    return BigInt(Math.sign(valueOf(this) - valueOf(o)));
  }),
  celMethod('asApproximateFloat', Q, [], CelScalar.DOUBLE, function () {
    return valueOf(this);
  }),
  celMethod('asInteger', Q, [], CelScalar.INT, function () {
    return BigInt(Math.trunc(valueOf(this)));
  }),
  celMethod('sign', Q, [], CelScalar.INT, function () {
    return BigInt(Math.sign(valueOf(this)));
  }),
];
