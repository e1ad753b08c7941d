/**
 * The fleet benchmark: how fast registrations become Argo CD cluster secrets, each figure beside a
 * baseline measured in the same run. Run it with
 *
 *     npm run build && node dist/bench/fleet.js [--clusters N]
 *
 * On a fresh local control plane with the fleet controller (real connection checks against the
 * hub's own endpoint, registered N times as pretend spokes), it measures: N registrations written
 * at concurrency 8 -> all N cluster secrets exist (from the last write, and from the first), beside
 * server-side apply of N cluster-secret-sized Secrets at the same concurrency; and one label change
 * in a registration -> its cluster secret carries it (p50 of several), beside one raw apply.
 */
import { registrationSecretName } from '../src/fleet/index.js';
import type { Cluster, Informer } from '../src/kube/index.js';
import { startFleetRig, type FleetRig } from './fleet/rig.js';
import { positiveFlag } from './lib/flags.js';
import { measureAndReport } from './lib/report.js';
import { runBenchmarkMain, type BenchmarkContext } from './lib/main.js';
import { runPool } from './lib/pool.js';
import { median } from './lib/stats.js';
import type { Row } from './lib/table.js';

const USAGE = 'usage: node dist/bench/fleet.js [--clusters N]   (default 50)';
const CONCURRENCY = 8;
const LABEL_CHANGES = 7;

interface Options {
  clusters: number;
}

function parse(argv: string[]): Options | 'help' {
  if (argv.includes('--help')) return 'help';
  const at = argv.indexOf('--clusters');
  return { clusters: positiveFlag({ flag: '--clusters', text: at < 0 ? undefined : argv[at + 1], fallback: 50, max: 1000, usage: USAGE }) };
}

function registration(rig: FleetRig, name: string, environment = 'dev'): string {
  return JSON.stringify({
    cluster_name: name,
    cluster_endpoint: rig.endpoint.server,
    cluster_ca_certificate: rig.endpoint.ca,
    resource_prefix: 'bench',
    environment,
    tenant: 'platform-team',
    cluster_type: 'spoke',
    labels: { environment, 'cluster-type': 'spoke', tenant: 'platform-team', 'resource-prefix': 'bench', enable_metrics_server: 'true' },
    annotations: { addons_repo_basepath: 'gitops/addons/', helm_values_path: `values/${environment}.yaml` },
    bearer_token: rig.endpoint.token,
  });
}

async function waitFor(informer: Informer, done: () => boolean): Promise<number> {
  if (done()) return performance.now();
  return new Promise((resolve) => {
    const off = informer.onChange(() => {
      if (!done()) return;
      off();
      resolve(performance.now());
    });
  });
}

async function rawApplyMs(baseline: Cluster, rig: FleetRig, count: number): Promise<number> {
  await baseline.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'baseline' } });
  const started = performance.now();
  await runPool(count, CONCURRENCY, (i) =>
    baseline.api.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `cluster-raw-${i}`, namespace: 'baseline', labels: { 'cluster-type': 'spoke' } }, data: { config: Buffer.from(registration(rig, `raw-${i}`)).toString('base64') } }),
  );
  return performance.now() - started;
}

async function measure(ctx: BenchmarkContext<Options>): Promise<Row[]> {
  const n = ctx.options.clusters;
  const rig = await startFleetRig(ctx);
  const baseline = await rig.connect('baseline');
  const rawMs = await rawApplyMs(baseline, rig, n);
  await rig.startController();
  const secrets = await rig.hub.cache.informer('v1', 'Secret', { namespace: 'argocd', labelSelector: 'gantry.io/fleet-managed=true' });
  const firstWrite = performance.now();
  await runPool(n, CONCURRENCY, (i) => rig.store.put(registrationSecretName(`c${i}`), registration(rig, `c${i}`)));
  const lastWrite = performance.now();
  const allAt = await waitFor(secrets, () => secrets.list().length >= n);
  ctx.progress(`${n} registrations -> cluster secrets ${(allAt - lastWrite).toFixed(0)} ms after the last write`);
  const changes: number[] = [];
  const rawOne: number[] = [];
  for (let k = 0; k < LABEL_CHANGES; k++) {
    const env = `stage-${k}`;
    const t0 = performance.now();
    await rig.store.put(registrationSecretName('c0'), registration(rig, 'c0', env));
    const at = await waitFor(secrets, () => secrets.get('argocd', 'cluster-c0')?.metadata.labels?.environment === env);
    changes.push(at - t0);
    const r0 = performance.now();
    await baseline.api.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cluster-raw-0', namespace: 'baseline', labels: { 'cluster-type': 'spoke', environment: env } } });
    rawOne.push(performance.now() - r0);
  }
  return [
    { figure: `${n} registrations -> all cluster secrets, from the last write`, unit: 'ms', value: allAt - lastWrite, baselineLabel: `raw SSA of ${n} Secrets, c=${CONCURRENCY}`, baseline: rawMs },
    { figure: `${n} registrations -> all cluster secrets, from the first write`, unit: 'ms', value: allAt - firstWrite, baselineLabel: `raw SSA of ${n} Secrets, c=${CONCURRENCY}`, baseline: rawMs },
    { figure: 'label change -> cluster secret (p50)', unit: 'ms', value: median(changes), baselineLabel: 'one raw SSA (p50)', baseline: median(rawOne) },
  ];
}

async function run(ctx: BenchmarkContext<Options>): Promise<void> {
  await measureAndReport({ name: 'fleet', options: ctx.options, measure: () => measure(ctx), rows: (rows) => rows });
}

process.exitCode = await runBenchmarkMain({ parse, usage: USAGE, run });
