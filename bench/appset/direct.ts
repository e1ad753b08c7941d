import { performance } from 'node:perf_hooks';
import type { BenchmarkContext } from '../lib/main.js';
import { runPool } from '../lib/pool.js';
import { clusterSecret, spokeName } from './fleet.js';
import { appsWithTier, reevaluationOf, startAppSetSide, type Reevaluation } from './hub.js';
import type { AppSetRig } from './rig.js';
import { until } from './wait.js';

/** The secondary figures: cluster Secrets written directly (no fleet controller), on their own control namespace. */
export interface DirectResults {
  /** First cluster Secret write started -> last one returned (c=8). */
  writeMs: number;
  lastToAllMs: number;
  relabel: Reevaluation & { applications: number; ms: number };
}

const NAMESPACE = 'argocd-direct';

/** Runs a second ApplicationSet controller on `argocd-direct` and writes its cluster Secrets directly. */
export async function measureDirect(ctx: BenchmarkContext<unknown>, o: { rig: AppSetRig; clusters: number; appsets: number }): Promise<DirectResults> {
  const hub = await o.rig.connect('direct');
  const side = await startAppSetSide(ctx, { hub, namespace: NAMESPACE, appsets: o.appsets });
  const first = performance.now();
  await runPool(o.clusters, 8, (i) => hub.api.apply(clusterSecret(i, {}, NAMESPACE)));
  const last = performance.now();
  const allAt = await until(`${o.clusters * o.appsets} Applications`, () => side.apps.list(NAMESPACE).length >= o.clusters * o.appsets);
  ctx.progress(`direct: all Applications exist ${(allAt - last).toFixed(0)} ms after the last cluster Secret`);
  let ms = 0;
  const work = await reevaluationOf(side, async () => {
    const started = performance.now();
    await hub.api.apply(clusterSecret(0, { tier: 'gold' }, NAMESPACE));
    ms = (await until('the relabelled cluster\'s Applications rewritten', () => appsWithTier(side, spokeName(0), 'gold') === o.appsets)) - started;
  });
  await side.stop();
  return { writeMs: last - first, lastToAllMs: allAt - last, relabel: { ...work, applications: o.appsets, ms } };
}
