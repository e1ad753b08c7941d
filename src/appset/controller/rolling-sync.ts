/**
 * Progressive sync (strategy.type RollingSync), decided purely as Argo CD's ApplicationSet
 * controller does. Applications fall into steps by their labels; automated sync is withheld from
 * every one, and the controller itself starts a sync of an OutOfSync Application once its step is
 * reached (every Application of the earlier steps Healthy) and fewer than maxUpdate of its step are
 * already updating. status.applicationStatus walks Waiting -> Pending -> Progressing -> Healthy.
 */
import type { KubeObject } from '../../kube/index.js';
import type { ApplicationSet, AppSetApplicationStatus, RollingSyncStep } from '../types.js';
import type { GeneratedApp } from './render-apps.js';

/** True when an ApplicationSet uses RollingSync. */
export function isRollingSync(appset: ApplicationSet): boolean {
  return appset.spec.strategy?.type === 'RollingSync' && (appset.spec.strategy.rollingSync?.steps ?? []).length > 0;
}

interface LiveApp {
  health: string;
  sync: string;
  phase: string;
  revisions: string[];
}

function liveOf(app: KubeObject): LiveApp {
  const status = (app['status'] ?? {}) as { health?: { status?: string }; sync?: { status?: string; revision?: string; revisions?: string[] }; operationState?: { phase?: string } };
  const revisions = status.sync?.revisions ?? (status.sync?.revision ? [status.sync.revision] : []);
  return { health: status.health?.status ?? '', sync: status.sync?.status ?? '', phase: status.operationState?.phase ?? '', revisions };
}

const isHealthy = (l: LiveApp): boolean => l.health === 'Healthy' && l.sync !== 'OutOfSync' && (l.phase === 'Succeeded' || l.phase === '');

function stepMatches(step: RollingSyncStep, labels: Readonly<Record<string, string>>): boolean {
  return (step.matchExpressions ?? []).every((e) => {
    const value = labels[e.key];
    if (value === undefined) return e.operator !== 'In';
    if (e.operator === 'In') return (e.values ?? []).includes(value);
    if (e.operator === 'NotIn') return !(e.values ?? []).includes(value);
    return true;
  });
}

/** Each step's Applications, and each Application's (last matching) step index. */
export function buildSteps(steps: readonly RollingSyncStep[], apps: readonly GeneratedApp[]): { steps: string[][]; stepOf: Map<string, number> } {
  const stepOf = new Map<string, number>();
  const out = steps.map((step, i) => {
    const names = apps.filter((a) => stepMatches(step, a.metadata.labels ?? {})).map((a) => a.metadata.name);
    names.forEach((n) => stepOf.set(n, i));
    return names;
  });
  return { steps: out, stepOf };
}

/** Statuses by Application name (the first of each, as a search from the start would find). */
function byApplication(statuses: readonly AppSetApplicationStatus[]): Map<string, AppSetApplicationStatus> {
  const out = new Map<string, AppSetApplicationStatus>();
  for (const s of statuses) if (!out.has(s.application)) out.set(s.application, s);
  return out;
}

/** Which Applications may sync: every step up to and including the first not wholly Healthy. */
export function buildSyncMap(steps: readonly string[][], previous: readonly AppSetApplicationStatus[], live: ReadonlyMap<string, KubeObject>): Map<string, boolean> {
  const out = new Map<string, boolean>();
  const previousOf = byApplication(previous);
  let enabled = true;
  for (const names of steps) {
    names.forEach((n) => out.set(n, enabled));
    for (const name of names) {
      const status = previousOf.get(name);
      const app = live.get(name);
      enabled = status !== undefined && app !== undefined && status.status === 'Healthy' && isHealthy(liveOf(app));
      if (!enabled) break;
    }
  }
  return out;
}

interface Moment {
  readonly step: string;
  readonly now: string;
}

function transition(s: AppSetApplicationStatus, to: { status: string; message: string }, at: Moment): AppSetApplicationStatus {
  return { ...s, status: to.status, message: to.message, step: at.step, lastTransitionTime: at.now };
}

const MESSAGES = {
  waiting: 'Application has pending changes, setting status to Waiting.',
  synced: 'Application resource completed a sync successfully, updating status from Pending to Progressing.',
  progressing: 'Application resource became Progressing, updating status from Pending to Progressing.',
  alreadyHealthy: 'Application resource is already Healthy, updating status from Waiting to Healthy.',
  healthy: 'Application resource became Healthy, updating status from Progressing to Healthy.',
  pending: 'Application moved to Pending status, watching for the Application resource to start Progressing.',
};

function initialStatus(prev: AppSetApplicationStatus | undefined, name: string, live: LiveApp, at: Moment): AppSetApplicationStatus {
  if (!prev) return { application: name, status: 'Waiting', message: 'No Application status found, defaulting status to Waiting.', step: at.step, lastTransitionTime: at.now, targetRevisions: live.revisions };
  const changed = JSON.stringify(prev.targetRevisions ?? []) !== JSON.stringify(live.revisions);
  return { ...prev, ...(changed ? { message: MESSAGES.waiting } : {}), targetRevisions: live.revisions };
}

function fromPending(s: AppSetApplicationStatus, live: LiveApp, at: Moment): AppSetApplicationStatus {
  if (s.status !== 'Pending') return s;
  if (live.sync !== 'OutOfSync' && live.phase === 'Succeeded') return transition(s, { status: 'Progressing', message: MESSAGES.synced }, at);
  if (live.phase === 'Running' || live.health === 'Progressing') return transition(s, { status: 'Progressing', message: MESSAGES.progressing }, at);
  return s;
}

