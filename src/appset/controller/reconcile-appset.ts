/**
 * One reconcile of one ApplicationSet: generate parameters, render Applications, validate them,
 * step a RollingSync, plan and apply the changes, and write the status conditions. The safety rule
 * beyond Argo CD: when generation or rendering fails (git unreachable, a bad selector, a template
 * error), nothing is created, rewritten or deleted; the error is reported and the last good set stays.
 */
import { messageOf, type Clock, type Logger } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { transformGenerator, type GeneratorResult } from '../generators/generate.js';
import type { GenerateContext } from '../generators/ports.js';
import type { ApplicationSet, AppSetApplicationStatus, AppSetCondition } from '../types.js';
import { applyPlan, type WriteFailure } from './apply-plan.js';
import { conditionsFor, rolloutCondition, sameConditions, withTransitionTimes, type ReconcileOutcome } from './conditions.js';
import { planApplications, type AppPlan } from './plan.js';
import { GenerationError, renderApplications, type GeneratedApp } from './render-apps.js';
import { isRollingSync, progressRollingSync } from './rolling-sync.js';
import { requeueAfterSeconds } from './triggers.js';
import { describeValidationErrors, validateApplications, type AppValidationContext } from './validate.js';

/** What a reconcile reads and acts through. */
export interface AppSetReconcileDeps extends AppValidationContext {
  readonly hub: Cluster;
  readonly sources: Pick<GenerateContext, 'clusters' | 'repos' | 'generators'>;
  /** Every Application of the ApplicationSet's namespace (the watch cache). */
  applications(namespace: string): KubeObject[];
  /** True when the destination of an existing Application is still a known cluster. */
  destinationExists(app: KubeObject): boolean;
  /** Told each Application write (namespace, name, resourceVersion), so its watch echo can be ignored. */
  wrote?(namespace: string, name: string, resourceVersion: string): void;
  readonly clock: Clock;
  readonly log: Logger;
}

/** A reconcile's result for the runtime. */
export interface AppSetReconcileResult {
  readonly requeueAfterMs?: number;
  /** Writes that failed and may succeed when retried. */
  readonly retry?: string;
}

/** Generates every Application of an ApplicationSet; throws a GenerationError on any failure. */
export async function generateApplications(appset: ApplicationSet, sources: AppSetReconcileDeps['sources']): Promise<GeneratedApp[]> {
  const ctx: GenerateContext = { ...sources, mode: { goTemplate: appset.spec.goTemplate === true, goTemplateOptions: appset.spec.goTemplateOptions ?? [] }, applyNestedSelectors: appset.spec.applyNestedSelectors === true };
  const results: GeneratorResult[] = [];
  try {
    for (const generator of appset.spec.generators ?? []) results.push(...(await transformGenerator(generator, ctx)));
  } catch (error) {
    throw new GenerationError('ApplicationGenerationFromParamsError', messageOf(error), { cause: error });
  }
  return renderApplications(appset, results);
}

function outcomeOf(validation: ReadonlyMap<string, string>, failures: readonly WriteFailure[], plan: AppPlan): ReconcileOutcome {
  const first = failures[0];
  if (first) return { kind: 'error', reason: first.reason, message: `${first.name}: ${first.message}`, paramsGenerated: true };
  const conflict = plan.conflicts[0];
  if (conflict) return { kind: 'error', reason: 'CreateApplicationError', message: `Application ${conflict.name} is already owned by ApplicationSet ${conflict.owner}`, paramsGenerated: true };
  const invalid = describeValidationErrors(validation);
  return invalid ? { kind: 'error', reason: 'ApplicationValidationError', message: invalid, paramsGenerated: true } : { kind: 'ok' };
}

