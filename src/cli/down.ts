import { readFileSync } from 'node:fs';
import type { Clock } from '../core/index.js';
import { dataLayout, defaultDataDir, isPidAlive, lockHolder, readInstanceState, type DataLayout } from '../local/index.js';
import type { CommandIO } from './io.js';

const STOP_TIMEOUT_MS = 60_000;

/** `gantry down`: stops the instance on a data directory; its data stays for the next `up`. */
export async function runDown(dataDir: string | undefined, io: CommandIO, clock: Clock): Promise<number> {
  const layout = dataLayout(dataDir ?? defaultDataDir(io.env));
  const pid = lockHolder(layout);
  if (pid === undefined) {
    const leftovers = killLeftovers(layout);
    io.out(`gantry is not running on ${layout.root}${leftovers ? ` (stopped ${leftovers} leftover processes)` : ''}\n`);
    return 0;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = clock.now() + STOP_TIMEOUT_MS;
  while (isPidAlive(pid) && clock.now() < deadline) await clock.sleep(100);
  if (isPidAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    killLeftovers(layout);
    io.err(`gantry (pid ${pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s and was killed; its data is kept\n`);
    return 1;
  }
  io.out(`gantry stopped (pid ${pid}); data kept in ${layout.root}\n`);
  return 0;
}

/**
 * Stops processes a crashed instance left behind: only pids recorded in its state.json whose command
 * line names this data directory, so an unrelated process that reused a pid is never touched.
 */
function killLeftovers(layout: DataLayout): number {
  let state;
  try {
    state = readInstanceState(layout);
  } catch {
    return 0;
  }
  let killed = 0;
  for (const p of state?.processes ?? []) {
    if (isPidAlive(p.pid) && commandLineOf(p.pid).includes(layout.root)) {
      process.kill(p.pid, 'SIGTERM');
      killed++;
    }
  }
  return killed;
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}
