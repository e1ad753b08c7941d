/** Scanners for the lexer's literals: quoted strings and characters, and Go number syntax. */
import { isAlphaNumeric } from './lexer.js';

/** The end (after the closing quote) of a quoted literal whose opening quote precedes pos; -1 if unterminated. */
export function scanQuoted(input: string, pos: number, quote: string): number {
  for (let i = pos; i < input.length; i++) {
    const c = input[i];
    if (c === '\\') {
      i++;
      if (i >= input.length || input[i] === '\n') return -1;
    } else if (c === '\n') return -1;
    else if (c === quote) return i + 1;
  }
  return -1;
}

/**
 * Scans a number as Go's lexer does (sign, base prefix, digits with underscores, fraction,
 * exponent, imaginary suffix). Returns the end offset, negated when an alphanumeric follows.
 */
export function scanNumber(input: string, pos: number): number {
  let i = pos;
  const accept = (valid: string): boolean => {
    const c = input[i];
    if (c !== undefined && valid.includes(c)) {
      i++;
      return true;
    }
    return false;
  };
  const acceptRun = (valid: string): void => {
    while (accept(valid));
  };
  accept('+-');
  let digits = '0123456789_';
  if (accept('0')) {
    if (accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (accept('oO')) digits = '01234567_';
    else if (accept('bB')) digits = '01_';
  }
  acceptRun(digits);
  if (accept('.')) acceptRun(digits);
  if ((digits.length === 11 && accept('eE')) || (digits.length === 23 && accept('pP'))) {
    accept('+-');
    acceptRun('0123456789_');
  }
  accept('i');
  return isAlphaNumeric(input[i]) ? -(i + 1) : i;
}
