import { parseArgs } from 'node:util';
import { positiveFlag } from '../lib/flags.js';

/** How much work one run of the orchestrator benchmark does. */
export interface OrchestratorOptions {
  quick: boolean;
  /** WebApplication instances. */
  instances: number;
  /** Instance controller workers. */
  workers: number;
  /** Concurrency of the raw apply baseline and of creating the instances. */
  concurrency: number;
}

const FULL = { instances: 500 };
const QUICK = { instances: 100 };

/** The usage text printed for --help or a bad flag. */
export const USAGE = `usage: npm run build && node dist/bench/orchestrator.js [--quick] [--instances N] [--workers W]
  --quick          ${QUICK.instances} instances instead of ${FULL.instances}
  --instances N    WebApplication instances (default ${FULL.instances})
  --workers W      instance controller workers (default 8)
  --concurrency C  requests in flight for the raw apply baseline and for creating instances (default 32)`;

/** Parses the command line; throws with the usage text on anything it does not understand. */
export function parseOptions(argv: string[]): OrchestratorOptions | 'help' {
  let values: { quick?: boolean; help?: boolean; instances?: string; workers?: string; concurrency?: string };
  try {
    values = parseArgs({
      args: argv,
      options: { quick: { type: 'boolean' }, help: { type: 'boolean' }, instances: { type: 'string' }, workers: { type: 'string' }, concurrency: { type: 'string' } },
    }).values;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) return 'help';
  const defaults = values.quick ? QUICK : FULL;
  return {
    quick: values.quick === true,
    instances: positiveFlag({ flag: '--instances', text: values.instances, fallback: defaults.instances, max: 5000, usage: USAGE }),
    workers: positiveFlag({ flag: '--workers', text: values.workers, fallback: 8, max: 64, usage: USAGE }),
    concurrency: positiveFlag({ flag: '--concurrency', text: values.concurrency, fallback: 32, max: 256, usage: USAGE }),
  };
}
