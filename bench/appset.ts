/**
 * The ApplicationSet benchmark: 50 registered clusters x 20 add-on ApplicationSets (1,000
 * generated Applications), each figure beside a baseline from the same run. Run it with
 *
 *     npm run build && node dist/bench/appset.js [--clusters N] [--appsets M]
 *
 * On a fresh local control plane it first measures the raw ceilings (server-side apply of the
 * same N*M Application objects at c=32, their POST, and N cluster Secrets at c=8). Then, with the
 * fleet controller and the ApplicationSet controller running in this process, it writes N
 * GitOps Bridge registrations to the fleet's store (each registering the hub's own endpoint, so
 * connection checks are real) and measures the time from the last registration written to all
 * N*M Applications existing, and from one registration's label change to its M Applications
 * rewritten (and how many ApplicationSets that re-evaluated). Secondary rows repeat the run with
 * cluster Secrets written directly, on a second control namespace. The Application controller
 * does not run. Prints a table and writes JSON to bench/results/.
 */
import { parseArgs } from 'node:util';
import { positiveFlag } from './lib/flags.js';
import { measureAndReport } from './lib/report.js';
import { runBenchmarkMain, type BenchmarkContext } from './lib/main.js';
import type { Row } from './lib/table.js';
import { measureAppSets, type AppSetBenchResults } from './appset/measure.js';


/** How much work one run does. */
export interface AppSetBenchOptions {
  clusters: number;
  appsets: number;
}

const USAGE = `usage: npm run build && node dist/bench/appset.js [--clusters N] [--appsets M]
  --clusters N   registered clusters (default 50)
  --appsets M    add-on ApplicationSets, each generating one Application per cluster (default 20)`;

function parse(argv: string[]): AppSetBenchOptions | 'help' {
  const { values } = parseArgs({ args: argv, options: { clusters: { type: 'string' }, appsets: { type: 'string' }, help: { type: 'boolean' } }, strict: true });
  if (values.help) return 'help';
  return {
    clusters: positiveFlag({ flag: '--clusters', text: values.clusters, fallback: 50, max: 1000, usage: USAGE }),
    appsets: positiveFlag({ flag: '--appsets', text: values.appsets, fallback: 20, max: 200, usage: USAGE }),
  };
}

function registeredRows(r: AppSetBenchResults): Row[] {
  const { ceilings: c, registered: g, applications: n } = r;
  const ssa = `raw SSA of ${n} Applications, c=32`;
  return [
    { figure: `last registration -> all ${n} Applications exist`, unit: 'ms', value: g.lastToAllMs, baselineLabel: ssa, baseline: c.ssa.ms },
    { figure: `first registration -> all ${n} Applications exist`, unit: 'ms', value: g.writeMs + g.lastToAllMs, baselineLabel: ssa, baseline: c.ssa.ms },
    { figure: `last registration -> all ${r.clusters} cluster secrets exist`, unit: 'ms', value: g.lastToSecretsMs, baselineLabel: `raw SSA of ${r.clusters} Secrets, c=8`, baseline: c.secrets.ms },
    { figure: 'Applications generated per second, from the first registration', unit: '/s', value: (n * 1000) / Math.max(1, g.writeMs + g.lastToAllMs), baselineLabel: 'raw SSA ceiling', baseline: c.ssa.perSecond },
    { figure: 'Applications generated per second, from the first registration', unit: '/s', value: (n * 1000) / Math.max(1, g.writeMs + g.lastToAllMs), baselineLabel: 'raw create (POST) ceiling, c=32', baseline: c.create.perSecond },
    { figure: `one registration's label change -> its cluster secret relabelled`, unit: 'ms', value: g.relabel.secretMs, baselineLabel: 'one raw SSA of a Secret', baseline: c.oneSecretMs },
    { figure: `one registration's label change -> its ${g.relabel.applications} Applications rewritten`, unit: 'ms', value: g.relabel.ms, baselineLabel: `raw SSA of ${g.relabel.applications} Applications, c=32`, baseline: c.relabelMs },
    { figure: '  ApplicationSets re-evaluated (distinct)', unit: '', value: g.relabel.appsets, digits: 0, baselineLabel: 'ApplicationSets whose selector matches', baseline: r.appsets },
    { figure: '  ApplicationSet reconciles (echoes of own writes included)', unit: '', value: g.relabel.reconciles, digits: 0, baselineLabel: 'ApplicationSets whose selector matches', baseline: r.appsets },
    { figure: 'unselected registration (cluster-type=hub) label change -> reconciles', unit: '', value: g.unrelated.reconciles, digits: 0, baselineLabel: 'ApplicationSets whose selector matches', baseline: 0 },
  ];
}

function directRows(r: AppSetBenchResults): Row[] {
  const { ceilings: c, direct: d, applications: n } = r;
  return [
    { figure: `[direct cluster Secrets] last Secret -> all ${n} Applications exist`, unit: 'ms', value: d.lastToAllMs, baselineLabel: `raw SSA of ${n} Applications, c=32`, baseline: c.ssa.ms },
    { figure: `[direct cluster Secrets] first Secret -> all ${n} Applications exist`, unit: 'ms', value: d.writeMs + d.lastToAllMs, baselineLabel: `raw SSA of ${n} Applications, c=32`, baseline: c.ssa.ms },
    { figure: `[direct cluster Secrets] label change -> ${d.relabel.applications} Applications rewritten`, unit: 'ms', value: d.relabel.ms, baselineLabel: `raw SSA of ${d.relabel.applications} Applications, c=32`, baseline: c.relabelMs },
    { figure: '[direct cluster Secrets]   ApplicationSets re-evaluated (distinct)', unit: '', value: d.relabel.appsets, digits: 0, baselineLabel: 'ApplicationSets whose selector matches', baseline: r.appsets },
  ];
}

const rowsOf = (r: AppSetBenchResults): Row[] => [...registeredRows(r), ...directRows(r)];

async function run(ctx: BenchmarkContext<AppSetBenchOptions>): Promise<void> {
  await measureAndReport({ name: 'appset', options: ctx.options, measure: () => measureAppSets(ctx), rows: rowsOf });
}

process.exitCode = await runBenchmarkMain({ parse, usage: USAGE, run });
