import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/** A CPU profile of this process being recorded; `stop` writes it and returns its path. */
export interface CpuProfile {
  stop(): Promise<string>;
}

/**
 * Starts recording a V8 CPU profile of this process (the controller, in process benchmarks) for
 * one stretch of a run, so a profile shows that stretch alone rather than the whole run as
 * `node --cpu-prof` does. The file opens in Chrome DevTools or any .cpuprofile viewer.
 */
export async function startCpuProfile(dir: string, name: string): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      const path = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
      await writeFile(path, JSON.stringify(profile));
      return path;
    },
  };
}
