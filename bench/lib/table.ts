/** One line of a benchmark's table: a figure, its value, the same-run baseline and their ratio. */
export interface Row {
  figure: string;
  unit: string;
  value: number;
  /** What the baseline is ("raw https, c=8"); absent when the figure has none. */
  baselineLabel?: string;
  baseline?: number;
  /** Decimals to show (default: 0 from 100 up, 1 from 10, else 2); 0 for counts. */
  digits?: number;
}

const HEADERS = ['figure', 'value', 'baseline', 'ratio'];

/** The value divided by the baseline, or undefined when there is no usable baseline. */
export function ratioOf(row: Row): number | undefined {
  if (row.baseline === undefined || !Number.isFinite(row.baseline) || row.baseline === 0) return undefined;
  return row.value / row.baseline;
}

function formatNumber(value: number, unit: string, fixed?: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = fixed ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return `${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`.trimEnd();
}

function cellsOf(row: Row): string[] {
  const ratio = ratioOf(row);
  const baseline = row.baseline === undefined ? '-' : `${formatNumber(row.baseline, row.unit, row.digits)} (${row.baselineLabel ?? 'baseline'})`;
  return [row.figure, formatNumber(row.value, row.unit, row.digits), baseline, ratio === undefined ? '-' : `${ratio.toFixed(2)}x`];
}

/** Renders rows as a plain-text table with a header line, columns padded to fit. */
export function formatTable(rows: readonly Row[]): string {
  const lines = [HEADERS, ...rows.map(cellsOf)];
  const widths = HEADERS.map((_, col) => Math.max(...lines.map((cells) => (cells[col] ?? '').length)));
  const render = (cells: string[]): string =>
    cells
      .map((c, col) => (col === 1 || col === 3 ? c.padStart(widths[col] ?? 0) : c.padEnd(widths[col] ?? 0)))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [render(lines[0] as string[]), rule, ...lines.slice(1).map(render)].join('\n');
}
