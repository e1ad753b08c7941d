import { ConflictError, InputError, NotFoundError } from '../core/index.js';

/** The CLI's exit code for an error: the one place errors become exit codes. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof InputError) return 2;
  if (error instanceof NotFoundError) return 3;
  if (error instanceof ConflictError) return 4;
  return 1;
}

/** How the CLI prints an error: `gantry: <message>`, without a stack for expected failures. */
export function formatCliError(error: unknown): string {
  if (error instanceof Error && error.name === 'TypeError' && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    return `gantry: ${error.message} (see gantry help)`;
  }
  if (error instanceof Error) return `gantry: ${error.message}`;
  return `gantry: ${String(error)}`;
}
