/**
 * Go's path.Match: `*` matches any run of characters other than `/`, `?` one such character,
 * `[...]` a class (`^` negates, ranges, `\` escapes). A malformed pattern is an error, as in Go.
 */
import { InputError } from '../../core/index.js';

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** One class character at `i` (a `\\` escapes the next): the character and the index after it. */
function classChar(pattern: string, i: number): { c: string; next: number } {
  if (pattern[i] === '\\') return { c: pattern[i + 1] ?? '', next: i + 2 };
  return { c: pattern[i] ?? '', next: i + 1 };
}

function classToRegex(pattern: string, start: number): { regex: string; end: number } {
  const negate = pattern[start + 1] === '^';
  let i = negate ? start + 2 : start + 1;
  let body = '';
  while (i < pattern.length && (pattern[i] !== ']' || body === '')) {
    const lo = classChar(pattern, i);
    if (lo.c === '') break;
    body += escapeRegex(lo.c);
    i = lo.next;
    if (pattern[i] === '-' && pattern[i + 1] !== undefined && pattern[i + 1] !== ']') {
      const hi = classChar(pattern, i + 1);
      body += `-${escapeRegex(hi.c)}`;
      i = hi.next;
    }
  }
  if (pattern[i] !== ']' || body === '') throw new InputError(`syntax error in pattern ${JSON.stringify(pattern)}`);
  return { regex: negate ? `[^/${body}]` : `[${body}]`, end: i };
}

/** Compiles a Go path.Match pattern to an anchored regular expression. */
export function compilePathPattern(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const cls = classToRegex(pattern, i);
      out += cls.regex;
      i = cls.end;
    } else if (c === '\\') {
      if (i + 1 >= pattern.length) throw new InputError(`syntax error in pattern ${JSON.stringify(pattern)}`);
      out += escapeRegex(pattern[++i] as string);
    } else out += escapeRegex(c);
  }
  return new RegExp(`^${out}$`, 'u');
}

/** path.Match(pattern, name). */
export function pathMatch(pattern: string, name: string): boolean {
  return compilePathPattern(pattern).test(name);
}
