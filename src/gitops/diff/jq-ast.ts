/** A node of the jq path-expression subset gantry understands (see jq-parser.ts for the grammar). */
export type JqNode =
  | { type: 'identity' }
  | { type: 'recurse' }
  | { type: 'field'; name: string }
  | { type: 'index'; index: number }
  | { type: 'iterate' }
  | { type: 'pipe'; left: JqNode; right: JqNode }
  | { type: 'comma'; left: JqNode; right: JqNode }
  | { type: 'optional'; body: JqNode }
  | { type: 'literal'; value: unknown }
  | { type: 'compare'; op: JqCompareOp; left: JqNode; right: JqNode }
  | { type: 'logic'; op: 'and' | 'or'; left: JqNode; right: JqNode }
  | { type: 'call'; name: JqFunction; args: JqNode[] };

/** The comparison operators of the subset. */
export type JqCompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** The builtin functions of the subset, with how many arguments each takes. */
export const JQ_FUNCTIONS = {
  select: 1,
  not: 0,
  startswith: 1,
  endswith: 1,
  contains: 1,
  test: 1,
  has: 1,
  length: 0,
  type: 0,
  ascii_downcase: 0,
  empty: 0,
} as const;

/** A builtin function name of the subset. */
export type JqFunction = keyof typeof JQ_FUNCTIONS;

/** Whether a node yields locations in its input (so it can name what to ignore), not computed values. */
export function isPathExpression(node: JqNode): boolean {
  switch (node.type) {
    case 'identity':
    case 'recurse':
    case 'field':
    case 'index':
    case 'iterate':
      return true;
    case 'pipe':
    case 'comma':
      return isPathExpression(node.left) && isPathExpression(node.right);
    case 'optional':
      return isPathExpression(node.body);
    case 'call':
      return node.name === 'select' || node.name === 'empty';
    default:
      return false;
  }
}
