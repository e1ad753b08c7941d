/**
 * Parsing CEL for kro. @bufbuild/cel's parser has no optional syntax (`a.?b`), which kro uses
 * widely, so `.?field` is rewritten before parsing into a select of a marked field name; the
 * analyses and the evaluator treat a marked select as an optional one.
 */
import { parse } from '@bufbuild/cel';
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { InputError } from '../../core/index.js';

export type { Expr };

/** The prefix a field name carries when it was selected with `.?`. */
export const OPTIONAL_MARK = '__kro_opt__';

/** Rewrites `.?name` (outside string literals) to `.__kro_opt__name` and `[?` to `[`. */
export function rewriteOptionalSyntax(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (ch === '"' || ch === "'") {
      const end = endOfString(source, i);
      out += source.slice(i, end);
      i = end;
    } else if ((ch === '.' || ch === '[') && source[i + 1] === '?') {
      out += ch === '.' ? `.${OPTIONAL_MARK}` : '[';
      i += 2;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** The index just past the string literal opening at `start` (escapes skipped). */
function endOfString(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length && source[i] !== quote) i += source[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, source.length);
}

/** Parses a kro CEL expression; throws an InputError that quotes the expression on a syntax error. */
export function parseCel(source: string): Expr {
  try {
    return parse(rewriteOptionalSyntax(source)).expr;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InputError(`invalid CEL expression ${JSON.stringify(source)}: ${message ?? ''}`, { cause: error });
  }
}

/** True when a select's field was written with `.?`. */
export function isOptionalField(field: string): boolean {
  return field.startsWith(OPTIONAL_MARK);
}

/** The field name as written, without the optional mark. */
export function plainField(field: string): string {
  return isOptionalField(field) ? field.slice(OPTIONAL_MARK.length) : field;
}

/** The dotted name of a plain select chain (`a.b.c`), or undefined when the node is anything else. */
export function qualifiedName(e: Expr): string | undefined {
  const k = e.exprKind;
  if (k.case === 'identExpr') return k.value.name;
  if (k.case === 'selectExpr' && k.value.operand && !k.value.testOnly && !isOptionalField(k.value.field)) {
    const base = qualifiedName(k.value.operand);
    return base === undefined ? undefined : `${base}.${plainField(k.value.field)}`;
  }
  return undefined;
}

/** Direct children of a node, for generic walks. */
export function childrenOf(e: Expr): Expr[] {
  const k = e.exprKind;
  switch (k.case) {
    case 'selectExpr':
      return k.value.operand ? [k.value.operand] : [];
    case 'callExpr':
      return [...(k.value.target ? [k.value.target] : []), ...k.value.args];
    case 'listExpr':
      return k.value.elements;
    case 'structExpr':
      return k.value.entries.flatMap((en) => [...(en.keyKind.case === 'mapKey' ? [en.keyKind.value] : []), ...(en.value ? [en.value] : [])]);
    case 'comprehensionExpr': {
      const c = k.value;
      return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result].filter((x): x is Expr => x !== undefined);
    }
    default:
      return [];
  }
}
