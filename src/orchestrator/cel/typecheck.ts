/**
 * A CEL type-checker over kro's variables: infers an expression's type from the instance schema and
 * the resources' OpenAPI, and rejects what cel-go's checker would reject for kro (a field the
 * schema does not have, field selection on a scalar, mismatched operands of `+`).
 */
import { InputError } from '../../core/index.js';
import { isOptionalField, parseCel, plainField, type Expr } from './parse.js';
import { FUNCTION_NAMESPACES } from './functions.js';
import { BOOL, DOUBLE, DYN, INT, STRING, formatType, joinTypes, listOf, mapOf, unwrapOptional, type CelT } from './types.js';

/** Raised when an expression does not type-check. */
export class CelTypeError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'CelTypeError';
  }
}

/** Variable types in scope. */
export type TypeEnv = ReadonlyMap<string, CelT>;

const BOOL_FUNCS = new Set([
  '_==_', '_!=_', '_<_', '_<=_', '_>_', '_>=_', '_&&_', '_||_', '!_', '@in', '@not_strictly_false', 'matches', 'startsWith',
  'endsWith', 'contains', 'bool', 'hasValue', 'isSorted', 'isGreaterThan', 'isLessThan', 'isQuantity', 'isURL', 'isIP',
  'isCIDR', 'sets.contains', 'sets.equivalent', 'sets.intersects', 'exists', 'all',
]);
const STRING_FUNCS = new Set([
  'string', 'lowerAscii', 'upperAscii', 'trim', 'replace', 'substring', 'format', 'join', 'charAt', 'json.marshal',
  'base64.encode', 'random.seededString', 'strings.quote',
]);
const INT_FUNCS = new Set(['size', 'int', 'indexOf', 'lastIndexOf']);
const SAME_LIST_METHODS = new Set(['sort', 'sortBy', 'distinct', 'reverse', 'slice']);
const ELEM_METHODS = new Set(['sum', 'min', 'max']);
const NUMERIC = new Set(['int', 'uint', 'double']);

function fail(message: string): never {
  throw new CelTypeError(message);
}

function selectField(operand: CelT, field: string): CelT {
  if (operand.k === 'optional') return { k: 'optional', inner: selectField(operand.inner, field) };
  switch (operand.k) {
    case 'dyn':
      return DYN;
    case 'map':
      return operand.value;
    case 'object': {
      const t = operand.fields[field];
      if (t) return t;
      if (operand.open) return DYN;
      return fail(`undefined field '${field}'`);
    }
    default:
      return fail(`type '${formatType(operand)}' does not support field selection (field '${field}')`);
  }
}

function indexType(operand: CelT, index: Expr, key: CelT): CelT {
  const t = unwrapOptional(operand);
  if (t.k === 'list') return t.elem;
  if (t.k === 'map') return t.value;
  if (t.k === 'object') {
    const k = index.exprKind;
    return k.case === 'constExpr' && k.value.constantKind.case === 'stringValue' ? selectField(t, k.value.constantKind.value) : DYN;
  }
  if (t.k === 'dyn') return DYN;
  return fail(`type '${formatType(t)}' cannot be indexed with ${formatType(key)}`);
}

const ADDABLE = new Set(['string', 'bytes', 'int', 'uint', 'double', 'duration']);

function addType(a: CelT, b: CelT): CelT {
  const x = unwrapOptional(a);
  const y = unwrapOptional(b);
  if (x.k === 'dyn') return y;
  if (y.k === 'dyn') return x;
  if (x.k === 'list' && y.k === 'list') return listOf(joinTypes(x.elem, y.elem));
  if (x.k === y.k && ADDABLE.has(x.k)) return x;
  const times = new Set([x.k, y.k]);
  if (times.has('timestamp') && times.has('duration')) return { k: 'timestamp' };
  return fail(`found no matching overload for '_+_' applied to '(${formatType(x)}, ${formatType(y)})'`);
}

function arithmeticType(a: CelT, b: CelT): CelT {
  const x = unwrapOptional(a);
  return NUMERIC.has(x.k) && x.k === unwrapOptional(b).k ? x : DYN;
}

function constType(e: Expr & { exprKind: { case: 'constExpr' } }): CelT {
  switch (e.exprKind.value.constantKind.case) {
    case 'stringValue':
      return STRING;
    case 'int64Value':
      return INT;
    case 'uint64Value':
      return { k: 'uint' };
    case 'doubleValue':
      return DOUBLE;
    case 'boolValue':
      return BOOL;
    case 'bytesValue':
      return { k: 'bytes' };
    case 'nullValue':
      return { k: 'null' };
    default:
      return DYN;
  }
}

const FIXED_RESULT: ReadonlyMap<string, CelT> = new Map<string, CelT>([
  ...[...BOOL_FUNCS].map((n): [string, CelT] => [n, BOOL]),
  ...[...STRING_FUNCS].map((n): [string, CelT] => [n, STRING]),
  ...[...INT_FUNCS].map((n): [string, CelT] => [n, INT]),
  ...['bytes', 'base64.decode', 'hash.sha256', 'hash.md5', 'hash.fnv64a'].map((n): [string, CelT] => [n, { k: 'bytes' }]),
  ['double', DOUBLE],
  ['uint', { k: 'uint' }],
  ['duration', { k: 'duration' }],
  ['timestamp', { k: 'timestamp' }],
  ['split', listOf(STRING)],
  ['lists.range', listOf(INT)],
]);

