/**
 * Pure steps the instance controller takes with a built graph: render a resource's template with
 * the values of its expressions, evaluate readyWhen/includeWhen, and expand forEach into one set
 * of iterator bindings per item. Each returns a value, or says what is still missing, or fails.
 */
import type { Bindings, CelEvaluator, EvalResult } from '../cel/evaluate.js';
import { isPlainObject } from '../schema/parse-field.js';
import { splitPath, type PathSegment } from './template-check.js';
import type { FieldExpression, ForEachDimension } from './types.js';

/** A computed value, or what it waits for, or why it failed. */
export type Outcome<T> = { kind: 'value'; value: T } | { kind: 'pending'; missing: string } | { kind: 'error'; message: string };

type Container = Record<string, unknown> | unknown[];

function childOf(parent: Container, seg: PathSegment): unknown {
  return 'index' in seg ? (parent as unknown[])[seg.index] : (parent as Record<string, unknown>)[seg.key];
}

function setChild(parent: Container, seg: PathSegment, value: unknown): void {
  if ('index' in seg) (parent as unknown[])[seg.index] = value;
  else if (value === undefined) delete (parent as Record<string, unknown>)[seg.key];
  else (parent as Record<string, unknown>)[seg.key] = value;
}

/** Sets (or, for undefined, removes) the value at a path in kro's notation, creating parents. */
export function setAtPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const segs = splitPath(path);
  let at: Container = root;
  segs.slice(0, -1).forEach((seg, i) => {
    let next = childOf(at, seg);
    if (!Array.isArray(next) && !isPlainObject(next)) {
      next = 'index' in (segs[i + 1] ?? {}) ? [] : {};
      setChild(at, seg, next);
    }
    at = next as Container;
  });
  const last = segs[segs.length - 1];
  if (last) setChild(at, last, value);
}

function notValue<T>(r: EvalResult, where: string): Outcome<T> | undefined {
  if (r.kind === 'pending') return { kind: 'pending', missing: `${where}: ${r.missing}` };
  if (r.kind === 'error') return { kind: 'error', message: `${where}: ${r.message}` };
  return undefined;
}

/**
 * The template with every expression field replaced by its value (a field whose optional value is
 * absent, or that evaluates omit(), is left out). Pending as soon as one value is not available.
 */
export function renderTemplate(
  template: Record<string, unknown>,
  fields: readonly FieldExpression[],
  evaluator: CelEvaluator,
  bindings: Bindings,
): Outcome<Record<string, unknown>> {
  const out = structuredClone(template);
  for (const f of fields) {
    const r = evaluator.evaluate(f.expression, bindings);
    const stop = notValue<Record<string, unknown>>(r, `field ${f.path}`);
    if (stop) return stop;
    setAtPath(out, f.path, r.kind === 'value' ? r.value : undefined);
  }
  return { kind: 'value', value: out };
}

/** True when every condition holds (readyWhen, includeWhen); an empty list holds. */
export function evaluateConditions(expressions: readonly string[], evaluator: CelEvaluator, bindings: Bindings): Outcome<boolean> {
  for (const e of expressions) {
    const r = evaluator.evaluate(e, bindings);
    const stop = notValue<boolean>(r, `\${${e}}`);
    if (stop) return stop;
    if (r.kind === 'value' && r.value !== true) {
      if (typeof r.value !== 'boolean') return { kind: 'error', message: `\${${e}} returned ${JSON.stringify(r.value)}, not a bool` };
      return { kind: 'value', value: false };
    }
  }
  return { kind: 'value', value: true };
}

/**
 * The iterator bindings of a forEach resource: the cartesian product of its dimensions, first
 * dimension outermost (`[{region: a, tier: x}, {region: a, tier: y}, ...]`).
 */
export function expandForEach(dims: readonly ForEachDimension[], evaluator: CelEvaluator, bindings: Bindings): Outcome<Record<string, unknown>[]> {
  let combos: Record<string, unknown>[] = [{}];
  for (const d of dims) {
    const r = evaluator.evaluate(d.expression, bindings);
    const stop = notValue<Record<string, unknown>[]>(r, `forEach ${d.name}`);
    if (stop) return stop;
    const items = r.kind === 'value' ? r.value : undefined;
    if (!Array.isArray(items)) return { kind: 'error', message: `forEach ${d.name}: \${${d.expression}} did not return a list` };
    combos = combos.flatMap((c) => items.map((item: unknown) => ({ ...c, [d.name]: item })));
  }
  return { kind: 'value', value: dims.length === 0 ? [] : combos };
}
