import { InputError } from '../../core/index.js';

/**
 * A compiled include/exclude pattern of a directory source. The syntax is the one Argo CD accepts
 * (gobwas/glob compiled without separators): `*` and `**` match any run of characters, `/`
 * included, `?` one character, `[abc]`, `[a-z]` and `[!...]` one character from (or not from) a
 * set, `{a,b}` any of the comma-separated alternatives (which may nest and hold wildcards), and `\`
 * takes the next character literally. The whole relative path must match.
 */
export interface Glob {
  readonly pattern: string;
  matches(path: string): boolean;
}

/** Compiles a pattern, or throws an InputError saying what is wrong with it. */
export function compileGlob(pattern: string): Glob {
  const source = new GlobCompiler(pattern).compile();
  let regex: RegExp;
  try {
    regex = new RegExp(`^${source}$`, 'su');
  } catch (error) {
    throw invalid(pattern, error instanceof Error ? error.message : String(error));
  }
  return { pattern, matches: (path) => regex.test(path) };
}

function invalid(pattern: string, reason: string): InputError {
  return new InputError(`invalid glob pattern ${JSON.stringify(pattern)}: ${reason}`);
}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;
const CLASS_SPECIAL = /[\\^\][-]/g;

function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

function escapeClass(text: string): string {
  return text.replace(CLASS_SPECIAL, '\\$&');
}

/** A recursive-descent translation of one pattern into a regular-expression source. */
class GlobCompiler {
  private readonly chars: string[];
  private pos = 0;
  private depth = 0;

  constructor(private readonly pattern: string) {
    this.chars = [...pattern];
  }

  compile(): string {
    const out = this.sequence();
    if (this.pos < this.chars.length) throw invalid(this.pattern, `unexpected ${JSON.stringify(this.chars[this.pos])}`);
    return out;
  }

  /** Reads terms until the end, or until `,` / `}` inside alternatives. */
  private sequence(): string {
    let out = '';
    while (this.pos < this.chars.length) {
      const c = this.chars[this.pos] as string;
      if (this.depth > 0 && (c === ',' || c === '}')) break;
      this.pos++;
      out += this.term(c);
    }
    return out;
  }

  private term(c: string): string {
    switch (c) {
      case '*':
        while (this.chars[this.pos] === '*') this.pos++;
        return '.*';
      case '?':
        return '.';
      case '[':
        return this.charClass();
      case '{':
        return this.alternatives();
      case '\\':
        return escapeRegex(this.escaped());
      default:
        return escapeRegex(c);
    }
  }

  private escaped(): string {
    const next = this.chars[this.pos++];
    if (next === undefined) throw invalid(this.pattern, 'it ends with an unfinished "\\" escape');
    return next;
  }

  private alternatives(): string {
    this.depth++;
    const options = [this.sequence()];
    while (this.chars[this.pos] === ',') {
      this.pos++;
      options.push(this.sequence());
    }
    if (this.chars[this.pos] !== '}') throw invalid(this.pattern, 'a "{" is never closed with "}"');
    this.pos++;
    this.depth--;
    return `(?:${options.join('|')})`;
  }

  /** `[lo-hi]` or `[chars]`, either optionally negated with `!`: one range per bracket, as gobwas/glob. */
  private charClass(): string {
    const negated = this.chars[this.pos] === '!';
    if (negated) this.pos++;
    const set = this.chars[this.pos + 1] === '-' && this.chars[this.pos] !== ']' ? this.range() : this.list();
    if (this.chars[this.pos] !== ']') throw invalid(this.pattern, 'a "[" is never closed with "]" (one range or list per bracket)');
    this.pos++;
    if (set === '') return negated ? '.' : '(?!)';
    return negated ? `[^${set}]` : `[${set}]`;
  }

  private range(): string {
    const lo = this.chars[this.pos] as string;
    const hi = this.chars[this.pos + 2];
    if (hi === undefined) throw invalid(this.pattern, 'a range "[a-z]" is unfinished');
    this.pos += 3;
    if ((lo.codePointAt(0) ?? 0) > (hi.codePointAt(0) ?? 0)) throw invalid(this.pattern, `the range ${lo}-${hi} is out of order`);
    return `${escapeClass(lo)}-${escapeClass(hi)}`;
  }

  private list(): string {
    let set = '';
    while (this.pos < this.chars.length && this.chars[this.pos] !== ']') {
      const c = this.chars[this.pos++] as string;
      set += escapeClass(c === '\\' ? this.escaped() : c);
    }
    return set;
  }
}