/** Writes the status when it changed; resolves true when it wrote. */
async function writeStatus(appset: ApplicationSet, deps: AppSetReconcileDeps, o: { outcome: ReconcileOutcome; rolling?: { statuses: AppSetApplicationStatus[]; activeStep?: number } }): Promise<boolean> {
  const now = isoSeconds(deps.clock);
  const wanted: AppSetCondition[] = [...conditionsFor(o.outcome), ...(o.rolling ? [rolloutCondition(o.rolling.activeStep)] : [])];
  const previous = appset.status?.conditions;
  const conditions = withTransitionTimes(wanted, previous, now);
  const statusesBefore = JSON.stringify(appset.status?.applicationStatus ?? null);
  const statusesAfter = JSON.stringify(o.rolling?.statuses ?? null);
  if (sameConditions(previous, conditions) && statusesBefore === statusesAfter) return false;
  const status = { conditions, applicationStatus: o.rolling?.statuses ?? null };
  const target = { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', namespace: appset.metadata.namespace, name: appset.metadata.name ?? '' };
  await deps.hub.api.patch(target, { status }, { type: 'merge', subresource: 'status' });
  return true;
}

/** Argo CD's polling, or soon while a rollout moves (its next step is decided from the status just written). */
function requeueOf(appset: ApplicationSet, rolling: 'none' | 'moved' | 'waiting'): number | undefined {
  const seconds = requeueAfterSeconds(appset.spec);
  const ms = seconds === undefined ? undefined : seconds * 1000;
  if (rolling === 'moved') return 500;
  // A waiting rollout is woken by its Applications' changes; the poll is a safety net.
  return rolling === 'waiting' ? Math.min(ms ?? 10_000, 10_000) : ms;
}

interface Rollout {
  apps: GeneratedApp[];
  statuses: AppSetApplicationStatus[];
  activeStep?: number;
}

function stepRollout(appset: ApplicationSet, desired: GeneratedApp[], existing: readonly KubeObject[], clock: Clock): Rollout {
  const live = new Map(existing.map((a) => [a.metadata.name ?? '', a]));
  const result = progressRollingSync(appset, desired, live, isoSeconds(clock));
  return { apps: result.apps, statuses: result.applicationStatus, ...(result.activeStep !== undefined ? { activeStep: result.activeStep } : {}) };
}

const STALE_RETRY_MS = 250;

function rolloutState(rolling: Rollout | undefined, wrote: boolean): 'none' | 'moved' | 'waiting' {
  if (rolling === undefined) return 'none';
  if (wrote) return 'moved';
  return rolling.activeStep !== undefined ? 'waiting' : 'none';
}

const isoSeconds = (clock: Clock): string => new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Reconciles one ApplicationSet (already read fresh from the apiserver). */
export async function reconcileApplicationSet(appset: ApplicationSet, deps: AppSetReconcileDeps): Promise<AppSetReconcileResult> {
  const namespace = appset.metadata.namespace ?? '';
  let desired: GeneratedApp[];
  try {
    desired = await generateApplications(appset, deps.sources);
  } catch (error) {
    const reason = error instanceof GenerationError ? error.reason : 'ApplicationGenerationFromParamsError';
    deps.log.warn('generation failed; Applications left as they are', { error: messageOf(error) });
    await writeStatus(appset, deps, { outcome: { kind: 'error', reason, message: messageOf(error), paramsGenerated: reason !== 'ApplicationGenerationFromParamsError' } });
    return { requeueAfterMs: Math.min(requeueOf(appset, 'none') ?? 30_000, 30_000) };
  }
  const existing = deps.applications(namespace);
  const validation = validateApplications(desired, deps);
  const rolling = isRollingSync(appset) ? stepRollout(appset, desired, existing, deps.clock) : undefined;
  if (rolling) desired = rolling.apps;
  const plan = planApplications(appset, desired, existing, new Set(validation.keys()));
  const writes = await applyPlan(deps.hub, plan, { namespace, destinationExists: deps.destinationExists, wrote: (name, version) => deps.wrote?.(namespace, name, version) });
  deps.log.debug('applications reconciled', { created: plan.create.length, updated: plan.update.length, deleted: plan.delete.length, failed: writes.length });
  // A conflict only means the watch cache was behind: no error to report, just another look soon.
  const failures = writes.filter((f) => !f.stale);
  const wrote = await writeStatus(appset, deps, { outcome: outcomeOf(validation, failures, plan), ...(rolling ? { rolling } : {}) });
  const retry = failures.find((f) => f.retryable);
  const ms = writes.some((f) => f.stale) ? STALE_RETRY_MS : requeueOf(appset, rolloutState(rolling, wrote));
  return { ...(retry ? { retry: `${retry.name}: ${retry.message}` } : {}), ...(ms === undefined ? {} : { requeueAfterMs: ms }) };
}
