import { positiveFlag } from '../lib/flags.js';
import { parseArgs } from 'node:util';

/** How much work one run of the GitOps benchmark does. */
export interface GitopsOptions {
  quick: boolean;
  /** Applications in the fan-out and resync figures (10 objects each). */
  apps: number;
  /** Timed pushes to the 20-object app (after it first synced). */
  pushes: number;
  /** Objects per fan-out Application. */
  objectsPerApp: number;
  /** Objects in the push-latency app. */
  pushObjects: number;
  /** Application controller workers (its default). */
  workers: number;
  /** Where to write a CPU profile of this process during the fan-out (none: no profile). */
  profileDir?: string;
}

const FULL = { apps: 1000, pushes: 20 };
const QUICK = { apps: 200, pushes: 20 };

/** The usage text printed for --help or a bad flag. */
export const USAGE = `usage: npm run build && node dist/bench/gitops.js [--quick] [--apps K] [--pushes N]
  --quick        ${QUICK.apps} fan-out apps instead of ${FULL.apps} (a few minutes)
  --apps K       Applications of 10 objects each for fan-out and resync (default ${FULL.apps}, quick ${QUICK.apps})
  --pushes N     timed pushes to the 20-object app (default ${FULL.pushes})
  --workers W    Application controller workers (default 10, the controller's own default)
  --profile DIR  write a CPU profile of the controller's process during the fan-out to DIR`;

interface Flags {
  quick?: boolean;
  help?: boolean;
  apps?: string;
  pushes?: string;
  workers?: string;
  profile?: string;
}

/** Parses the command line; throws with the usage text on anything it does not understand. */
export function parseOptions(argv: string[]): GitopsOptions | 'help' {
  const values = readFlags(argv);
  if (values.help) return 'help';
  const defaults = values.quick ? QUICK : FULL;
  return {
    quick: values.quick === true,
    apps: positive('--apps', values.apps, defaults.apps, 5000),
    pushes: positive('--pushes', values.pushes, defaults.pushes, 500),
    objectsPerApp: 10,
    pushObjects: 20,
    workers: positive('--workers', values.workers, 10, 64),
    profileDir: values.profile,
  };
}

function readFlags(argv: string[]): Flags {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        apps: { type: 'string' },
        pushes: { type: 'string' },
        workers: { type: 'string' },
        profile: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
    return values;
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

function positive(flag: string, text: string | undefined, fallback: number, max: number): number {
  return positiveFlag({ flag, text, fallback, max, usage: USAGE });
}
