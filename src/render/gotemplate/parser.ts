import type { BranchNode, ListNode, Node, TemplateNode } from './ast.js';
import { nodeString } from './ast.js';
import { ParseFailure, TemplateError } from './errors.js';
import { Lexer } from './lexer.js';
import { guard, parsePipeline } from './parse-pipeline.js';
import { unquoteString } from './literal.js';
import { TokenStream } from './token-stream.js';

/** One parsed template: its name, the name of the source it came from, the source and the body. */
export interface Tree {
  readonly name: string;
  /** The top-level template whose source held this one (Go's ParseName; Helm's file name). */
  readonly parseName: string;
  readonly text: string;
  readonly root: ListNode;
}

/** What the parser needs to know besides the source. */
export interface ParseOptions {
  readonly leftDelim: string;
  readonly rightDelim: string;
  readonly hasFunction: (name: string) => boolean;
}

type Marker = { kind: 'end'; pos: number } | { kind: 'else'; pos: number };

/**
 * Parses `text` as the template `name` plus the templates it defines (`define`, `block`), as
 * Go's parse.Parse does. Returns every tree by name; throws a TemplateError naming the line.
 */
export function parseTemplateText(name: string, text: string, options: ParseOptions): Map<string, Tree> {
  const lexer = new Lexer(text, {
    name,
    leftDelim: options.leftDelim,
    rightDelim: options.rightDelim,
    breakOK: !options.hasFunction('break'),
    continueOK: !options.hasFunction('continue'),
  });
  const parser = new Parser(name, text, new TokenStream(lexer, options.hasFunction));
  try {
    parser.parseTop();
  } catch (error) {
    if (!(error instanceof ParseFailure)) throw error;
    const message = `template: ${name}:${error.line}: ${error.message}`;
    throw new TemplateError(message, { phase: 'parse', location: { template: name, line: error.line } });
  }
  return parser.trees;
}

class Parser {
  readonly trees = new Map<string, Tree>();

  constructor(
    private readonly parseName: string,
    private readonly text: string,
    private ts: TokenStream,
  ) {}

  parseTop(): void {
    const root: ListNode = { kind: 'list', pos: 0, nodes: [] };
    while (this.ts.peek().type !== 'eof') {
      if (this.ts.peek().type === 'leftDelim') {
        const mark = this.ts.mark();
        this.ts.next();
        if (this.ts.nextNonSpace().type === 'define') {
          this.parseDefinition();
          continue;
        }
        this.ts.reset(mark);
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') this.ts.fail(`unexpected {{${n.kind}}}`);
      if (n.kind !== 'comment') root.nodes.push(n);
    }
    this.add({ name: this.parseName, parseName: this.parseName, text: this.text, root });
  }

  private add(tree: Tree): void {
    const existing = this.trees.get(tree.name);
    if (existing === undefined || isEmptyTree(existing.root)) {
      this.trees.set(tree.name, tree);
      return;
    }
    if (!isEmptyTree(tree.root)) this.ts.fail(`template: multiple definition of template ${JSON.stringify(tree.name)}`);
  }

  /** Parses a body with a fresh scope (only `$`), as a define or block body. */
  private parseBody(name: string, context: string): void {
    const outer = this.ts;
    this.ts = outer.fork();
    try {
      const { list, next } = this.itemList();
      if (next.kind !== 'end') this.ts.fail(`unexpected ${markerString(next)} in ${context}`);
      this.add({ name, parseName: this.parseName, text: this.text, root: list });
      outer.join(this.ts);
    } finally {
      this.ts = outer;
    }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const token = this.ts.nextNonSpace();
    if (token.type !== 'string' && token.type !== 'rawString') this.ts.unexpected(token, context);
    const name = guard(this.ts, () => unquoteString(token.val));
    this.ts.expect('rightDelim', context);
    this.parseBody(name, context);
  }

  private itemList(): { list: ListNode; next: Marker } {
    const list: ListNode = { kind: 'list', pos: this.ts.peekNonSpace().pos, nodes: [] };
    while (this.ts.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return { list, next: n };
      if (n.kind !== 'comment') list.nodes.push(n);
    }
    return this.ts.fail('unexpected EOF');
  }

  private textOrAction(): Node | Marker | { kind: 'comment' } {
    const token = this.ts.nextNonSpace();
    switch (token.type) {
      case 'text':
        return { kind: 'text', pos: token.pos, text: token.val };
      case 'leftDelim':
        return this.action();
      case 'comment':
        return { kind: 'comment' };
      default:
        return this.ts.unexpected(token, 'input');
    }
  }

  private action(): Node | Marker {
    const token = this.ts.nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue':
        return this.loopControl(token.type, token.pos, token.line);
      case 'else':
        return this.elseControl();
      case 'end':
        return { kind: 'end', pos: this.ts.expect('rightDelim', 'end').pos };
      case 'if':
      case 'range':
      case 'with':
        return this.branchControl(token.type);
      case 'template':
        return this.templateControl();
    }
    this.ts.backup();
    const start = this.ts.peek();
    return { kind: 'action', pos: start.pos, line: start.line, pipe: parsePipeline(this.ts, 'command', 'rightDelim') };
  }