function targetDependentType(name: string, target: CelT, arg: CelT | undefined): CelT {
  const t = unwrapOptional(target);
  if (SAME_LIST_METHODS.has(name) && t.k === 'list') return t;
  if (ELEM_METHODS.has(name) && t.k === 'list') return t.elem;
  if (name === 'orValue') return joinTypes(t, arg ?? DYN);
  if (name === 'value') return t;
  return DYN;
}

function namedFunctionType(name: string, target: CelT | undefined, args: CelT[]): CelT {
  const fixed = FIXED_RESULT.get(name);
  if (fixed) return fixed;
  return target ? targetDependentType(name, target, args[0]) : DYN;
}

const ARITHMETIC = new Set(['_-_', '_*_', '_/_', '_%_']);

function operatorType(fn: string, args: CelT[], argExprs: Expr[]): CelT | undefined {
  const [a = DYN, b = DYN, c = DYN] = args;
  if (ARITHMETIC.has(fn)) return arithmeticType(a, b);
  switch (fn) {
    case '_+_':
      return addType(a, b);
    case '-_':
      return a;
    case '_?_:_':
      return joinTypes(b, c);
    case '_[_]':
      return argExprs[1] ? indexType(a, argExprs[1], b) : DYN;
    default:
      return undefined;
  }
}

function iterationVars(c: Comprehension, range: CelT): [string, CelT][] {
  const elem = range.k === 'list' ? range.elem : range.k === 'map' ? range.value : DYN;
  const key = range.k === 'map' ? STRING : range.k === 'list' ? INT : DYN;
  if (c.iterVar2) return [[c.iterVar, key], [c.iterVar2, elem]];
  return [[c.iterVar, range.k === 'map' ? STRING : elem]];
}

type Comprehension = Extract<Expr['exprKind'], { case: 'comprehensionExpr' }>['value'];

/** Infers types of expressions in one environment. */
class Inferrer {
  constructor(private readonly env: TypeEnv) {}

  infer(e: Expr, scope: TypeEnv): CelT {
    const k = e.exprKind;
    switch (k.case) {
      case 'constExpr':
        return constType(e as Expr & { exprKind: { case: 'constExpr' } });
      case 'identExpr':
        return scope.get(k.value.name) ?? this.env.get(k.value.name) ?? DYN;
      case 'selectExpr':
        return this.select(k.value.operand, k.value.field, k.value.testOnly, scope);
      case 'callExpr':
        return this.call(k.value.function, k.value.target, k.value.args, scope);
      case 'listExpr':
        return listOf(k.value.elements.map((x) => this.infer(x, scope)).reduce(joinTypes, DYN));
      case 'structExpr':
        return k.value.messageName ? DYN : mapOf(k.value.entries.map((en) => (en.value ? this.infer(en.value, scope) : DYN)).reduce(joinTypes, DYN));
      case 'comprehensionExpr':
        return this.comprehension(k.value, scope);
      default:
        return DYN;
    }
  }

  private select(operand: Expr | undefined, field: string, testOnly: boolean, scope: TypeEnv): CelT {
    if (!operand) return DYN;
    const t = this.infer(operand, scope);
    const selected = selectField(isOptionalField(field) ? unwrapOptional(t) : t, plainField(field));
    if (testOnly) return BOOL;
    return isOptionalField(field) ? { k: 'optional', inner: unwrapOptional(selected) } : selected;
  }

  private call(fn: string, targetExpr: Expr | undefined, argExprs: Expr[], scope: TypeEnv): CelT {
    const qualified = targetExpr ? qualifiedTarget(targetExpr) : undefined;
    const global = qualified && FUNCTION_NAMESPACES.includes(qualified) ? `${qualified}.${fn}` : undefined;
    if (global === 'cel.bind') return this.bind(argExprs, scope);
    if (fn === 'sortBy' && targetExpr) return this.infer(targetExpr, scope);
    const target = targetExpr && !global ? this.infer(targetExpr, scope) : undefined;
    const args = argExprs.map((a) => this.infer(a, scope));
    return operatorType(fn, args, argExprs) ?? namedFunctionType(global ?? fn, target, args);
  }

  private bind(args: Expr[], scope: TypeEnv): CelT {
    const [name, init, body] = args;
    if (name?.exprKind.case !== 'identExpr' || !init || !body) return DYN;
    return this.infer(body, new Map(scope).set(name.exprKind.value.name, this.infer(init, scope)));
  }

  private comprehension(c: Comprehension, scope: TypeEnv): CelT {
    const range = c.iterRange ? unwrapOptional(this.infer(c.iterRange, scope)) : DYN;
    const inner = new Map([...scope, ...iterationVars(c, range)]);
    let accu = c.accuInit ? this.infer(c.accuInit, scope) : DYN;
    inner.set(c.accuVar, accu);
    if (c.loopStep) accu = joinTypes(accu, this.infer(c.loopStep, inner));
    inner.set(c.accuVar, accu);
    if (c.loopCondition) this.infer(c.loopCondition, inner);
    return c.result ? this.infer(c.result, inner) : accu;
  }
}

function qualifiedTarget(e: Expr): string | undefined {
  return e.exprKind.case === 'identExpr' ? e.exprKind.value.name : undefined;
}

/** Infers the type of a parsed expression; throws CelTypeError when it does not type-check. */
export function inferExprType(expr: Expr, env: TypeEnv): CelT {
  return new Inferrer(env).infer(expr, new Map());
}

/** Parses and type-checks an expression. */
export function inferType(expression: string, env: TypeEnv): CelT {
  return inferExprType(parseCel(expression), env);
}
