import { performance } from 'node:perf_hooks';
import { systemClock } from '../../src/core/index.js';
import { clusterSecretName, createFleetController, createKubernetesRegistrationStore, FLEET_MANAGED_LABEL, registrationSecretName, type RegistrationStore } from '../../src/fleet/index.js';
import type { Cluster, Informer } from '../../src/kube/index.js';
import type { BenchmarkContext } from '../lib/main.js';
import { runPool } from '../lib/pool.js';
import { registrationOf, spokeName, type SpokeEndpoint } from './fleet.js';
import { appsWithTier, reevaluationOf, startAppSetSide, type AppSetSide, type Reevaluation } from './hub.js';
import type { AppSetRig } from './rig.js';
import { runController, until } from './wait.js';

/** The real path's figures: registrations -> fleet controller -> cluster secrets -> ApplicationSet controller -> Applications. */
export interface RegisteredResults {
  /** First registration write started -> last one returned (c=8). */
  writeMs: number;
  lastToSecretsMs: number;
  lastToAllMs: number;
  relabel: Reevaluation & { applications: number; ms: number; secretMs: number };
  unrelated: Reevaluation;
}

const NAMESPACE = 'argocd';
const WRITE_CONCURRENCY = 8;

interface Path {
  hub: Cluster;
  store: RegistrationStore;
  endpoint: SpokeEndpoint;
  side: AppSetSide;
  /** The fleet's cluster secrets on the hub. */
  secrets: Informer;
  clusters: number;
  appsets: number;
}

const labelOf = (p: Path, cluster: string, key: string): string | undefined => p.secrets.get(NAMESPACE, clusterSecretName(cluster))?.metadata.labels?.[key];

async function startFleet(ctx: BenchmarkContext<unknown>, hub: Cluster): Promise<{ store: RegistrationStore; stop: () => Promise<void> }> {
  const store = createKubernetesRegistrationStore({ hub, clock: systemClock, log: ctx.log });
  const controller = createFleetController({ hub, store, controlNamespace: NAMESPACE, clock: systemClock, log: ctx.log });
  return { store, stop: await runController(ctx.cleanup, 'fleet', controller) };
}

async function registerAll(p: Path): Promise<Pick<RegisteredResults, 'writeMs' | 'lastToSecretsMs' | 'lastToAllMs'>> {
  const first = performance.now();
  await runPool(p.clusters, WRITE_CONCURRENCY, (i) => p.store.put(registrationSecretName(spokeName(i)), registrationOf(i, p.endpoint)));
  const last = performance.now();
  const [secretsAt, appsAt] = await Promise.all([
    until(`${p.clusters} cluster secrets`, () => p.secrets.list(NAMESPACE).length >= p.clusters),
    until(`${p.clusters * p.appsets} Applications`, () => p.side.apps.list(NAMESPACE).length >= p.clusters * p.appsets),
  ]);
  return { writeMs: last - first, lastToSecretsMs: secretsAt - last, lastToAllMs: appsAt - last };
}

async function relabel(p: Path): Promise<RegisteredResults['relabel']> {
  const cluster = spokeName(0);
  let ms = 0;
  let secretMs = 0;
  const work = await reevaluationOf(p.side, async () => {
    const started = performance.now();
    await p.store.put(registrationSecretName(cluster), registrationOf(0, p.endpoint, { tier: 'gold' }));
    const [secretAt, appsAt] = await Promise.all([
      until(`${cluster}'s cluster secret relabelled`, () => labelOf(p, cluster, 'tier') === 'gold'),
      until(`${cluster}'s Applications rewritten`, () => appsWithTier(p.side, cluster, 'gold') === p.appsets),
    ]);
    secretMs = secretAt - started;
    ms = appsAt - started;
  });
  return { ...work, applications: p.appsets, ms, secretMs };
}

/** A registration no ApplicationSet selects (cluster-type=hub) changes a label: how much work that causes. */
async function unrelated(p: Path): Promise<Reevaluation> {
  const index = 999;
  const cluster = spokeName(index);
  const write = async (tier: string): Promise<void> => {
    await p.store.put(registrationSecretName(cluster), registrationOf(index, p.endpoint, { 'cluster-type': 'hub', tier }));
    await until(`${cluster}'s cluster secret at tier ${tier}`, () => labelOf(p, cluster, 'tier') === tier);
  };
  await write('standard');
  return reevaluationOf(p.side, () => write('gold'));
}

/** The main figures: the fleet and ApplicationSet controllers run in this process on `argocd`; registrations are written to the fleet's store. */
export async function measureRegistered(ctx: BenchmarkContext<unknown>, o: { rig: AppSetRig; clusters: number; appsets: number }): Promise<RegisteredResults> {
  const hub = await o.rig.connect('hub');
  const side = await startAppSetSide(ctx, { hub, namespace: NAMESPACE, appsets: o.appsets });
  const fleet = await startFleet(ctx, hub);
  const secrets = await hub.cache.informer('v1', 'Secret', { namespace: NAMESPACE, labelSelector: `${FLEET_MANAGED_LABEL}=true` });
  const p: Path = { hub, store: fleet.store, endpoint: o.rig.endpoint, side, secrets, clusters: o.clusters, appsets: o.appsets };
  const all = await registerAll(p);
  ctx.progress(`registrations: all ${o.clusters * o.appsets} Applications exist ${all.lastToAllMs.toFixed(0)} ms after the last registration (cluster secrets at ${all.lastToSecretsMs.toFixed(0)} ms)`);
  const relabelled = await relabel(p);
  ctx.progress(`registration relabel: ${o.appsets} Applications rewritten in ${relabelled.ms.toFixed(0)} ms, ${relabelled.appsets} ApplicationSets re-evaluated`);
  const other = await unrelated(p);
  await fleet.stop();
  await side.stop();
  return { ...all, relabel: relabelled, unrelated: other };
}
