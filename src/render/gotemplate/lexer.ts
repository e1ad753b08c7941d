import { ParseFailure } from './errors.js';
import { scanNumber, scanQuoted } from './lex-scan.js';

/** The kinds of token Go's template lexer produces (keywords are their own kinds). */
export type TokenType =
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'comment'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  | Keyword;

/** Words that are keywords inside actions. */
export type Keyword = 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range' | 'template' | 'with';

const KEYWORDS = new Set<string>(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'nil', 'range', 'template', 'with']);

/** One token: its kind, its text, its offset in the source and the line it starts on. */
export interface Token {
  readonly type: TokenType;
  readonly val: string;
  readonly pos: number;
  readonly line: number;
}

/** Options of the lexer: the delimiters, and whether break/continue are keywords. */
export interface LexOptions {
  /** The template's name, for messages that cite a line of it. */
  readonly name: string;
  readonly leftDelim: string;
  readonly rightDelim: string;
  /** False when a function named `break` is defined, which then shadows the keyword. */
  readonly breakOK: boolean;
  readonly continueOK: boolean;
}

const SPACE = new Set([' ', '\t', '\r', '\n']);

/** True for the characters Go's template lexer treats as spaces. */
export function isSpace(c: string | undefined): boolean {
  return c !== undefined && SPACE.has(c);
}

/** True for letters, digits and underscore (Unicode-aware, as Go's lexer). */
export function isAlphaNumeric(c: string | undefined): boolean {
  return c !== undefined && (c === '_' || /^[\p{L}\p{Nd}]$/u.test(c));
}

/**
 * Splits template source into tokens, following Go's text/template lexer: text and actions,
 * trim markers (`{{- ` and ` -}}`), comments, and the tokens inside actions. Throws ParseFailure
 * on a lexical error, after the tokens before it have been produced (see `tokens`).
 */
export class Lexer {
  readonly tokens: Token[] = [];
  /** The lexical error that ended the input, reported when the parser reaches it. */
  failure: ParseFailure | undefined;
  private pos = 0;
  private start = 0;
  private line = 1;
  private lineScan = 0;
  private parenDepth = 0;
  private actionLine = 1;

  constructor(
    private readonly input: string,
    private readonly options: LexOptions,
  ) {
    try {
      this.lexText();
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      this.failure = error;
    }
  }

  private lineOf(pos: number): number {
    for (; this.lineScan < pos; this.lineScan++) if (this.input[this.lineScan] === '\n') this.line++;
    return this.line;
  }

  private emit(type: TokenType): void {
    this.tokens.push({ type, val: this.input.slice(this.start, this.pos), pos: this.start, line: this.lineOf(this.start) });
    this.start = this.pos;
  }

  private fail(message: string): never {
    throw new ParseFailure(message, this.lineOf(this.start));
  }

  private peek(): string | undefined {
    return this.input[this.pos];
  }

  private next(): string | undefined {
    const c = this.input[this.pos];
    if (c !== undefined) this.pos++;
    return c;
  }

  private lexText(): void {
    const { leftDelim } = this.options;
    for (;;) {
      const x = this.input.indexOf(leftDelim, this.pos);
      if (x < 0) break;
      const trim = hasLeftTrimMarker(this.input.slice(x + leftDelim.length));
      let end = x;
      if (trim) while (end > this.start && isSpace(this.input[end - 1])) end--;
      this.pos = end;
      if (this.pos > this.start) this.emit('text');
      this.pos = x;
      this.start = x;
      this.lexLeftDelim(trim);
    }
    this.pos = this.input.length;
    if (this.pos > this.start) this.emit('text');
    this.emit('eof');
  }

  private lexLeftDelim(trim: boolean): void {
    this.actionLine = this.lineOf(this.start);
    this.pos += this.options.leftDelim.length;
    const after = trim ? 2 : 0;
    if (this.input.startsWith('/*', this.pos + after)) {
      this.pos += after;
      this.start = this.pos;
      this.lexComment();
      return;
    }
    this.emit('leftDelim');
    this.pos += after;
    this.start = this.pos;
    this.parenDepth = 0;
    this.lexInsideAction();
  }

  private lexComment(): void {
    this.pos += 2;
    const i = this.input.indexOf('*/', this.pos);
    if (i < 0) this.fail('unclosed comment');
    this.pos = i + 2;
    const { delim, trim } = this.atRightDelim();
    if (!delim) this.fail('comment ends before closing delimiter');
    this.emit('comment');
    this.closeAction(trim);
  }

  /** Skips the right delimiter (and its trim marker), then the spaces it trims. */
  private closeAction(trim: boolean): void {
    if (trim) this.pos += 2;
    this.pos += this.options.rightDelim.length;
    if (trim) while (isSpace(this.input[this.pos])) this.pos++;
    this.start = this.pos;
  }

  private atRightDelim(): { delim: boolean; trim: boolean } {
    const rest = this.input.slice(this.pos);
    if (hasRightTrimMarker(rest) && rest.startsWith(this.options.rightDelim, 2)) return { delim: true, trim: true };
    return { delim: rest.startsWith(this.options.rightDelim), trim: false };
  }

  private lexInsideAction(): void {
    for (;;) {
      const { delim, trim } = this.atRightDelim();
      if (delim) return this.lexRightDelim(trim);
      this.lexActionToken();
    }
  }

