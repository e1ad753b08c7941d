import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Cluster } from '../../src/kube/index.js';
import { runChild, runChecked, type ChildSpec } from '../lib/child.js';
import type { Cleanup } from '../lib/cleanup.js';
import { perSecond } from '../lib/stats.js';
import { assertConfigMapCount, benchConfigMap, createRoundNamespace } from './objects.js';

/** `kubectl apply --server-side` of one multi-document file, timed as a whole process. */
export interface KubectlResult {
  version: string;
  objects: number;
  ms: number;
  perSecond: number;
  /** The same command for one object, run first: starting kubectl, loading config, discovery with a cold cache. */
  singleObjectMs: number;
  namespace: string;
}

/** What the kubectl measurement needs. */
export interface KubectlOptions {
  cluster: Cluster;
  kubeconfigPath: string;
  objects: number;
  cleanup: Cleanup;
  env: Record<string, string>;
}

const TIMEOUT_MS = 300_000;

/**
 * Writes `objects` ConfigMaps into one YAML file and times `kubectl apply --server-side -f` of it
 * into a fresh namespace, after a one-object run that fills kubectl's discovery cache (a private
 * folder, so the user's ~/.kube is neither read nor written).
 */
export async function measureKubectl(options: KubectlOptions): Promise<KubectlResult> {
  const dir = await mkdtemp(join(tmpdir(), 'gantry-bench-kubectl-'));
  options.cleanup.add(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  const base = ['--kubeconfig', options.kubeconfigPath, '--cache-dir', join(dir, 'cache')];
  const spec = (args: string[]): ChildSpec => ({ command: 'kubectl', args: [...base, ...args], env: options.env, timeoutMs: TIMEOUT_MS });
  const version = (await runChecked(spec(['version', '--client', '-o', 'json'])).catch(() => '{}')).trim();
  const single = await applyFile(options, spec, { dir, prefix: 'bench-kubectl-one', objects: 1 });
  const full = await applyFile(options, spec, { dir, prefix: 'bench-kubectl', objects: options.objects });
  return {
    version: (JSON.parse(version) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion ?? 'unknown',
    objects: options.objects,
    ms: full.ms,
    perSecond: perSecond(options.objects, full.ms),
    singleObjectMs: single.ms,
    namespace: full.namespace,
  };
}

async function applyFile(
  options: KubectlOptions,
  spec: (args: string[]) => ChildSpec,
  round: { dir: string; prefix: string; objects: number },
): Promise<{ ms: number; namespace: string }> {
  const namespace = await createRoundNamespace(options.cluster, round.prefix);
  const file = join(round.dir, `${namespace}.yaml`);
  const docs = Array.from({ length: round.objects }, (_, i) => stringify(benchConfigMap(namespace, i)));
  await writeFile(file, docs.join('---\n'));
  const run = await runChild(spec(['apply', '--server-side', '-f', file]));
  if (run.code !== 0) throw new Error(`kubectl apply --server-side failed (exit ${run.code ?? 'killed'}): ${run.stderr.trim().slice(0, 2000)}`);
  await assertConfigMapCount(options.cluster, namespace, round.objects);
  return { ms: run.exitedAt - run.startedAt, namespace };
}
