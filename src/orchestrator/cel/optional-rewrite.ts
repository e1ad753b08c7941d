/**
 * Gives `.?field` its meaning for @bufbuild/cel, which evaluates no optional values: an optional
 * chain becomes presence tests. `a.?b.c.orValue(d)` is evaluated as `has(a.b) ? a.b.c : d`,
 * `.hasValue()` as the tests, `.value()` as the plain chain, and an optional chain left as the
 * whole result yields the OMIT identifier when absent (the field is then left out).
 */
import type { Expr } from './parse.js';
import { childrenOf, isOptionalField, plainField } from './parse.js';

/** The identifier an absent top-level optional evaluates to. */
export const OMIT_IDENT = '__kro_omit__';

interface Ids {
  next: bigint;
}

function node(ids: Ids, exprKind: Expr['exprKind']): Expr {
  return { $typeName: 'cel.expr.Expr', id: ids.next++, exprKind } as Expr;
}

function call(ids: Ids, fn: string, args: Expr[]): Expr {
  return node(ids, { case: 'callExpr', value: { $typeName: 'cel.expr.Expr.Call', function: fn, args } } as Expr['exprKind']);
}

function select(ids: Ids, operand: Expr, field: string, testOnly: boolean): Expr {
  return node(ids, { case: 'selectExpr', value: { $typeName: 'cel.expr.Expr.Select', operand, field, testOnly } } as Expr['exprKind']);
}

/** The optional selects along an expression's access spine (selects and indexes), outermost last. */
function optionalSpine(e: Expr): { operand: Expr; field: string }[] {
  const k = e.exprKind;
  if (k.case === 'selectExpr' && k.value.operand) {
    const inner = optionalSpine(k.value.operand);
    return isOptionalField(k.value.field) ? [...inner, { operand: k.value.operand, field: plainField(k.value.field) }] : inner;
  }
  if (k.case === 'callExpr' && k.value.function === '_[_]' && k.value.args[0]) return optionalSpine(k.value.args[0]);
  return [];
}

function presence(ids: Ids, e: Expr): Expr | undefined {
  const tests = optionalSpine(e).map((s) => select(ids, rewrite(ids, s.operand), s.field, true));
  return tests.reduce<Expr | undefined>((acc, t) => (acc ? call(ids, '_&&_', [acc, t]) : t), undefined);
}

function rewriteOptionalCall(ids: Ids, e: Expr): Expr | undefined {
  const k = e.exprKind;
  if (k.case !== 'callExpr' || !k.value.target) return undefined;
  const { function: fn, target, args } = k.value;
  const test = presence(ids, target);
  if (!test) return undefined;
  const plain = rewrite(ids, target);
  if (fn === 'orValue' && args[0]) return call(ids, '_?_:_', [test, plain, rewrite(ids, args[0])]);
  if (fn === 'hasValue') return test;
  if (fn === 'value') return plain;
  return undefined;
}

/** Rewrites optional selects to plain ones and optional helpers to presence tests; returns a new tree. */
function rewrite(ids: Ids, e: Expr): Expr {
  const special = rewriteOptionalCall(ids, e);
  if (special) return special;
  const copy = { ...e, exprKind: { ...e.exprKind, value: { ...(e.exprKind.value as object) } } } as Expr;
  const k = copy.exprKind;
  switch (k.case) {
    case 'selectExpr':
      k.value.field = plainField(k.value.field);
      if (k.value.operand) k.value.operand = rewrite(ids, k.value.operand);
      break;
    case 'callExpr':
      if (k.value.target) k.value.target = rewrite(ids, k.value.target);
      k.value.args = k.value.args.map((a) => rewrite(ids, a));
      break;
    case 'listExpr':
      k.value.elements = k.value.elements.map((a) => rewrite(ids, a));
      break;
    case 'structExpr':
      k.value.entries = k.value.entries.map((en) => ({
        ...en,
        keyKind: en.keyKind.case === 'mapKey' ? { case: 'mapKey', value: rewrite(ids, en.keyKind.value) } : en.keyKind,
        value: en.value ? rewrite(ids, en.value) : en.value,
      }));
      break;
    case 'comprehensionExpr':
      for (const key of ['iterRange', 'accuInit', 'loopCondition', 'loopStep', 'result'] as const) {
        const part = k.value[key];
        if (part) k.value[key] = rewrite(ids, part);
      }
      break;
    default:
      break;
  }
  return copy;
}

function maxId(e: Expr): bigint {
  return childrenOf(e).reduce((m, c) => (maxId(c) > m ? maxId(c) : m), e.id);
}

/** Rewrites a parsed expression for evaluation (see the file comment). */
export function rewriteOptionals(e: Expr): Expr {
  const ids: Ids = { next: maxId(e) + 1000n };
  const test = presence(ids, e);
  const plain = rewrite(ids, e);
  if (!test) return plain;
  return call(ids, '_?_:_', [test, plain, node(ids, { case: 'identExpr', value: { $typeName: 'cel.expr.Expr.Ident', name: OMIT_IDENT } } as Expr['exprKind'])]);
}
