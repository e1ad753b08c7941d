/**
 * Evaluating kro expressions for the controllers. A reference to data that does not exist yet
 * (a resource not observed, a status field not written) is not an error: the result says what is
 * missing, and the caller waits, as kro does.
 */
import { celEnv, isCelError, plan, type CelEnv, type CelInput, type CelResult } from '@bufbuild/cel';
import { messageOf } from '../../core/index.js';
import { kroFunctions, OMIT_SENTINEL as OMIT } from './library.js';
import { OMIT_IDENT, rewriteOptionals } from './optional-rewrite.js';
import { parseCel } from './parse.js';
import { fromCel, toCel } from './values.js';

/**
 * The outcome of one evaluation. `value` is JSON (undefined when an optional chain was absent:
 * leave the field out); `pending` means the data the expression reads is not there yet (retry
 * later); `error` is a real failure (a type error at run time, a bad function argument).
 */
export type EvalResult = { kind: 'value'; value: unknown } | { kind: 'pending'; missing: string } | { kind: 'error'; message: string };

/**
 * Variables of an evaluation: `schema` (the instance), each resource by id (an object, or a list
 * of objects for a forEach resource), forEach iterator names, and `each` in a collection's readyWhen.
 */
export type Bindings = Record<string, unknown>;

/** Evaluates expressions; compiled programs are cached per evaluator. */
export interface CelEvaluator {
  evaluate(expression: string, bindings: Bindings): EvalResult;
}

type Program = (ctx: Record<string, CelInput>) => CelResult;

const MISSING = /field not found|no such key|unresolved attribute|undeclared reference|no such attribute/i;

function compile(env: CelEnv, expression: string): Program | { error: string } {
  try {
    return plan(env, rewriteOptionals(parseCel(expression))) as Program;
  } catch (error) {
    return { error: messageOf(error) };
  }
}

function run(program: Program, bindings: Bindings): EvalResult {
  const ctx: Record<string, CelInput> = { [OMIT_IDENT]: OMIT };
  for (const [name, value] of Object.entries(bindings)) if (value !== undefined) ctx[name] = toCel(value);
  let result: CelResult;
  try {
    result = program(ctx);
  } catch (error) {
    return { kind: 'error', message: messageOf(error) };
  }
  if (isCelError(result)) {
    return MISSING.test(result.message) ? { kind: 'pending', missing: result.message } : { kind: 'error', message: result.message };
  }
  if (result === OMIT) return { kind: 'value', value: undefined };
  return { kind: 'value', value: fromCel(result) };
}

/** Creates an evaluator with its own program cache. */
export function createCelEvaluator(): CelEvaluator {
  const cache = new Map<string, Program | { error: string }>();
  const env = celEnv({ funcs: kroFunctions() });
  return {
    evaluate(expression, bindings) {
      let program = cache.get(expression);
      if (!program) {
        program = compile(env, expression);
        cache.set(expression, program);
      }
      if ('error' in program) return { kind: 'error', message: program.error };
      return run(program, bindings);
    },
  };
}

/** Evaluates one expression without caching (tests, one-off checks). */
export function evaluateExpression(expression: string, bindings: Bindings): EvalResult {
  return createCelEvaluator().evaluate(expression, bindings);
}
