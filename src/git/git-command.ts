import { execFile, type ExecFileException } from 'node:child_process';
import { GantryError } from '../core/index.js';

/** An environment to start git from (usually the process environment, passed in by the caller). */
export type GitEnv = Readonly<Record<string, string | undefined>>;

/** A git command that failed; `exitCode` is null when git could not be started at all. */
export class GitCommandError extends GantryError {
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(message: string, options: { exitCode: number | null; stderr: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'GitCommandError';
    this.exitCode = options.exitCode;
    this.stderr = options.stderr;
  }
}

/**
 * The environment for a git child process: `base` without inherited GIT_* variables (a stray
 * GIT_DIR would point git elsewhere), never prompting for credentials, plus `extra`.
 */
export function gitEnvironment(base: GitEnv, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && !key.startsWith('GIT_')) env[key] = value;
  }
  return { ...env, GIT_TERMINAL_PROMPT: '0', ...extra };
}

/** Runs `git <args>` without a shell and resolves with its stdout; rejects with a GitCommandError. */
export function runGit(args: readonly string[], options: { env: Record<string, string>; cwd?: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const settings = { env: options.env, cwd: options.cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' as const };
    execFile('git', args, settings, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      reject(toGitCommandError(args, error, stderr));
    });
  });
}

function toGitCommandError(args: readonly string[], error: ExecFileException, stderr: string): GitCommandError {
  const command = args.find((a) => !a.startsWith('-')) ?? 'command';
  if (error.code === 'ENOENT') {
    return new GitCommandError('git is not installed or not on PATH', { exitCode: null, stderr, cause: error });
  }
  const exitCode = typeof error.code === 'number' ? error.code : null;
  const detail = stderr.trim() || error.message;
  return new GitCommandError(`git ${command} failed (exit ${exitCode ?? 'signal'}): ${detail}`, { exitCode, stderr, cause: error });
}
