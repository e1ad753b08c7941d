/**
 * Adapts the module's CEL evaluator (kro's functions, optional chains; value | pending | error)
 * to the ExpressionEvaluator port the instance logic uses. An optional chain that came out absent
 * (`undefined`) stays undefined, and the caller leaves that field out.
 */
import type { CelEvaluator } from '../cel/evaluate.js';
import type { ExpressionEvaluator } from './evaluator.js';

/** Wraps a CelEvaluator as an ExpressionEvaluator. */
export function adaptCelEvaluator(cel: CelEvaluator): ExpressionEvaluator {
  return {
    evaluate(expression, variables) {
      const r = cel.evaluate(expression, variables);
      if (r.kind === 'value') return { ok: true, value: r.value };
      if (r.kind === 'pending') return { ok: false, pending: true, message: `not available yet: ${r.missing}` };
      return { ok: false, pending: false, message: r.message };
    },
  };
}
