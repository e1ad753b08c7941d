/**
 * The ApplicationSet benchmark: 50 cluster Secrets x 20 add-on ApplicationSets (1,000 generated
 * Applications), each figure beside a baseline from the same run. Run it with
 *
 *     npm run build && node dist/bench/appset.js [--clusters N] [--appsets M]
 *
 * On a fresh local control plane it measures: the raw server-side-apply ceiling for the same
 * N*M Application objects (c=32, before the controller starts); the time from the last cluster
 * Secret written to all N*M Applications existing; and the time to re-evaluate after one
 * cluster's label changes (its M Applications rewritten), beside a raw apply of those M objects.
 * The Application controller does not run. Prints a table and writes JSON to bench/results/.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { positiveFlag } from './lib/flags.js';
import { runBenchmarkMain, type BenchmarkContext } from './lib/main.js';
import { machineInfo, printRunFooter, writeResults } from './lib/results.js';
import { formatTable, ratioOf, type Row } from './lib/table.js';
import { measureAppSets, type AppSetBenchResults } from './appset/measure.js';

const RESULTS_DIR = fileURLToPath(new URL('../../bench/results/', import.meta.url));

/** How much work one run does. */
export interface AppSetBenchOptions {
  clusters: number;
  appsets: number;
}

const USAGE = `usage: npm run build && node dist/bench/appset.js [--clusters N] [--appsets M]
  --clusters N   cluster Secrets (default 50)
  --appsets M    add-on ApplicationSets, each generating one Application per cluster (default 20)`;

function parse(argv: string[]): AppSetBenchOptions | 'help' {
  const { values } = parseArgs({ args: argv, options: { clusters: { type: 'string' }, appsets: { type: 'string' }, help: { type: 'boolean' } }, strict: true });
  if (values.help) return 'help';
  return {
    clusters: positiveFlag({ flag: '--clusters', text: values.clusters, fallback: 50, max: 1000, usage: USAGE }),
    appsets: positiveFlag({ flag: '--appsets', text: values.appsets, fallback: 20, max: 200, usage: USAGE }),
  };
}

function rowsOf(r: AppSetBenchResults): Row[] {
  const n = r.applications;
  return [
    { figure: `last cluster Secret -> all ${n} Applications exist`, unit: 'ms', value: r.lastSecretToAllMs, baselineLabel: `raw SSA of ${n} Applications, c=32`, baseline: r.ceiling.ms },
    { figure: `first cluster Secret -> all ${n} Applications exist`, unit: 'ms', value: r.writeSecretsMs + r.lastSecretToAllMs, baselineLabel: `raw SSA of ${n} Applications, c=32`, baseline: r.ceiling.ms },
    { figure: 'Applications generated per second', unit: '/s', value: (n * 1000) / Math.max(1, r.writeSecretsMs + r.lastSecretToAllMs), baselineLabel: 'raw SSA ceiling', baseline: r.ceiling.perSecond },
    { figure: 'Applications generated per second', unit: '/s', value: (n * 1000) / Math.max(1, r.writeSecretsMs + r.lastSecretToAllMs), baselineLabel: 'raw create (POST) ceiling, c=32', baseline: r.createCeiling.perSecond },
    { figure: `one cluster's label change -> its ${r.relabel.applications} Applications rewritten`, unit: 'ms', value: r.relabel.ms, baselineLabel: `raw SSA of ${r.relabel.applications} Applications, c=32`, baseline: r.relabel.baselineMs },
    { figure: 'ApplicationSet reconciles it caused (echoes of own writes included)', unit: '', value: r.relabel.reconciles, digits: 0, baselineLabel: 'ApplicationSets whose selector matches', baseline: r.relabel.matching },
    { figure: 'unrelated cluster label change -> reconciles', unit: '', value: r.unrelated.reconciles, digits: 0, baselineLabel: 'ApplicationSets whose selector matches', baseline: r.unrelated.matching },
  ];
}

async function run(ctx: BenchmarkContext<AppSetBenchOptions>): Promise<void> {
  const startedAt = new Date();
  const machineBefore = machineInfo();
  const results = await measureAppSets(ctx);
  const rows = rowsOf(results);
  const machine = { ...machineBefore, loadAverageAfter: machineInfo().loadAverage };
  const report = { benchmark: 'appset', startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), options: ctx.options, machine, table: rows.map((r) => ({ ...r, ratio: ratioOf(r) })), results };
  const path = writeResults(RESULTS_DIR, 'appset', startedAt, report);
  process.stdout.write(`\n${formatTable(rows)}\n\n`);
  printRunFooter(machine, path);
}

process.exitCode = await runBenchmarkMain({ parse, usage: USAGE, run });