  private lexRightDelim(trim: boolean): void {
    if (this.parenDepth !== 0) this.fail('unclosed left paren');
    if (trim) {
      this.pos += 2;
      this.start = this.pos;
    }
    this.pos += this.options.rightDelim.length;
    this.emit('rightDelim');
    if (trim) while (isSpace(this.input[this.pos])) this.pos++;
    this.start = this.pos;
  }

  private lexActionToken(): void {
    const c = this.next();
    if (c === undefined) this.unclosedAction();
    else if (isSpace(c)) this.lexSpace();
    else if (c === '=') this.emit('assign');
    else if (c === ':') {
      if (this.next() !== '=') this.fail('expected :=');
      this.emit('declare');
    } else if (c === '|') this.emit('pipe');
    else if (c === '"') this.lexQuote();
    else if (c === '`') this.lexRawQuote();
    else if (c === '$') this.lexFieldOrVariable('variable');
    else if (c === "'") this.lexChar();
    else this.lexOtherToken(c);
  }

  private unclosedAction(): never {
    const line = this.lineOf(this.pos);
    this.start = this.pos;
    if (line !== this.actionLine) this.fail(`unclosed action started at ${this.options.name}:${this.actionLine}`);
    this.fail('unclosed action');
  }

  private lexOtherToken(c: string): void {
    const n = this.peek();
    if (c === '.' && (n === undefined || n < '0' || n > '9')) return this.lexFieldOrVariable('field');
    if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
      this.pos--;
      return this.lexNumber();
    }
    if (isAlphaNumeric(c)) {
      this.pos--;
      return this.lexIdentifier();
    }
    this.lexPunctuation(c);
  }

  private lexPunctuation(c: string): void {
    if (c === '(') {
      this.emit('leftParen');
      this.parenDepth++;
    } else if (c === ')') {
      this.emit('rightParen');
      this.parenDepth--;
      if (this.parenDepth < 0) this.fail(`unexpected right paren ${describeRune(c)}`);
    } else if (c <= '\x7f' && c >= ' ') this.emit('char');
    else this.fail(`unrecognized character in action: ${describeRune(c)}`);
  }

  private lexSpace(): void {
    let spaces = 1;
    while (isSpace(this.peek())) {
      this.pos++;
      spaces++;
    }
    const rest = this.input.slice(this.pos - 1);
    if (hasRightTrimMarker(rest) && rest.startsWith(this.options.rightDelim, 2)) {
      this.pos--;
      if (spaces === 1) return;
    }
    this.emit('space');
  }

  private lexIdentifier(): void {
    while (isAlphaNumeric(this.peek())) this.pos++;
    if (!this.atTerminator()) this.fail(`bad character ${describeRune(this.peek() ?? '')}`);
    const word = this.input.slice(this.start, this.pos);
    if (KEYWORDS.has(word)) {
      const shadowed = (word === 'break' && !this.options.breakOK) || (word === 'continue' && !this.options.continueOK);
      this.emit(shadowed ? 'identifier' : (word as Keyword));
    } else if (word === 'true' || word === 'false') this.emit('bool');
    else this.emit('identifier');
  }

  private lexFieldOrVariable(type: 'field' | 'variable'): void {
    if (this.atTerminator()) {
      this.emit(type === 'variable' ? 'variable' : 'dot');
      return;
    }
    while (isAlphaNumeric(this.peek())) this.pos++;
    if (!this.atTerminator()) this.fail(`bad character ${describeRune(this.peek() ?? '')}`);
    this.emit(type);
  }

  private atTerminator(): boolean {
    const c = this.peek();
    if (c === undefined || isSpace(c)) return true;
    if ('.,|:()'.includes(c)) return true;
    return this.options.rightDelim.startsWith(c);
  }

  private lexChar(): void {
    const end = scanQuoted(this.input, this.pos, "'");
    if (end < 0) this.fail('unterminated character constant');
    this.pos = end;
    this.emit('charConstant');
  }

  private lexQuote(): void {
    const end = scanQuoted(this.input, this.pos, '"');
    if (end < 0) this.fail('unterminated quoted string');
    this.pos = end;
    this.emit('string');
  }

  private lexRawQuote(): void {
    const i = this.input.indexOf('`', this.pos);
    if (i < 0) this.fail('unterminated raw quoted string');
    this.pos = i + 1;
    this.emit('rawString');
  }

  private lexNumber(): void {
    const bad = (): never => this.fail(`bad number syntax: "${this.input.slice(this.start, this.pos)}"`);
    const end = scanNumber(this.input, this.pos);
    this.pos = Math.abs(end);
    if (end < 0) bad();
    const sign = this.peek();
    if (sign !== '+' && sign !== '-') return this.emit('number');
    const imaginary = scanNumber(this.input, this.pos);
    this.pos = Math.abs(imaginary);
    if (imaginary < 0 || this.input[this.pos - 1] !== 'i') bad();
    this.emit('complex');
  }
}

function hasLeftTrimMarker(s: string): boolean {
  return s.length >= 2 && s[0] === '-' && isSpace(s[1]);
}

function hasRightTrimMarker(s: string): boolean {
  return s.length >= 2 && isSpace(s[0]) && s[1] === '-';
}

/** Go's %#U rendering of a character, used in lexer messages: U+0023 '#'. */
export function describeRune(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}
