import { InputError } from '../../core/index.js';
import { isPathExpression, type JqNode } from './jq-ast.js';
import { evaluateJq, JqRuntimeError } from './jq-eval.js';
import { JqSyntaxError } from './jq-lexer.js';
import { parseJq } from './jq-parser.js';
import type { ObjectPath } from './object-path.js';

/** A parsed jq path expression from ignoreDifferences.jqPathExpressions. */
export interface JqPathExpression {
  readonly source: string;
  readonly node: JqNode;
}

/**
 * Parses a jq path expression of the subset Argo CD users write: `.a.b`, `."a/b"`, `.["a/b"]`,
 * `[]`, `[n]`, `?`, `..`, pipes, commas and `select(...)` with `==`, `!=`, `<`, `>`, `and`, `or`,
 * `not`, `startswith`, `endswith`, `contains`, `test`, `has`, `length`, `type`. Anything else is an
 * InputError that names the expression, so the Application can report which one to fix.
 */
export function compileJqPath(source: string): JqPathExpression {
  let node: JqNode;
  try {
    node = parseJq(source);
  } catch (error) {
    if (!(error instanceof JqSyntaxError)) throw error;
    throw new InputError(`ignoreDifferences jqPathExpression ${JSON.stringify(source)}: ${error.message} at offset ${error.at}`);
  }
  if (!isPathExpression(node)) {
    throw new InputError(`ignoreDifferences jqPathExpression ${JSON.stringify(source)}: not a path expression (it computes values instead of selecting fields)`);
  }
  return { source, node };
}

/**
 * The concrete locations an expression selects in `root`, without duplicates. An expression that
 * fails on this object (iterating over a missing list without `?`) selects nothing, as the failed
 * `del(...)` is skipped in Argo CD.
 */
export function jqPaths(expression: JqPathExpression, root: unknown): ObjectPath[] {
  let outputs;
  try {
    outputs = evaluateJq(expression.node, { value: root, path: [] });
  } catch (error) {
    if (error instanceof JqRuntimeError) return [];
    throw error;
  }
  const seen = new Set<string>();
  const paths: ObjectPath[] = [];
  for (const { path } of outputs) {
    if (path === undefined) continue;
    const key = JSON.stringify(path);
    if (!seen.has(key)) paths.push(path);
    seen.add(key);
  }
  return paths;
}
