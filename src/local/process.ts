import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { GantryError, type Clock } from '../core/index.js';

/** How a child process ended. */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A child process gantry supervises: output to a log file, a promise of its exit, a clean stop. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  readonly exited: Promise<ExitInfo>;
  isRunning(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** The last lines of its log, for error messages. */
  tail(lines?: number): string;
}

/** What to run. */
export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  env?: Record<string, string | undefined>;
}

/** Starts a child process with stdout and stderr appended to its log file. */
export function startProcess(spec: ProcessSpec): ManagedProcess {
  const fd = openSync(spec.logFile, 'a');
  const child = spawn(spec.command, spec.args, { stdio: ['ignore', fd, fd], env: spec.env ?? process.env });
  closeSync(fd);
  let running = true;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
    child.once('error', () => {
      running = false;
      resolve({ code: 127, signal: null });
    });
  });
  const tail = (lines = 8): string => tailOf(spec.logFile, lines);
  return {
    name: spec.name,
    pid: child.pid ?? -1,
    logFile: spec.logFile,
    exited,
    isRunning: () => running,
    tail,
    async stop(graceMs = 10_000) {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The last `lines` lines of a file, or '' when it cannot be read. */
export function tailOf(file: string, lines: number): string {
  try {
    const text = readFileSync(file, 'utf8').trimEnd();
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Why a process did not become ready. */
export class StartError extends GantryError {
  constructor(message: string) {
    super(message, { retryable: false });
    this.name = 'StartError';
  }
}

/**
 * Polls `probe` until it answers true; fails fast with the process's log tail if the process exits,
 * or after `timeoutMs`.
 */
export async function waitUntilReady(
  proc: ManagedProcess,
  probe: () => Promise<boolean>,
  options: { timeoutMs: number; clock: Clock; hint?: string },
): Promise<void> {
  const deadline = options.clock.now() + options.timeoutMs;
  while (options.clock.now() < deadline) {
    if (!proc.isRunning()) {
      const info = await proc.exited;
      throw new StartError(
        `${proc.name} exited during start-up (code ${info.code ?? info.signal}).${options.hint ? ` ${options.hint}` : ''}\n` +
          `Last lines of ${proc.logFile}:\n${indent(proc.tail())}`,
      );
    }
    if (await probe().catch(() => false)) return;
    await options.clock.sleep(100);
  }
  throw new StartError(`${proc.name} was not ready after ${options.timeoutMs / 1000} s. Last lines of ${proc.logFile}:\n${indent(proc.tail())}`);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
