import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type Clock } from '../core/index.js';
import {
  assertNotRunning,
  assertPortsFree,
  dataLayout,
  findBinaries,
  isPidAlive,
  planPorts,
  prepareDataDir,
  readInstanceState,
  type InstanceState,
} from '../local/index.js';
import { describeRunning } from './describe.js';
import { readDemoRecord } from './demo.js';
import { parseInstanceConfig, toInstanceArgs, type InstanceConfig } from './config.js';
import type { CommandIO } from './io.js';
import { CLI_ENTRY, INSTALLER } from './paths.js';
import { runServe } from './serve.js';

const START_TIMEOUT_MS = 180_000;

/** `gantry up`: checks everything it can up front, then starts `gantry serve` in the background and waits for it. */
export async function runUp(args: string[], io: CommandIO, clock: Clock): Promise<number> {
  const config = parseInstanceConfig(args, io.env);
  const layout = dataLayout(config.dataDir);
  prepareDataDir(layout);
  assertNotRunning(layout);
  if (!config.kubeconfig) {
    ensureBinaries(config, io);
    await assertPortsFree(planPorts(config.portBase, config.spokes));
  }
  if (config.foreground) return runServe(config, io, clock);
  const logFile = join(layout.logsDir, 'gantry.log');
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [CLI_ENTRY, 'serve', ...toInstanceArgs(config)], { detached: true, stdio: ['ignore', fd, fd], env: io.env });
  closeSync(fd);
  child.unref();
  io.out(`Starting gantry in the background (pid ${child.pid}); log: ${logFile}\n`);
  const state = await waitForState(layout, child.pid ?? -1, clock);
  if (state?.phase === 'running') {
    io.out(describeRunning(state, config, readDemoRecord(config.dataDir)));
    return 0;
  }
  io.err(`gantry: start failed: ${state?.error ?? `the background process ended; see ${logFile}`}\n`);
  await awaitExit(child.pid ?? -1, clock);
  return 1;
}

/**
 * After a failed start the background process is still tearing down what it started: wait for it
 * (and stop it if it hangs), so `up` returns only once nothing of the failed instance runs.
 */
async function awaitExit(pid: number, clock: Clock): Promise<void> {
  const deadline = clock.now() + EXIT_TIMEOUT_MS;
  while (isPidAlive(pid) && clock.now() < deadline) await clock.sleep(50);
  if (isPidAlive(pid)) process.kill(pid, 'SIGTERM');
}

const EXIT_TIMEOUT_MS = 15_000;

function ensureBinaries(config: InstanceConfig, io: CommandIO): void {
  const search = { env: io.env, explicit: config.binaries };
  if (findBinaries(search).ok) return;
  if (config.install && existsSync(INSTALLER)) {
    io.out('The local control plane is not installed yet: installing it now (minutes, once).\n');
    const r = spawnSync('bash', [INSTALLER], { stdio: 'inherit', env: io.env });
    if (r.status !== 0) throw new InputError('installing the local control plane failed; see the messages above');
  }
  const found = findBinaries(search);
  if (!found.ok) throw new InputError(found.error);
}

async function waitForState(layout: ReturnType<typeof dataLayout>, pid: number, clock: Clock): Promise<InstanceState | undefined> {
  const deadline = clock.now() + START_TIMEOUT_MS;
  while (clock.now() < deadline) {
    const state = safeRead(layout);
    if (state && state.pid === pid && (state.phase === 'running' || state.phase === 'failed')) return state;
    if (!isPidAlive(pid)) return safeRead(layout)?.pid === pid ? safeRead(layout) : undefined;
    await clock.sleep(100);
  }
  return { ...(safeRead(layout) as InstanceState), phase: 'failed', error: `not ready after ${START_TIMEOUT_MS / 1000} s` };
}

function safeRead(layout: ReturnType<typeof dataLayout>): InstanceState | undefined {
  try {
    return readInstanceState(layout);
  } catch {
    return undefined;
  }
}

