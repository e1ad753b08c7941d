/**
 * The ApplicationSet's status conditions, as Argo CD's setApplicationSetStatusCondition derives
 * them: ErrorOccurred, ParametersGenerated and ResourcesUpToDate move together (an error means not
 * up to date; up to date means no error), RolloutProgressing only under RollingSync, and a
 * condition keeps its lastTransitionTime while its status stays the same.
 */
import type { AppSetCondition } from '../types.js';

/** Argo CD's message for a clean reconcile. */
export const UP_TO_DATE_MESSAGE = 'All applications have been generated successfully';
const PARAMS_MESSAGE = 'Successfully generated parameters for all Applications';

/** The outcome a reconcile reports. */
export type ReconcileOutcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'error'; readonly reason: string; readonly message: string; readonly paramsGenerated: boolean };

/** The conditions for an outcome (without lastTransitionTime), before RolloutProgressing. */
export function conditionsFor(outcome: ReconcileOutcome): AppSetCondition[] {
  if (outcome.kind === 'ok') {
    return [
      { type: 'ErrorOccurred', status: 'False', reason: 'ApplicationSetUpToDate', message: UP_TO_DATE_MESSAGE },
      { type: 'ParametersGenerated', status: 'True', reason: 'ParametersGenerated', message: PARAMS_MESSAGE },
      { type: 'ResourcesUpToDate', status: 'True', reason: 'ApplicationSetUpToDate', message: UP_TO_DATE_MESSAGE },
    ];
  }
  return [
    { type: 'ErrorOccurred', status: 'True', reason: outcome.reason, message: outcome.message },
    outcome.paramsGenerated
      ? { type: 'ParametersGenerated', status: 'True', reason: 'ParametersGenerated', message: PARAMS_MESSAGE }
      : { type: 'ParametersGenerated', status: 'False', reason: 'ErrorOccurred', message: outcome.message },
    { type: 'ResourcesUpToDate', status: 'False', reason: 'ErrorOccurred', message: outcome.message },
  ];
}

/** The RolloutProgressing condition of a RollingSync at `step` (undefined when complete). */
export function rolloutCondition(activeStep: number | undefined): AppSetCondition {
  if (activeStep === undefined) return { type: 'RolloutProgressing', status: 'False', reason: 'ApplicationSetRolloutComplete', message: 'ApplicationSet Rollout has completed' };
  return { type: 'RolloutProgressing', status: 'True', reason: 'ApplicationSetModified', message: `ApplicationSet is performing rollout of step ${activeStep}` };
}

/** `next` with each condition's lastTransitionTime carried over from `previous` when its status is unchanged. */
export function withTransitionTimes(next: readonly AppSetCondition[], previous: readonly AppSetCondition[] | undefined, now: string): AppSetCondition[] {
  return next.map((c) => {
    const before = previous?.find((p) => p.type === c.type);
    const time = before && before.status === c.status && before.lastTransitionTime ? before.lastTransitionTime : now;
    return { ...c, lastTransitionTime: time };
  });
}

/** True when two condition lists say the same thing (times aside). */
export function sameConditions(a: readonly AppSetCondition[] | undefined, b: readonly AppSetCondition[]): boolean {
  const strip = (l: readonly AppSetCondition[]): string => JSON.stringify(l.map((c) => [c.type, c.status, c.reason, c.message]));
  return strip(a ?? []) === strip(b);
}
