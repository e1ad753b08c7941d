/**
 * A small ExpressionEvaluator over @bufbuild/cel with plain JSON in and out: whole numbers become
 * CEL ints (as Kubernetes integers are), results come back as JSON values. Missing fields and keys
 * are reported as pending, since in a resource graph they mean "not written yet".
 */
import { celEnv, isCelError, isCelList, isCelMap, isCelUint, plan, parse } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import type { Evaluation, ExpressionEvaluator } from './evaluator.js';

type Program = (bindings: Record<string, unknown>) => unknown;

const PENDING = /no such key|field not found|no such attribute|not found|undeclared reference|no such overload.*null/i;

/** Creates an evaluator that caches compiled programs by expression text. */
export function createCelEvaluator(): ExpressionEvaluator {
  const programs = new Map<string, Program | Error>();
  const env = celEnv({ funcs: strings });
  const compile = (expression: string): Program | Error => {
    let p = programs.get(expression);
    if (!p) {
      try {
        p = plan(env, parse(expression)) as unknown as Program;
      } catch (error) {
        p = error instanceof Error ? error : new Error(String(error));
      }
      programs.set(expression, p);
    }
    return p;
  };
  return {
    evaluate(expression, variables): Evaluation {
      const program = compile(expression);
      if (program instanceof Error) return { ok: false, pending: false, message: `cannot parse: ${program.message}` };
      let result: unknown;
      try {
        result = program(toCelInput(variables) as Record<string, unknown>);
      } catch (error) {
        return { ok: false, pending: false, message: (error as Error).message };
      }
      if (isCelError(result)) {
        const message = (result as Error).message;
        return { ok: false, pending: PENDING.test(message), message };
      }
      return { ok: true, value: fromCel(result) };
    },
  };
}

/** Plain JSON to CEL input: integral numbers as bigint (CEL int). */
function toCelInput(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCelInput);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCelInput(v);
    return out;
  }
  return value;
}

/** CEL output back to plain JSON. */
export function fromCel(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (isCelUint(value)) return Number((value as { value: bigint }).value);
  if (isCelList(value)) return [...(value as Iterable<unknown>)].map(fromCel);
  if (isCelMap(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value as Iterable<[unknown, unknown]>) out[String(fromCel(k))] = fromCel(v);
    return out;
  }
  if (Array.isArray(value)) return value.map(fromCel);
  return value;
}
