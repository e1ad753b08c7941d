/** A token of the jq path subset: punctuation, operators, identifiers, `.name` fields and literals. */
export interface JqToken {
  kind: 'punct' | 'op' | 'ident' | 'field' | 'string' | 'number' | 'end';
  text: string;
  value?: string | number;
  at: number;
}

/** Raised while reading a jq expression; the parser turns it into an InputError naming the expression. */
export class JqSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
    this.name = 'JqSyntaxError';
  }
}

const OPERATORS = ['==', '!=', '<=', '>=', '<', '>'];
const PUNCTUATION = ['..', '.', '|', ',', '(', ')', '[', ']', '?', ';', '-'];
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /\d+(\.\d+)?([eE][+-]?\d+)?/y;
const UNSUPPORTED = /\/\/|\|=|\+=|-=|\*=|\/=|=|\+|\*|\/|%|\$|\{|\}|@|:/y;

/** Splits a jq expression into tokens, ending with an `end` token. */
export function tokenizeJq(source: string): JqToken[] {
  const tokens: JqToken[] = [];
  let at = 0;
  while (at < source.length) {
    if (/\s/.test(source[at] as string)) {
      at++;
      continue;
    }
    const token = readToken(source, at);
    tokens.push(token);
    at += token.text.length;
  }
  tokens.push({ kind: 'end', text: '', at: source.length });
  return tokens;
}

function readToken(source: string, at: number): JqToken {
  const char = source[at] as string;
  if (char === '"') return readString(source, at);
  if (char === '.' && /[A-Za-z_]/.test(source[at + 1] ?? '')) {
    const name = match(IDENT, source, at + 1) as string;
    return { kind: 'field', text: `.${name}`, value: name, at };
  }
  const number = match(NUMBER, source, at);
  if (number !== undefined) return { kind: 'number', text: number, value: Number(number), at };
  const ident = match(IDENT, source, at);
  if (ident !== undefined) return { kind: 'ident', text: ident, at };
  const op = OPERATORS.find((o) => source.startsWith(o, at));
  if (op !== undefined) return { kind: 'op', text: op, at };
  const unsupported = match(UNSUPPORTED, source, at);
  if (unsupported !== undefined) throw new JqSyntaxError(`"${unsupported}" is not supported`, at);
  const punct = PUNCTUATION.find((p) => source.startsWith(p, at));
  if (punct !== undefined) return { kind: 'punct', text: punct, at };
  throw new JqSyntaxError(`unexpected character "${char}"`, at);
}

function match(pattern: RegExp, source: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(source)?.[0];
}

function readString(source: string, start: number): JqToken {
  let at = start + 1;
  while (at < source.length && source[at] !== '"') {
    if (source[at] === '\\') {
      if (source[at + 1] === '(') throw new JqSyntaxError('string interpolation is not supported', at);
      at++;
    }
    at++;
  }
  if (at >= source.length) throw new JqSyntaxError('unterminated string', start);
  const text = source.slice(start, at + 1);
  try {
    return { kind: 'string', text, value: JSON.parse(text) as string, at: start };
  } catch {
    throw new JqSyntaxError(`invalid string ${text}`, start);
  }
}