  private loopControl(kind: 'break' | 'continue', pos: number, line: number): Node {
    const token = this.ts.nextNonSpace();
    if (token.type !== 'rightDelim') this.ts.unexpected(token, `{{${kind}}}`);
    if (this.ts.rangeDepth === 0) this.ts.fail(`{{${kind}}} outside {{range}}`);
    return { kind, pos, line };
  }

  private elseControl(): Marker {
    const peek = this.ts.peekNonSpace();
    if (peek.type === 'if') return { kind: 'else', pos: peek.pos };
    return { kind: 'else', pos: this.ts.expect('rightDelim', 'else').pos };
  }

  private branchControl(kind: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.ts.vars.length;
    try {
      const pipe = parsePipeline(this.ts, kind, 'rightDelim');
      if (kind === 'range') this.ts.rangeDepth++;
      const { list, next } = this.itemList();
      if (kind === 'range') this.ts.rangeDepth--;
      const elseList = next.kind === 'else' ? this.elseBranch(kind === 'if', next.pos) : undefined;
      return { kind, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.ts.vars.length = mark;
    }
  }

  private elseBranch(allowElseIf: boolean, pos: number): ListNode {
    if (allowElseIf && this.ts.peek().type === 'if') {
      this.ts.next();
      return { kind: 'list', pos, nodes: [this.branchControl('if')] };
    }
    const { list, next } = this.itemList();
    if (next.kind !== 'end') this.ts.fail(`expected end; found ${markerString(next)}`);
    return list;
  }

  private templateName(context: string): { name: string; pos: number; line: number } {
    const token = this.ts.nextNonSpace();
    if (token.type !== 'string' && token.type !== 'rawString') this.ts.unexpected(token, context);
    return { name: guard(this.ts, () => unquoteString(token.val)), pos: token.pos, line: token.line };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const { name, pos, line } = this.templateName(context);
    if (this.ts.nextNonSpace().type === 'rightDelim') return { kind: 'template', pos, line, name, pipe: undefined };
    this.ts.backup();
    return { kind: 'template', pos, line, name, pipe: parsePipeline(this.ts, context, 'rightDelim') };
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const { name, pos, line } = this.templateName(context);
    const pipe = parsePipeline(this.ts, context, 'rightDelim');
    this.parseBody(name, context);
    return { kind: 'template', pos, line, name, pipe };
  }
}

function markerString(m: Marker): string {
  return `{{${m.kind}}}`;
}

/** True when a body holds nothing but whitespace text, so a later definition may replace it. */
export function isEmptyTree(n: Node): boolean {
  switch (n.kind) {
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return n.text.trim() === '';
    default:
      return false;
  }
}

/** The source of a tree's body, for debugging and tests. */
export function treeString(tree: Tree): string {
  return nodeString(tree.root);
}
