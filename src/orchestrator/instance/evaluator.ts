/**
 * The port through which instance logic evaluates CEL: given an expression and the variables in
 * scope (`schema`, resource ids, forEach iterators, `each`), a value or a reason it has none yet.
 * `pending` means the data an expression reads is not there yet (a status field not written, an
 * object not created): the resource waits. Anything else is an error a person must fix.
 */
export type Evaluation = { ok: true; value: unknown } | { ok: false; pending: boolean; message: string };

/** Evaluates CEL expressions over plain JSON-like variables. */
export interface ExpressionEvaluator {
  evaluate(expression: string, variables: Record<string, unknown>): Evaluation;
}
