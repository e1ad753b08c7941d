import { fileURLToPath } from 'node:url';
import { machineInfo, printRunFooter, writeResults } from './results.js';
import { formatTable, ratioOf, type Row } from './table.js';

/** Where every benchmark writes its JSON (bench/results in the checkout, from dist/bench/lib). */
export const RESULTS_DIR = fileURLToPath(new URL('../../../bench/results/', import.meta.url));

/**
 * The run every benchmark program shares: note the machine, measure, then write the JSON report
 * (options, machine before and after, the table with ratios, the raw results), print the table and
 * the footer.
 */
export async function measureAndReport<O, R>(o: {
  name: string;
  options: O;
  measure: () => Promise<R>;
  rows: (results: R) => Row[];
}): Promise<void> {
  const startedAt = new Date();
  const machineBefore = machineInfo();
  const results = await o.measure();
  const rows = o.rows(results);
  const machine = { ...machineBefore, loadAverageAfter: machineInfo().loadAverage };
  const table = rows.map((r) => ({ ...r, ratio: ratioOf(r) }));
  const report = { benchmark: o.name, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), options: o.options, machine, table, results };
  const path = writeResults(RESULTS_DIR, o.name, startedAt, report);
  process.stdout.write(`\n${formatTable(rows)}\n\n`);
  printRunFooter(machine, path);
}
