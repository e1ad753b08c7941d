/**
 * Checks one `${...}` expression of an RGD: it parses, reads only identifiers that are in scope
 * there, calls only known functions, and type-checks. Errors name the resource, the place and the
 * expression, so a person knows what to fix.
 */
import { InputError, messageOf } from '../../core/index.js';
import { inspectExpr } from '../cel/inspect.js';
import { extractExpressions, standaloneMatch, type ExpressionMatch } from '../expressions/extract.js';
import { parseCel, type Expr } from '../cel/parse.js';
import { inferExprType, type TypeEnv } from '../cel/typecheck.js';
import { formatType, unwrapOptional, type CelT } from '../cel/types.js';

/** Where an expression sits and what it may read. */
export interface ExpressionScope {
  /** `resource "vpc"` or `instance status`. */
  owner: string;
  /** `readyWhen`, `template field spec.replicas`, ... */
  where: string;
  /** Variable types in scope (schema, resource ids, iterators, each). */
  env: TypeEnv;
  /** What may be read here, for the message when something else is. */
  hint?: string;
}

/** A checked expression. */
export interface CheckedExpression {
  expression: string;
  type: CelT;
  /** Identifiers read, first use first (resource ids, schema, iterators). */
  references: string[];
}

function describe(scope: ExpressionScope, expression: string): string {
  return `${scope.owner} ${scope.where}: expression \${${expression}}`;
}

function parseIn(scope: ExpressionScope, expression: string): Expr {
  try {
    return parseCel(expression);
  } catch (error) {
    throw new InputError(`${describe(scope, expression)}: ${messageOf(error)}`, { cause: error });
  }
}

/** Parses, scopes and type-checks an expression; throws an InputError naming owner, place and expression. */
export function checkExpression(expression: string, scope: ExpressionScope): CheckedExpression {
  const expr = parseIn(scope, expression);
  const inspection = inspectExpr(expr, { resources: [...scope.env.keys()] });
  const unknown = [...new Set(inspection.unknownResources.map((r) => r.id))].sort();
  if (unknown.length > 0) {
    throw new InputError(
      `${scope.owner} ${scope.where}: references unknown identifiers: [${unknown.join(' ')}] in \${${expression}}: ` +
        (scope.hint ?? 'use schema, a resource id declared in spec.resources, or an iterator in scope'),
    );
  }
  if (inspection.unknownFunctions.length > 0) {
    throw new InputError(`${describe(scope, expression)}: uses unknown functions: [${inspection.unknownFunctions.join(' ')}]`);
  }
  let type: CelT;
  try {
    type = inferExprType(expr, scope.env);
  } catch (error) {
    throw new InputError(`${describe(scope, expression)}: ${messageOf(error)}`, { cause: error });
  }
  return { expression, type, references: [...new Set(inspection.resourceDependencies.map((r) => r.id))] };
}

/** A part of a string template (`"x-${...}"`) must return a string; throws an InputError saying to wrap it in string(...). */
export function requireString(checked: CheckedExpression, scope: ExpressionScope): void {
  const t = unwrapOptional(checked.type);
  if (t.k !== 'string' && t.k !== 'dyn') {
    throw new InputError(`${scope.owner} ${scope.where}: \${${checked.expression}} returns ${formatType(t)}, but expressions in a string template must return strings: wrap it in string(...)`);
  }
}

/** Strips `${` and `}` from a condition or forEach value that must be exactly one expression. */
export function standaloneBody(value: string, owner: string, where: string): string {
  let matches: ExpressionMatch[] = [];
  try {
    matches = extractExpressions(value);
  } catch (error) {
    throw new InputError(`${owner} ${where}: ${messageOf(error)}`, { cause: error });
  }
  const only = standaloneMatch(value, matches);
  if (!only) {
    throw new InputError(`${owner} ${where}: ${JSON.stringify(value)}: only standalone expressions are allowed: write exactly one \${...}`);
  }
  return only.expr;
}
