import { performance } from 'node:perf_hooks';
import type { Cluster, Informer, KubeObject } from '../../src/kube/index.js';
import { summarize, type Summary } from '../lib/stats.js';
import { applicationOf, isSettledAt } from './applications.js';
import { ensureNamespace, timeApply } from './apply-baseline.js';
import type { WorkClone } from './git-client.js';
import { filesOf, inNamespace, pushAppObjects, revisionOf } from './manifests.js';
import { allConverged, awaitConvergence, keyOf, type ConvergenceWait } from './observe.js';
import type { Rig } from './rig.js';

/** One push of a change to every object of the app. */
export interface PushSample {
  pushMs: number;
  startToAppliedMs: number;
  /** From `git push` exiting until the last of the app's live objects shows the new revision. */
  exitToAppliedMs: number;
  exitToFirstAppliedMs: number;
  /** Until the app reports Synced at the commit with its sync operation finished. */
  exitToSettledMs: number;
  /** The baseline: server-side apply of the same objects at concurrency 8, in its own namespace. */
  baselineApplyMs: number;
}

/** Push -> applied latency of one app, beside the time to apply its objects directly. */
export interface PushToAppliedResult {
  objects: number;
  pushes: number;
  initialSyncMs: number;
  push: Summary;
  startToApplied: Summary;
  exitToApplied: Summary;
  exitToFirstApplied: Summary;
  exitToSettled: Summary;
  baselineApply: Summary;
  samples: PushSample[];
}

/** What the push figure needs. */
export interface PushToAppliedOptions {
  rig: Rig;
  /** The connection the baseline applies through (not the controller's). */
  baseline: Cluster;
  objects: number;
  pushes: number;
  progress: (line: string) => void;
}

const APP = 'push-app';
const NAMESPACE = 'bench-push';
const BASELINE_NAMESPACE = 'bench-push-ssa';
const APPLIED_TIMEOUT_MS = 30_000;
const SETTLE_PAUSE_MS = 1000;

interface Context extends PushToAppliedOptions {
  work: WorkClone;
  informers: Map<string, Informer>;
  apps: Informer;
}

/**
 * Syncs one app of `objects` objects from a hosted repository, then pushes `pushes` commits that
 * each change every object. For each, it times from the `git push` process's start and exit until
 * every live object shows the new revision (on watch events), and until the app is Synced with its
 * operation finished; then it applies the same change to a copy of the objects in another namespace
 * at concurrency 8, the baseline. Rounds are one at a time, with a pause for rollouts to settle.
 */
export async function measurePushToApplied(o: PushToAppliedOptions): Promise<PushToAppliedResult> {
  const ctx = await prepare(o);
  const initialSyncMs = await syncFirst(ctx);
  o.progress(`push app: first sync in ${initialSyncMs.toFixed(0)} ms`);
  await timeApply(o.baseline, inNamespace(pushAppObjects(o.objects, 0), BASELINE_NAMESPACE), 8);
  const samples: PushSample[] = [];
  for (let revision = 1; revision <= o.pushes; revision++) {
    const sample = await pushOnce(ctx, revision);
    sample.baselineApplyMs = (await timeApply(o.baseline, inNamespace(pushAppObjects(o.objects, revision), BASELINE_NAMESPACE), 8)).ms;
    samples.push(sample);
    o.progress(`push ${revision}/${o.pushes}: exit -> applied ${sample.exitToAppliedMs.toFixed(0)} ms, settled ${sample.exitToSettledMs.toFixed(0)} ms; baseline apply ${sample.baselineApplyMs.toFixed(0)} ms`);
    await new Promise((r) => setTimeout(r, SETTLE_PAUSE_MS));
  }
  const pick = (f: (s: PushSample) => number): Summary => summarize(samples.map(f));
  return {
    objects: o.objects,
    pushes: samples.length,
    initialSyncMs,
    push: pick((s) => s.pushMs),
    startToApplied: pick((s) => s.startToAppliedMs),
    exitToApplied: pick((s) => s.exitToAppliedMs),
    exitToFirstApplied: pick((s) => s.exitToFirstAppliedMs),
    exitToSettled: pick((s) => s.exitToSettledMs),
    baselineApply: pick((s) => s.baselineApplyMs),
    samples,
  };
}

async function prepare(o: PushToAppliedOptions): Promise<Context> {
  const { hub } = o.rig;
  await ensureNamespace(hub, NAMESPACE);
  await ensureNamespace(o.baseline, BASELINE_NAMESPACE);
  const informers = new Map<string, Informer>();
  for (const obj of pushAppObjects(o.objects, 0)) {
    if (!informers.has(obj.kind)) informers.set(obj.kind, await hub.cache.informer(obj.apiVersion, obj.kind));
  }
  const apps = await o.rig.applications();
  return { ...o, work: await o.rig.createRepo(APP), informers, apps };
}

async function syncFirst(ctx: Context): Promise<number> {
  await ctx.work.write(filesOf('app', pushAppObjects(ctx.objects, 0)));
  const commit = await ctx.work.commit('revision 0');
  await ctx.work.push();
  const started = performance.now();
  const settled = awaitConvergence({ informer: ctx.apps, keys: [`${ctx.rig.controlNamespace}/${APP}`], reached: (a) => isSettledAt(a, commit), timeoutMs: 120_000, what: 'first sync of the push app' });
  await ctx.rig.hub.api.apply(applicationOf({ name: APP, namespace: ctx.rig.controlNamespace, repoURL: ctx.rig.repoUrl(APP), path: 'app', destNamespace: NAMESPACE }));
  return (await settled.done).lastAt - started;
}

function appliedWaits(ctx: Context, objects: KubeObject[], revision: number): ConvergenceWait[] {
  return [...ctx.informers].map(([kind, informer]) =>
    awaitConvergence({
      informer,
      keys: objects.filter((x) => x.kind === kind).map((x) => keyOf({ metadata: { namespace: NAMESPACE, name: x.metadata.name } })),
      reached: (live) => revisionOf(live) === String(revision),
      timeoutMs: APPLIED_TIMEOUT_MS,
      what: `${kind}s of revision ${revision}`,
    }),
  );
}

async function pushOnce(ctx: Context, revision: number): Promise<PushSample> {
  const objects = pushAppObjects(ctx.objects, revision);
  await ctx.work.write(filesOf('app', objects));
  const commit = await ctx.work.commit(`revision ${revision}`);
  const applied = appliedWaits(ctx, objects, revision);
  const settled = awaitConvergence({ informer: ctx.apps, keys: [`${ctx.rig.controlNamespace}/${APP}`], reached: (a) => isSettledAt(a, commit), timeoutMs: APPLIED_TIMEOUT_MS * 2, what: `push app settled at revision ${revision}` });
  let run;
  try {
    run = await ctx.work.push();
  } catch (error) {
    [...applied, settled].forEach((w) => w.cancel());
    throw error;
  }
  const [done, settledAt] = await Promise.all([allConverged(applied), settled.done]);
  return {
    pushMs: run.exitedAt - run.startedAt,
    startToAppliedMs: done.lastAt - run.startedAt,
    exitToAppliedMs: done.lastAt - run.exitedAt,
    exitToFirstAppliedMs: done.firstAt - run.exitedAt,
    exitToSettledMs: settledAt.lastAt - run.exitedAt,
    baselineApplyMs: Number.NaN,
  };
}
