/** Order statistics over a set of samples, as benchmarks report them. */
export interface Summary {
  n: number;
  min: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** The q-quantile (0..1) of `samples` by the nearest-rank method; NaN for no samples. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

/** The median (nearest rank, lower middle for an even count). */
export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

/** Summarises samples: count, min, p50, p99, max and mean. */
export function summarize(samples: readonly number[]): Summary {
  const n = samples.length;
  const mean = n === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / n;
  return {
    n,
    min: n === 0 ? Number.NaN : Math.min(...samples),
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    max: n === 0 ? Number.NaN : Math.max(...samples),
    mean,
  };
}

/** Objects per second for `count` objects done in `ms` milliseconds. */
export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : Number.NaN;
}

/** Rounds to `digits` decimals, for JSON that people read. */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
