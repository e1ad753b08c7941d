import type { ArgNode, CommandNode, PipeNode, VariableNode } from './ast.js';
import { nodeString } from './ast.js';
import { parseNumber, unquoteString } from './literal.js';
import type { Token, TokenType } from './lexer.js';
import type { TokenStream } from './token-stream.js';

const COMMAND_START = new Set<TokenType>([
  'bool',
  'charConstant',
  'complex',
  'dot',
  'field',
  'identifier',
  'number',
  'nil',
  'rawString',
  'string',
  'variable',
  'leftParen',
]);

/**
 * Parses a pipeline up to `end` (a right delimiter or, in parentheses, a right paren): optional
 * declarations (`$x :=`, `$x =`, `$i, $v :=` in range), then commands joined by `|`.
 */
export function parsePipeline(ts: TokenStream, context: string, end: TokenType): PipeNode {
  const first = ts.peekNonSpace();
  const pipe: PipeNode = { kind: 'pipe', pos: first.pos, line: first.line, isAssign: false, decl: [], cmds: [] };
  parseDeclarations(ts, pipe, context);
  for (;;) {
    const token = ts.nextNonSpace();
    if (token.type === end) {
      checkPipeline(ts, pipe, context);
      return pipe;
    }
    if (!COMMAND_START.has(token.type)) ts.unexpected(token, context);
    ts.backup();
    pipe.cmds.push(parseCommand(ts));
  }
}

function parseDeclarations(ts: TokenStream, pipe: PipeNode, context: string): void {
  for (;;) {
    const v = ts.peekNonSpace();
    if (v.type !== 'variable') return;
    ts.next();
    const after = ts.peek();
    const next = ts.peekNonSpace();
    const declared: VariableNode = { kind: 'variable', pos: v.pos, ident: [v.val] };
    if (next.type === 'assign' || next.type === 'declare') {
      pipe.isAssign = next.type === 'assign';
      ts.nextNonSpace();
      pipe.decl.push(declared);
      ts.vars.push(v.val);
      return;
    }
    if (next.type !== 'char' || next.val !== ',') {
      ts.backup(after.type === 'space' ? 2 : 1);
      return;
    }
    ts.nextNonSpace();
    pipe.decl.push(declared);
    ts.vars.push(v.val);
    checkSecondRangeVariable(ts, pipe, context);
  }
}

/** After `$a,` only a range may declare a second variable; anything else is an error. */
function checkSecondRangeVariable(ts: TokenStream, pipe: PipeNode, context: string): void {
  if (context !== 'range' || pipe.decl.length >= 2) ts.fail(`too many declarations in ${context}`);
  const t = ts.peekNonSpace().type;
  if (t !== 'variable' && t !== 'rightDelim' && t !== 'rightParen') ts.fail('range can only initialize variables');
}

function checkPipeline(ts: TokenStream, pipe: PipeNode, context: string): void {
  if (pipe.cmds.length === 0) ts.fail(`missing value for ${context}`);
  pipe.cmds.slice(1).forEach((c, i) => {
    const k = c.args[0]?.kind;
    if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') {
      ts.fail(`non executable command in pipeline stage ${i + 2}`);
    }
  });
}

function parseCommand(ts: TokenStream): CommandNode {
  const cmd: CommandNode = { kind: 'command', pos: ts.peekNonSpace().pos, args: [] };
  for (;;) {
    ts.peekNonSpace();
    const operand = parseOperand(ts);
    if (operand !== undefined) cmd.args.push(operand);
    const token = ts.next();
    if (token.type === 'space') continue;
    if (token.type === 'rightDelim' || token.type === 'rightParen') ts.backup();
    else if (token.type !== 'pipe') ts.unexpected(token, 'operand');
    break;
  }
  if (cmd.args.length === 0) ts.fail('empty command');
  return cmd;
}

function parseOperand(ts: TokenStream): ArgNode | undefined {
  const node = parseTerm(ts);
  if (node === undefined || ts.peek().type !== 'field') return node;
  const pos = ts.peek().pos;
  const fields: string[] = [];
  while (ts.peek().type === 'field') fields.push(ts.next().val.slice(1));
  switch (node.kind) {
    case 'field':
      return { kind: 'field', pos, ident: [...node.ident, ...fields] };
    case 'variable':
      return { kind: 'variable', pos, ident: [...node.ident, ...fields] };
    case 'bool':
    case 'string':
    case 'number':
    case 'nil':
    case 'dot':
      return ts.fail(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
    default:
      return { kind: 'chain', pos, node, field: fields };
  }
}

function parseTerm(ts: TokenStream): ArgNode | undefined {
  const token = ts.nextNonSpace();
  const pos = token.pos;
  switch (token.type) {
    case 'identifier':
      if (!ts.hasFunction(token.val)) ts.fail(`function ${JSON.stringify(token.val)} not defined`);
      return { kind: 'identifier', pos, name: token.val };
    case 'dot':
      return { kind: 'dot', pos };
    case 'nil':
      return { kind: 'nil', pos };
    case 'variable':
      ts.checkVar(token.val);
      return { kind: 'variable', pos, ident: [token.val] };
    case 'field':
      return { kind: 'field', pos, ident: [token.val.slice(1)] };
    case 'bool':
      return { kind: 'bool', pos, value: token.val === 'true' };
    case 'leftParen':
      return parsePipeline(ts, 'parenthesized pipeline', 'rightParen');
  }
  return parseLiteral(ts, token);
}

function parseLiteral(ts: TokenStream, token: Token): ArgNode | undefined {
  const pos = token.pos;
  switch (token.type) {
    case 'charConstant':
    case 'complex':
    case 'number':
      return { kind: 'number', pos, text: token.val, ...guard(ts, () => parseNumber(token.val, token.type as 'number' | 'charConstant' | 'complex')) };
    case 'string':
    case 'rawString':
      return { kind: 'string', pos, quoted: token.val, text: guard(ts, () => unquoteString(token.val)) };
  }
  ts.backup();
  return undefined;
}

/** Runs a literal conversion, turning its failure into a parse error at the current line. */
export function guard<T>(ts: TokenStream, f: () => T): T {
  try {
    return f();
  } catch (error) {
    return ts.fail(error instanceof Error ? error.message : String(error));
  }
}
