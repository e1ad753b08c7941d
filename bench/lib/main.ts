import { createLogger, textSink, type Logger } from '../../src/core/index.js';
import { cleanUpOnSignals, createCleanup, type Cleanup } from './cleanup.js';

/** What every benchmark's run gets: its options, the clean-up stack, a warnings logger, a progress line. */
export interface BenchmarkContext<O> {
  options: O;
  cleanup: Cleanup;
  log: Logger;
  progress: (line: string) => void;
}

/**
 * The shared main of the benchmark programs: parse flags (exit 2 with the message), `--help`,
 * clean up on success, failure and SIGINT/SIGTERM (exit 130), and report a failure (exit 1).
 */
export async function runBenchmarkMain<O>(o: {
  parse: (argv: string[]) => O | 'help';
  usage: string;
  run: (ctx: BenchmarkContext<O>) => Promise<void>;
}): Promise<number> {
  const warn = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
  let options: O | 'help';
  try {
    options = o.parse(process.argv.slice(2));
  } catch (error) {
    warn(error instanceof Error ? error.message : String(error));
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${o.usage}\n`);
    return 0;
  }
  const cleanup = createCleanup(warn);
  const interrupted = cleanUpOnSignals(cleanup, warn);
  const log = createLogger({ level: 'warn', sink: textSink((l) => process.stderr.write(l)) });
  try {
    await o.run({ options, cleanup, log, progress: warn });
    return 0;
  } catch (error) {
    if (interrupted()) return 130;
    warn(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    await cleanup.runAll();
  }
}
