import { accessSync, constants } from 'node:fs';
import { join, delimiter } from 'node:path';
import { fail, ok, type Result } from '../core/index.js';

/** The Kubernetes version the installer builds from Debian's source package. */
export const KUBERNETES_VERSION = '1.20.2';

/** Paths of the three programs the embedded control plane runs. */
export interface Binaries {
  etcd: string;
  apiserver: string;
  controllerManager: string;
}

/** Where to look: explicit paths (flags) win over environment variables, then the cache, then PATH. */
export interface BinarySearch {
  env: Record<string, string | undefined>;
  explicit?: Partial<Binaries>;
}

const ENV_NAMES: Record<keyof Binaries, string> = {
  etcd: 'GANTRY_ETCD',
  apiserver: 'GANTRY_KUBE_APISERVER',
  controllerManager: 'GANTRY_KUBE_CONTROLLER_MANAGER',
};
const FILE_NAMES: Record<keyof Binaries, string> = {
  etcd: 'etcd',
  apiserver: 'kube-apiserver',
  controllerManager: 'kube-controller-manager',
};

/** The cache folder the installer builds into: $GANTRY_CACHE_DIR, $XDG_CACHE_HOME/gantry or ~/.cache/gantry. */
export function cacheDir(env: Record<string, string | undefined>): string {
  if (env.GANTRY_CACHE_DIR) return env.GANTRY_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(env.HOME ?? '/root', '.cache');
  return join(base, 'gantry');
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function candidates(which: keyof Binaries, search: BinarySearch): string[] {
  const explicit = search.explicit?.[which] ?? search.env[ENV_NAMES[which]];
  if (explicit) return [explicit];
  const built = join(cacheDir(search.env), `kubernetes-${KUBERNETES_VERSION}`, 'bin', FILE_NAMES[which]);
  const onPath = (search.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, FILE_NAMES[which]));
  return which === 'etcd' ? [...onPath, '/usr/bin/etcd'] : [built, ...onPath];
}

/**
 * Finds the control plane's programs, or says which are missing, where it looked, and how to get
 * them (the installer, or environment variables naming existing binaries).
 */
export function findBinaries(search: BinarySearch): Result<Binaries, string> {
  const found: Partial<Binaries> = {};
  const missing: string[] = [];
  for (const which of Object.keys(FILE_NAMES) as (keyof Binaries)[]) {
    const looked = candidates(which, search);
    const hit = looked.find(isExecutable);
    if (hit) found[which] = hit;
    else missing.push(`${FILE_NAMES[which]} (looked in: ${looked.slice(0, 3).join(', ')}${looked.length > 3 ? ', ...' : ''})`);
  }
  if (missing.length === 0) return ok(found as Binaries);
  return fail(
    `missing control plane binaries: ${missing.join('; ')}.\n` +
      'Install them with: bash scripts/install-control-plane.sh (builds Kubernetes 1.20.2 from Debian source, minutes, once)\n' +
      `or point gantry at existing ones: ${Object.values(ENV_NAMES).map((n) => `${n}=/path`).join(' ')}`,
  );
}
