import { positiveFlag } from '../lib/flags.js';
import { parseArgs } from 'node:util';

/** How much work one run of the foundation benchmark does. */
export interface FoundationOptions {
  quick: boolean;
  /** ConfigMaps per apply round and for kubectl. */
  objects: number;
  /** Objects per layer applied before timing starts. */
  warmup: number;
  concurrencies: number[];
  /** Timed rounds per layer and concurrency (figures are medians). */
  repeats: number;
  /** Fresh start-ups of the hub to time. */
  startups: number;
  /** Timed pushes (after one warm-up push). */
  pushes: number;
}

const FULL = { objects: 2000, warmup: 200, startups: 3, pushes: 30, repeats: 3 };
const QUICK = { objects: 400, warmup: 50, startups: 1, pushes: 10, repeats: 1 };

/** The usage text printed for --help or a bad flag. */
export const USAGE = `usage: node dist/bench/foundation.js [--quick] [--objects N] [--repeats N] [--startups N] [--pushes N]
  --quick        fewer objects, rounds, start-ups and pushes (well under a minute)
  --objects N    ConfigMaps per apply round and for kubectl (default ${FULL.objects}, quick ${QUICK.objects})
  --repeats N    timed apply rounds per layer and concurrency (default ${FULL.repeats}, quick ${QUICK.repeats})
  --startups N   fresh hub start-ups to time (default ${FULL.startups}, quick ${QUICK.startups})
  --pushes N     timed git pushes (default ${FULL.pushes}, quick ${QUICK.pushes})`;

/** Parses the command line; throws with the usage text on anything it does not understand. */
export function parseOptions(argv: string[]): FoundationOptions | 'help' {
  const values = readFlags(argv);
  if (values.help) return 'help';
  const defaults = values.quick ? QUICK : FULL;
  const objects = positive('--objects', values.objects, defaults.objects, 1_000_000);
  return {
    quick: values.quick === true,
    objects,
    warmup: Math.min(defaults.warmup, objects),
    concurrencies: [1, 8, 16, 32],
    repeats: positive('--repeats', values.repeats, defaults.repeats, 20),
    startups: positive('--startups', values.startups, defaults.startups, 20),
    pushes: positive('--pushes', values.pushes, defaults.pushes, 1000),
  };
}

interface Flags {
  quick?: boolean;
  help?: boolean;
  objects?: string;
  repeats?: string;
  startups?: string;
  pushes?: string;
}

function readFlags(argv: string[]): Flags {
  try {
    return readFlagsStrictly(argv);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

function readFlagsStrictly(argv: string[]): Flags {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      objects: { type: 'string' },
      repeats: { type: 'string' },
      startups: { type: 'string' },
      pushes: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  return values;
}

function positive(flag: string, text: string | undefined, fallback: number, max: number): number {
  return positiveFlag({ flag, text, fallback, max, usage: USAGE });
}
