import { InputError } from '../../core/index.js';

/** Where a template error happened, as Go names it: template, line and (for execution) column. */
export interface TemplateLocation {
  readonly template: string;
  readonly line: number;
  /** Go's column: the byte offset of the failing node within its line, counted from 0. */
  readonly column?: number;
}

/**
 * A template failed to parse or execute. The message follows Go's text/template wording
 * (`template: name:1:5: executing "name" at <.X>: ...`) so users can act on it as they would on
 * Helm's or Argo CD's; `phase` says which step failed.
 */
export class TemplateError extends InputError {
  readonly phase: 'parse' | 'execute';
  readonly location: TemplateLocation | undefined;

  constructor(
    message: string,
    options: { phase: 'parse' | 'execute'; location?: TemplateLocation; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'TemplateError';
    this.phase = options.phase;
    this.location = options.location;
  }
}

/** Thrown by the lexer and parser; the parser turns it into a TemplateError with the line. */
export class ParseFailure extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'ParseFailure';
  }
}
