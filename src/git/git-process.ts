import { spawn } from 'node:child_process';
import { GitCommandError } from './git-command.js';

const MAX_STDERR_BYTES = 16 * 1024;

/** How to run one git process for the reader: binary-safe, with input, a deadline and secrets to scrub. */
export interface GitProcessOptions {
  env: Record<string, string>;
  cwd?: string;
  /** Written to git's stdin, which is then closed. */
  input?: string;
  /** Kills git after this long (default: no limit). */
  timeoutMs?: number;
  /** Strings (passwords, tokens) replaced by `***` wherever they would appear in an error. */
  secrets?: readonly string[];
}

/**
 * Runs `git <args>` without a shell and resolves with its raw stdout. Rejects with a
 * GitCommandError whose message and stderr never contain any of `secrets`.
 */
export function runGitProcess(args: readonly string[], options: GitProcessOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout also ends the helpers git starts (git-remote-https, ssh).
    const child = spawn('git', args, { env: options.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const stdout: Buffer[] = [];
    let stderr = '';
    let timedOut = false;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR_BYTES) stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(startFailure(error, options.secrets));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(Buffer.concat(stdout));
      reject(exitFailure(args, { code, signal, stderr, timedOut, timeoutMs: options.timeoutMs }, options.secrets));
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function startFailure(error: NodeJS.ErrnoException, secrets: readonly string[] = []): GitCommandError {
  const message = error.code === 'ENOENT' ? 'git is not installed or not on PATH' : `git could not start: ${error.message}`;
  return new GitCommandError(redact(message, secrets), { exitCode: null, stderr: '', cause: error });
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  timedOut: boolean;
  timeoutMs: number | undefined;
}

function exitFailure(args: readonly string[], exit: Exit, secrets: readonly string[] = []): GitCommandError {
  const command = subcommandOf(args);
  const stderr = redact(exit.stderr, secrets);
  const detail = stderr.trim() || `killed by ${exit.signal ?? 'a signal'}`;
  const message = exit.timedOut
    ? `git ${command} timed out after ${exit.timeoutMs} ms`
    : `git ${command} failed (exit ${exit.code ?? 'signal'}): ${detail}`;
  return new GitCommandError(message, { exitCode: exit.code, stderr });
}

/** The git subcommand in `args`, skipping global options and the values of `-c` and `-C`. */
export function subcommandOf(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-c' || arg === '-C') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return 'command';
}

/** Replaces every occurrence of each secret (and its URL-encoded form) with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 3) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('***');
  }
  return out;
}
