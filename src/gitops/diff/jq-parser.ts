import { JQ_FUNCTIONS, type JqCompareOp, type JqFunction, type JqNode } from './jq-ast.js';
import { JqSyntaxError, tokenizeJq, type JqToken } from './jq-lexer.js';

// Grammar (lowest precedence first), a subset of jq's:
//   pipe    := comma ('|' pipe)?
//   comma   := or (',' or)*
//   or      := and ('or' and)*
//   and     := compare ('and' compare)*
//   compare := postfix (('=='|'!='|'<'|'<='|'>'|'>=') postfix)?
//   postfix := primary (suffix)*
//   primary := '.' | '.name' | '."name"' | '..' | literal | function ('(' pipe (';' pipe)* ')')? | '(' pipe ')'
//   suffix  := '.name' | '."name"' | '.'? '[' (index | "key")? ']' | '?'

/** Parses a jq expression of the supported subset into a tree; throws JqSyntaxError. */
export function parseJq(source: string): JqNode {
  const parser = new Parser(tokenizeJq(source));
  const node = parser.pipe();
  parser.expectEnd();
  return node;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: JqToken[]) {}

  pipe(): JqNode {
    const left = this.comma();
    if (!this.accept('|')) return left;
    return { type: 'pipe', left, right: this.pipe() };
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'end') throw new JqSyntaxError(`unexpected "${token.text}"`, token.at);
  }

  private comma(): JqNode {
    let node = this.or();
    while (this.accept(',')) node = { type: 'comma', left: node, right: this.or() };
    return node;
  }

  private or(): JqNode {
    let node = this.and();
    while (this.acceptIdent('or')) node = { type: 'logic', op: 'or', left: node, right: this.and() };
    return node;
  }

  private and(): JqNode {
    let node = this.compare();
    while (this.acceptIdent('and')) node = { type: 'logic', op: 'and', left: node, right: this.compare() };
    return node;
  }

  private compare(): JqNode {
    const left = this.postfix();
    const token = this.peek();
    if (token.kind !== 'op') return left;
    this.position++;
    return { type: 'compare', op: token.text as JqCompareOp, left, right: this.postfix() };
  }

  private postfix(): JqNode {
    let node = this.primary();
    for (let step = this.suffix(); step !== undefined; step = this.suffix()) {
      node = step.type === 'optional' ? { type: 'optional', body: node } : { type: 'pipe', left: node, right: step };
    }
    return node;
  }

  private suffix(): JqNode | undefined {
    const token = this.peek();
    if (token.kind === 'field') {
      this.position++;
      return { type: 'field', name: token.value as string };
    }
    if (this.accept('?')) return { type: 'optional', body: { type: 'identity' } };
    if (this.accept('[')) return this.bracket();
    if (token.text !== '.' || token.kind !== 'punct') return undefined;
    const next = this.peek(1);
    if (next.kind === 'string') {
      this.position++;
      return this.quotedField();
    }
    if (next.text !== '[') return undefined;
    this.position += 2;
    return this.bracket();
  }

  private primary(): JqNode {
    const token = this.advance();
    if (token.kind === 'field') return { type: 'field', name: token.value as string };
    if (token.text === '..') return { type: 'recurse' };
    if (token.text === '.') return this.peek().kind === 'string' ? this.quotedField() : { type: 'identity' };
    if (token.kind === 'string' || token.kind === 'number') return { type: 'literal', value: token.value };
    if (token.text === '-' && this.peek().kind === 'number') return { type: 'literal', value: -(this.advance().value as number) };
    if (token.text === '(') return this.parenthesised();
    if (token.kind === 'ident') return this.identifier(token);
    throw new JqSyntaxError(token.kind === 'end' ? 'unexpected end of expression' : `unexpected "${token.text}"`, token.at);
  }

  private parenthesised(): JqNode {
    const node = this.pipe();
    this.expect(')');
    return node;
  }

  private quotedField(): JqNode {
    return { type: 'field', name: this.advance().value as string };
  }

  private bracket(): JqNode {
    if (this.accept(']')) return { type: 'iterate' };
    const token = this.advance();
    let node: JqNode;
    if (token.kind === 'string') node = { type: 'field', name: token.value as string };
    else if (token.kind === 'number' && Number.isInteger(token.value)) node = { type: 'index', index: token.value as number };
    else if (token.text === '-' && this.peek().kind === 'number') node = { type: 'index', index: -(this.advance().value as number) };
    else throw new JqSyntaxError(`only a literal index or "key" is supported inside [ ], found "${token.text}"`, token.at);
    this.expect(']');
    return node;
  }

  private identifier(token: JqToken): JqNode {
    const name = token.text;
    if (name === 'true' || name === 'false') return { type: 'literal', value: name === 'true' };
    if (name === 'null') return { type: 'literal', value: null };
    if (!Object.prototype.hasOwnProperty.call(JQ_FUNCTIONS, name)) throw new JqSyntaxError(`"${name}" is not supported`, token.at);
    const args = this.accept('(') ? this.arguments() : [];
    const arity = JQ_FUNCTIONS[name as JqFunction];
    if (args.length !== arity) throw new JqSyntaxError(`${name} takes ${arity} argument(s), got ${args.length}`, token.at);
    return { type: 'call', name: name as JqFunction, args };
  }

  private arguments(): JqNode[] {
    const args = [this.pipe()];
    while (this.accept(';')) args.push(this.pipe());
    this.expect(')');
    return args;
  }

  private peek(ahead = 0): JqToken {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)] as JqToken;
  }

  private advance(): JqToken {
    const token = this.peek();
    if (token.kind !== 'end') this.position++;
    return token;
  }

  private accept(text: string): boolean {
    const token = this.peek();
    if (token.kind !== 'punct' || token.text !== text) return false;
    this.position++;
    return true;
  }

  private acceptIdent(text: string): boolean {
    const token = this.peek();
    if (token.kind !== 'ident' || token.text !== text) return false;
    this.position++;
    return true;
  }

  private expect(text: string): void {
    const token = this.peek();
    if (!this.accept(text)) throw new JqSyntaxError(token.kind === 'end' ? `missing "${text}"` : `expected "${text}", found "${token.text}"`, token.at);
  }
}
