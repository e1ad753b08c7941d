import { installApplicationSetApi } from '../../src/appset/index.js';
import { systemClock } from '../../src/core/index.js';
import type { BenchmarkContext } from '../lib/main.js';
import { measureCeilings, type Ceilings } from './ceilings.js';
import { measureDirect, type DirectResults } from './direct.js';
import { measureRegistered, type RegisteredResults } from './registered.js';
import { startAppSetRig } from './rig.js';

/** What the ApplicationSet benchmark measured. */
export interface AppSetBenchResults {
  clusters: number;
  appsets: number;
  applications: number;
  /** Raw apiserver writes, measured first on the same control plane. */
  ceilings: Ceilings;
  /** The real path: registrations -> fleet controller -> cluster secrets -> ApplicationSet controller. */
  registered: RegisteredResults;
  /** Secondary: cluster Secrets written directly, ApplicationSet controller only. */
  direct: DirectResults;
}

/** Runs every figure of the ApplicationSet benchmark on a fresh control plane. */
export async function measureAppSets(ctx: BenchmarkContext<{ clusters: number; appsets: number }>): Promise<AppSetBenchResults> {
  const { clusters, appsets } = ctx.options;
  const rig = await startAppSetRig(ctx);
  const baseline = await rig.connect('baseline');
  await installApplicationSetApi(baseline, systemClock);
  const ceilings = await measureCeilings(baseline, { clusters, appsets });
  ctx.progress(`ceiling: ${ceilings.ssa.objects} Applications by server-side apply in ${ceilings.ssa.ms.toFixed(0)} ms; ${clusters} Secrets in ${ceilings.secrets.ms.toFixed(0)} ms`);
  const registered = await measureRegistered(ctx, { rig, clusters, appsets });
  const direct = await measureDirect(ctx, { rig, clusters, appsets });
  return { clusters, appsets, applications: clusters * appsets, ceilings, registered, direct };
}
