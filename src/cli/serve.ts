import { createLogger, textSink, type Clock } from '../core/index.js';
import type { InstanceConfig } from './config.js';
import { runInstance } from './instance.js';
import type { CommandIO } from './io.js';
import { describeRunning } from './describe.js';
import { readDemoRecord } from './demo.js';

/** `gantry serve` (and `up --foreground`): runs the instance in this process until SIGTERM or SIGINT. */
export async function runServe(config: InstanceConfig, io: CommandIO, clock: Clock): Promise<number> {
  const log = createLogger({ level: config.logLevel, sink: textSink(io.out) });
  const instance = await runInstance(config, { clock, log, env: io.env });
  io.out(describeRunning(instance.state, config, readDemoRecord(config.dataDir)));
  await new Promise<void>((resolve) => {
    const onSignal = (signal: string): void => {
      log.info('stopping', { signal });
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  await instance.stop();
  log.info('stopped');
  return 0;
}
