import { join } from 'node:path';

/** Where everything of one gantry instance lives inside its data directory. */
export interface DataLayout {
  root: string;
  etcdDir: string;
  logsDir: string;
  stateFile: string;
  lockFile: string;
  kubeconfig: string;
  gitDir: string;
  gitTokenFile: string;
  clusterDir(name: string): string;
  clusterKubeconfig(name: string): string;
}

/** The default data directory: $GANTRY_DATA_DIR, $XDG_DATA_HOME/gantry or ~/.local/share/gantry. */
export function defaultDataDir(env: Record<string, string | undefined>): string {
  if (env.GANTRY_DATA_DIR) return env.GANTRY_DATA_DIR;
  const base = env.XDG_DATA_HOME || join(env.HOME ?? '/root', '.local', 'share');
  return join(base, 'gantry');
}

/** The layout of a data directory. */
export function dataLayout(root: string): DataLayout {
  return {
    root,
    etcdDir: join(root, 'etcd'),
    logsDir: join(root, 'logs'),
    stateFile: join(root, 'state.json'),
    lockFile: join(root, 'gantry.lock'),
    kubeconfig: join(root, 'kubeconfig'),
    gitDir: join(root, 'git'),
    gitTokenFile: join(root, 'git-token'),
    clusterDir: (name) => join(root, 'clusters', name),
    clusterKubeconfig: (name) => join(root, 'clusters', name, 'kubeconfig'),
  };
}
