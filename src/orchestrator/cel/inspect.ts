/**
 * What a CEL expression reads: references to declared resources (and `schema`, the instance),
 * references to identifiers nobody declared, and the functions it calls.
 */
import { unparse } from '@bufbuild/cel';
import { BINDING_METHODS, FUNCTION_NAMESPACES, KRO_LIBRARY_FUNCTIONS, STANDARD_FUNCTIONS } from './functions.js';
import { childrenOf, OPTIONAL_MARK, parseCel, plainField, qualifiedName, type Expr } from './parse.js';

/** One reference: the id read and the field path up to the first index or call (`svc.spec.ports`). */
export interface Reference {
  id: string;
  path: string;
}

/** One function call: its name as written (`json.marshal`, `processItems(bucket).validate`). */
export interface FunctionCall {
  name: string;
  arguments: string[];
}

/** The result of inspecting an expression. */
export interface Inspection {
  resourceDependencies: Reference[];
  unknownResources: Reference[];
  functionCalls: FunctionCall[];
  /** Global functions the environment does not know. */
  unknownFunctions: string[];
}

/** What the environment declares. */
export interface InspectOptions {
  /** Declared identifiers: resource ids, `schema`, forEach iterators... */
  resources: readonly string[];
  /** Extra functions beyond CEL's standard ones. */
  functions?: readonly string[];
  /** Include kro's libraries (strings, json, base64, random, lists, ...); default true. */
  kroLibraries?: boolean;
}

interface Ctx {
  resources: Set<string>;
  functions: Set<string>;
  out: Inspection;
}

function unparseExpr(e: Expr): string {
  try {
    return unparse(e).replaceAll(OPTIONAL_MARK, '?');
  } catch {
    return '?';
  }
}

function record(ctx: Ctx, path: string, root: string, locals: ReadonlySet<string>): void {
  if (locals.has(root)) return;
  const ref = { id: root, path };
  if (ctx.resources.has(root)) ctx.out.resourceDependencies.push(ref);
  else ctx.out.unknownResources.push(ref);
}

/** `json.marshal` for `json.marshal(x)` when that names a function (not a method on a resource `json`). */
function namespacedFunction(target: Expr, fn: string, ctx: Ctx): string | undefined {
  const qualified = qualifiedName(target);
  if (qualified === undefined) return undefined;
  const full = `${qualified}.${fn}`;
  return ctx.functions.has(full) || FUNCTION_NAMESPACES.includes(qualified) ? full : undefined;
}

function walkCall(e: Expr & { exprKind: { case: 'callExpr' } }, ctx: Ctx, locals: ReadonlySet<string>): void {
  const call = e.exprKind.value;
  const target = call.target;
  const args = call.args.map(unparseExpr);
  if (!target) {
    if (!/^[_!@]|_$/.test(call.function)) {
      ctx.out.functionCalls.push({ name: call.function, arguments: args });
      if (!ctx.functions.has(call.function)) ctx.out.unknownFunctions.push(call.function);
    }
    for (const a of call.args) walk(a, ctx, locals);
    return;
  }
  const global = namespacedFunction(target, call.function, ctx);
  if (global !== undefined) {
    ctx.out.functionCalls.push({ name: global, arguments: args });
    if (!ctx.functions.has(global) && global !== 'cel.bind') ctx.out.unknownFunctions.push(global);
    return walkBound(call.args, ctx, locals, global === 'cel.bind');
  }
  ctx.out.functionCalls.push({ name: `${unparseExpr(target)}.${call.function}`, arguments: args });
  walk(target, ctx, locals);
  walkBound(call.args, ctx, locals, BINDING_METHODS.includes(call.function));
}

function identName(e: Expr | undefined): string | undefined {
  return e?.exprKind.case === 'identExpr' ? e.exprKind.value.name : undefined;
}

/**
 * Walks call arguments. With `binds`, leading identifiers name variables local to the last
 * argument (`sortBy(x, key)`, `all(k, v, cond)`); `cel.bind(n, init, body)` binds one for the body.
 */
function walkBound(args: Expr[], ctx: Ctx, locals: ReadonlySet<string>, binds: boolean): void {
  const last = args[args.length - 1];
  const leading = args.slice(0, -1);
  const names = leading.map(identName);
  if (!binds || !last || names[0] === undefined) {
    for (const a of args) walk(a, ctx, locals);
    return;
  }
  const inner = new Set(locals);
  for (const [i, a] of leading.entries()) {
    const name = names[i];
    if (name !== undefined && (i === 0 || names.length === 2)) inner.add(name);
    else walk(a, ctx, locals);
  }
  walk(last, ctx, inner);
}

function walkComprehension(e: Expr & { exprKind: { case: 'comprehensionExpr' } }, ctx: Ctx, locals: ReadonlySet<string>): void {
  const c = e.exprKind.value;
  if (c.iterRange) walk(c.iterRange, ctx, locals);
  if (c.accuInit) walk(c.accuInit, ctx, locals);
  const inner = new Set(locals).add(c.iterVar).add(c.accuVar);
  if (c.iterVar2) inner.add(c.iterVar2);
  for (const part of [c.loopCondition, c.loopStep, c.result]) if (part) walk(part, ctx, inner);
}

function walk(e: Expr, ctx: Ctx, locals: ReadonlySet<string>): void {
  const k = e.exprKind;
  const chain = qualifiedName(e);
  if (chain !== undefined) return record(ctx, chain, chain.split('.')[0] ?? chain, locals);
  if (k.case === 'selectExpr' && k.value.testOnly && k.value.operand) {
    const base = qualifiedName(k.value.operand);
    if (base !== undefined) return record(ctx, `${base}.${plainField(k.value.field)}`, base.split('.')[0] ?? base, locals);
  }
  if (k.case === 'callExpr') return walkCall(e as Expr & { exprKind: { case: 'callExpr' } }, ctx, locals);
  if (k.case === 'comprehensionExpr') return walkComprehension(e as Expr & { exprKind: { case: 'comprehensionExpr' } }, ctx, locals);
  for (const child of childrenOf(e)) walk(child, ctx, locals);
}

const byPath = (a: Reference, b: Reference): number => (a.path === b.path ? a.id.localeCompare(b.id) : a.path < b.path ? -1 : 1);

/** Inspects a parsed expression. */
export function inspectExpr(expr: Expr, options: InspectOptions): Inspection {
  const functions = new Set([...STANDARD_FUNCTIONS, ...(options.kroLibraries === false ? [] : KRO_LIBRARY_FUNCTIONS), ...(options.functions ?? [])]);
  const ctx: Ctx = {
    resources: new Set(options.resources),
    functions,
    out: { resourceDependencies: [], unknownResources: [], functionCalls: [], unknownFunctions: [] },
  };
  walk(expr, ctx, new Set());
  ctx.out.resourceDependencies.sort(byPath);
  ctx.out.unknownResources.sort(byPath);
  ctx.out.functionCalls.sort((a, b) => a.name.localeCompare(b.name));
  return ctx.out;
}

/** Parses and inspects an expression; throws an InputError on a syntax error. */
export function inspectExpression(expression: string, options: InspectOptions): Inspection {
  return inspectExpr(parseCel(expression), options);
}
