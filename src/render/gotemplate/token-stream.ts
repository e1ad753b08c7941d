import { ParseFailure } from './errors.js';
import type { Lexer, Token, TokenType } from './lexer.js';

/**
 * The parser's view of the lexer's tokens: look-ahead and backup, the variables in scope, the
 * range nesting (for break and continue) and Go's parse error wording.
 */
export class TokenStream {
  private index = 0;
  private line = 1;
  /** Variables in scope, innermost last; `$` is always first. */
  vars: string[] = ['$'];
  rangeDepth = 0;

  constructor(
    private readonly lexer: Lexer,
    readonly hasFunction: (name: string) => boolean,
  ) {}

  /** Starts a new template body (a define or block): only `$` in scope, outside any range. */
  fork(): TokenStream {
    const stream = new TokenStream(this.lexer, this.hasFunction);
    stream.index = this.index;
    stream.line = this.line;
    return stream;
  }

  /** Continues after a nested body parsed by `fork`. */
  join(other: TokenStream): void {
    this.index = other.index;
    this.line = other.line;
  }

  /** Returns the next token and consumes it. */
  next(): Token {
    const token = this.lexer.tokens[this.index];
    if (token === undefined) {
      const failure = this.lexer.failure ?? new ParseFailure('unexpected end of input', this.line);
      throw failure;
    }
    this.index++;
    this.line = token.line;
    return token;
  }

  /** Returns the next token without consuming it. */
  peek(): Token {
    const token = this.next();
    this.index--;
    return token;
  }

  /** The current position, to return to with `reset`. */
  mark(): number {
    return this.index;
  }

  /** Returns to a position from `mark`. */
  reset(mark: number): void {
    this.index = mark;
  }

  /** Steps back over `n` tokens. */
  backup(n = 1): void {
    this.index -= n;
  }

  /** Returns the next token that is not a space. */
  nextNonSpace(): Token {
    let token = this.next();
    while (token.type === 'space') token = this.next();
    return token;
  }

  /** Returns the next token that is not a space, consuming only the spaces. */
  peekNonSpace(): Token {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  /** Consumes the next non-space token, which must be of the expected kind. */
  expect(type: TokenType, context: string): Token {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }

  /** Fails with Go's "unexpected TOKEN in CONTEXT". */
  unexpected(token: Token, context: string): never {
    this.fail(`unexpected ${tokenString(token)} in ${context}`);
  }

  /** Fails at the current line. */
  fail(message: string): never {
    throw new ParseFailure(message, this.line);
  }

  /** Fails unless a variable of that name is in scope. */
  checkVar(name: string): void {
    if (!this.vars.includes(name)) this.fail(`undefined variable ${JSON.stringify(name)}`);
  }
}

/** Renders a token as Go's item.String does in parse errors. */
export function tokenString(token: Token): string {
  if (token.type === 'eof') return 'EOF';
  if (/^[a-z]+$/.test(token.type) && isKeywordType(token.type)) return `<${token.val}>`;
  if (token.val.length > 10) return `${JSON.stringify(token.val.slice(0, 10))}...`;
  return JSON.stringify(token.val);
}

function isKeywordType(type: TokenType): boolean {
  return ['block', 'break', 'continue', 'dot', 'define', 'else', 'end', 'if', 'nil', 'range', 'template', 'with'].includes(type);
}
