import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** How a timed child process ended; times are performance.now() in this process. */
export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  startedAt: number;
  /** When the child's exit was observed (before its pipes closed). */
  exitedAt: number;
}

/** What to run; the child is killed after `timeoutMs`. */
export interface ChildSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  timeoutMs: number;
}

/** Runs a program without a shell, timing it from spawn to exit; rejects only when it cannot start. */
export function runChild(spec: ChildSpec): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), spec.timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      const exitedAt = performance.now();
      clearTimeout(timer);
      child.once('close', () => resolve({ code, stdout, stderr, startedAt, exitedAt }));
    });
  });
}

/** Runs a program and returns its stdout, or throws with its stderr when it fails. */
export async function runChecked(spec: ChildSpec): Promise<string> {
  const run = await runChild(spec);
  if (run.code !== 0) {
    throw new Error(`${spec.command} ${spec.args.join(' ')} failed (exit ${run.code ?? 'killed'}): ${run.stderr.trim().slice(0, 2000)}`);
  }
  return run.stdout;
}