function nextStatus(prev: AppSetApplicationStatus | undefined, app: KubeObject, at: Moment): AppSetApplicationStatus {
  const live = liveOf(app);
  let s = initialStatus(prev, app.metadata.name ?? '', live, at);
  if (live.sync === 'OutOfSync' && s.status !== 'Waiting' && s.status !== 'Pending') s = transition(s, { status: 'Waiting', message: MESSAGES.waiting }, at);
  s = fromPending(s, live, at);
  if (s.status === 'Waiting' && isHealthy(live)) s = transition(s, { status: live.health, message: MESSAGES.alreadyHealthy }, at);
  if (s.status === 'Progressing' && isHealthy(live)) s = transition(s, { status: live.health, message: MESSAGES.healthy }, at);
  return s;
}

function maxUpdateOf(step: RollingSyncStep | undefined, total: number): number {
  const max = step?.maxUpdate;
  if (max === undefined || max === null) return Number.POSITIVE_INFINITY;
  if (typeof max === 'number') return max;
  const m = /^(\d+)%$/.exec(max);
  if (!m) return Number.parseInt(max, 10) || 0;
  const scaled = Math.floor((Number(m[1]) * total) / 100);
  return m[1] !== '0' && scaled < 1 ? 1 : scaled;
}

/** The outcome of one RollingSync evaluation. */
export interface RollingSyncResult {
  /** The desired Applications: automated sync removed, a sync operation on those whose turn it is. */
  readonly apps: GeneratedApp[];
  readonly applicationStatus: AppSetApplicationStatus[];
  /** The lowest step (1-based) with an Application not Healthy; undefined when the rollout is complete. */
  readonly activeStep?: number;
}

function promote(statuses: AppSetApplicationStatus[], o: { appset: ApplicationSet; syncMap: Map<string, boolean>; stepOf: Map<string, number>; now: string }): AppSetApplicationStatus[] {
  const steps = o.appset.spec.strategy?.rollingSync?.steps ?? [];
  const updating = steps.map(() => 0);
  const totals = steps.map(() => 0);
  for (const s of statuses) {
    const i = o.stepOf.get(s.application) ?? -1;
    if (i < 0) continue;
    totals[i] = (totals[i] ?? 0) + 1;
    if (s.status === 'Pending' || s.status === 'Progressing') updating[i] = (updating[i] ?? 0) + 1;
  }
  return statuses.map((s) => {
    const i = o.stepOf.get(s.application) ?? -1;
    if (i < 0 || s.status !== 'Waiting' || o.syncMap.get(s.application) !== true) return s;
    if ((updating[i] ?? 0) >= maxUpdateOf(steps[i], totals[i] ?? 0)) return s;
    updating[i] = (updating[i] ?? 0) + 1;
    return transition(s, { status: 'Pending', message: MESSAGES.pending }, { step: String(i + 1), now: o.now });
  });
}

function withoutAutomated(app: GeneratedApp): { app: GeneratedApp; prune: boolean } {
  const policy = app.spec['syncPolicy'] as { automated?: { prune?: boolean } } | undefined;
  if (!policy?.automated) return { app, prune: false };
  const rest = { ...policy };
  delete rest.automated;
  return { app: { ...app, spec: { ...app.spec, syncPolicy: rest } }, prune: policy.automated.prune === true };
}

/** Evaluates a RollingSync: new application statuses and the Applications to write. */
export function progressRollingSync(appset: ApplicationSet, desired: readonly GeneratedApp[], live: ReadonlyMap<string, KubeObject>, now: string): RollingSyncResult {
  const { steps, stepOf } = buildSteps(appset.spec.strategy?.rollingSync?.steps ?? [], desired);
  const previous = appset.status?.applicationStatus ?? [];
  const syncMap = buildSyncMap(steps, previous, live);
  const stepLabel = (name: string): string => String((stepOf.get(name) ?? -1) + 1);
  const existing = desired.map((a) => live.get(a.metadata.name)).filter((a): a is KubeObject => a !== undefined);
  const previousOf = byApplication(previous);
  let statuses = existing.map((a) => nextStatus(previousOf.get(a.metadata.name ?? ''), a, { step: stepLabel(a.metadata.name ?? ''), now }));
  statuses = promote(statuses, { appset, syncMap, stepOf, now });
  const statusOf = byApplication(statuses);
  const apps = desired.map((original) => {
    const { app, prune } = withoutAutomated(original);
    const status = statusOf.get(app.metadata.name);
    const liveApp = live.get(app.metadata.name);
    if (syncMap.get(app.metadata.name) !== true || status?.status !== 'Pending' || !liveApp || liveOf(liveApp).sync !== 'OutOfSync') return app;
    if (liveApp['operation'] !== undefined) return app;
    return {
      ...app,
      operation: {
        initiatedBy: { username: 'applicationset-controller', automated: true },
        info: [{ name: 'Reason', value: 'ApplicationSet RollingSync triggered a sync of this Application resource.' }],
        sync: { prune },
      },
    };
  });
  const pendingSteps = statuses.filter((s) => s.status !== 'Healthy').map((s) => Number(s.step)).filter((n) => n > 0);
  return { apps, applicationStatus: statuses, ...(pendingSteps.length > 0 ? { activeStep: Math.min(...pendingSteps) } : {}) };
}
