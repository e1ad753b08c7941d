/**
 * The parse tree of a Go template, one node kind per construct of text/template/parse. Every
 * node keeps its byte offset in the source (`pos`) so errors can name line and column.
 */

/** A sequence of nodes: a template body or a branch. */
export interface ListNode {
  readonly kind: 'list';
  readonly pos: number;
  readonly nodes: Node[];
}

/** Plain text copied to the output. */
export interface TextNode {
  readonly kind: 'text';
  readonly pos: number;
  readonly text: string;
}

/** `{{pipeline}}`: prints its value unless the pipeline declares variables. */
export interface ActionNode {
  readonly kind: 'action';
  readonly pos: number;
  readonly line: number;
  readonly pipe: PipeNode;
}

/** `{{if}}`, `{{range}}` and `{{with}}`, with an optional else branch. */
export interface BranchNode {
  readonly kind: 'if' | 'range' | 'with';
  readonly pos: number;
  readonly line: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | undefined;
}

/** `{{template "name" pipeline}}` (also what `{{block}}` leaves in place). */
export interface TemplateNode {
  readonly kind: 'template';
  readonly pos: number;
  readonly line: number;
  readonly name: string;
  readonly pipe: PipeNode | undefined;
}

/** `{{break}}` and `{{continue}}` inside a range. */
export interface LoopControlNode {
  readonly kind: 'break' | 'continue';
  readonly pos: number;
  readonly line: number;
}

/** The statement nodes of a template body. */
export type Node = ListNode | TextNode | ActionNode | BranchNode | TemplateNode | LoopControlNode;

/** A pipeline: optional variable declarations (or an assignment) and commands joined by `|`. */
export interface PipeNode {
  readonly kind: 'pipe';
  readonly pos: number;
  readonly line: number;
  isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}

/** One command of a pipeline: an operand, or a function or method with arguments. */
export interface CommandNode {
  readonly kind: 'command';
  readonly pos: number;
  readonly args: ArgNode[];
}

/** `.A.B`: a chain of field names looked up from dot. */
export interface FieldNode {
  readonly kind: 'field';
  readonly pos: number;
  readonly ident: string[];
}

/** `$x.A.B`: a variable, optionally followed by fields. */
export interface VariableNode {
  readonly kind: 'variable';
  readonly pos: number;
  readonly ident: string[];
}

/** `.` itself. */
export interface DotNode {
  readonly kind: 'dot';
  readonly pos: number;
}

/** The untyped `nil`. */
export interface NilNode {
  readonly kind: 'nil';
  readonly pos: number;
}

/** `true` or `false`. */
export interface BoolNode {
  readonly kind: 'bool';
  readonly pos: number;
  readonly value: boolean;
}

/** A numeric constant and every Go type it can represent, as Go's parser records it. */
export interface NumberNode {
  readonly kind: 'number';
  readonly pos: number;
  readonly text: string;
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly isComplex: boolean;
  readonly int: bigint;
  readonly uint: bigint;
  readonly float: number;
  readonly complex: { readonly re: number; readonly im: number };
}

/** A quoted or raw string constant. */
export interface StringNode {
  readonly kind: 'string';
  readonly pos: number;
  readonly quoted: string;
  readonly text: string;
}

/** A function name. */
export interface IdentifierNode {
  readonly kind: 'identifier';
  readonly pos: number;
  readonly name: string;
}

/** `(pipeline).A.B` or another term followed by fields. */
export interface ChainNode {
  readonly kind: 'chain';
  readonly pos: number;
  readonly node: ArgNode;
  readonly field: string[];
}

/** The operands a command is made of. */
export type ArgNode =
  | FieldNode
  | VariableNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | IdentifierNode
  | ChainNode
  | PipeNode;

/** Any node of the tree. */
export type AnyNode = Node | PipeNode | CommandNode | ArgNode;

/** Renders a node back to template source, as Go's Node.String does for error messages. */
export function nodeString(n: AnyNode): string {
  switch (n.kind) {
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'text':
      return JSON.stringify(n.text);
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'if':
    case 'range':
    case 'with':
      return branchString(n);
    case 'template':
      return templateString(n);
    case 'break':
    case 'continue':
      return `{{${n.kind}}}`;
    case 'pipe':
      return pipeString(n);
    case 'command':
      return n.args.map((a) => (a.kind === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    default:
      return argString(n);
  }
}

function argString(n: ArgNode): string {
  switch (n.kind) {
    case 'field':
      return n.ident.map((i) => `.${i}`).join('');
    case 'variable':
      return n.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'identifier':
      return n.name;
    case 'chain':
      return chainString(n);
    case 'pipe':
      return pipeString(n);
  }
}

function chainString(n: ChainNode): string {
  const head = n.node.kind === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
  return head + n.field.map((f) => `.${f}`).join('');
}

function pipeString(n: PipeNode): string {
  let s = '';
  if (n.decl.length > 0) s = `${n.decl.map(nodeString).join(', ')} ${n.isAssign ? '=' : ':='} `;
  return s + n.cmds.map(nodeString).join(' | ');
}

function branchString(n: BranchNode): string {
  const head = `{{${n.kind} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
  return n.elseList === undefined ? `${head}{{end}}` : `${head}{{else}}${nodeString(n.elseList)}{{end}}`;
}

function templateString(n: TemplateNode): string {
  const name = JSON.stringify(n.name);
  return n.pipe === undefined ? `{{template ${name}}}` : `{{template ${name} ${nodeString(n.pipe)}}}`;
}
