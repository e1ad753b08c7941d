import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../core/index.js';
import { parseUrlRewrite, type UrlRewrite } from '../git/index.js';
import { DEFAULT_BASE_PORT, defaultDataDir, type Binaries } from '../local/index.js';

/** Everything `gantry up` and `gantry serve` are told, after parsing and checking. */
export interface InstanceConfig {
  dataDir: string;
  portBase: number;
  spokes: string[];
  simulatedNodes: number;
  /** A real cluster to use as the hub instead of the embedded control plane. */
  kubeconfig?: string;
  context?: string;
  binaries: Partial<Binaries>;
  gitReadAccess: 'open' | 'token';
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  foreground: boolean;
  install: boolean;
  /** Seconds between polls of external repositories (Argo CD's 180 by default); 0 turns polling off. */
  repoPollSeconds: number;
  /** A file holding the secret GitHub and GitLab webhooks must prove at /api/webhook. */
  webhookSecretFile?: string;
  /** Whether the first `up` of a data directory creates the demo repository and its app-of-apps. */
  demo: boolean;
  /** `--git-mirror FROM=TO`: repository URLs gantry fetches from elsewhere (offline use); Applications keep FROM. */
  gitMirrors: UrlRewrite[];
}

/** The flags `up` and `serve` accept (serve is what `up` runs in the background). */
export const INSTANCE_FLAGS = {
  'data-dir': { type: 'string' },
  'port-base': { type: 'string' },
  spokes: { type: 'string' },
  'simulated-nodes': { type: 'string' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  etcd: { type: 'string' },
  'kube-apiserver': { type: 'string' },
  'kube-controller-manager': { type: 'string' },
  'git-read-access': { type: 'string' },
  'log-level': { type: 'string' },
  foreground: { type: 'boolean' },
  'no-install': { type: 'boolean' },
  'repo-poll-seconds': { type: 'string' },
  'webhook-secret-file': { type: 'string' },
  'no-demo': { type: 'boolean' },
  'git-mirror': { type: 'string', multiple: true },
} as const;

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Parses a whole number flag, with a message naming the flag when it is not one. */
export function parseCount(flag: string, value: string | undefined, fallback: number, max = 1000): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new InputError(`--${flag} takes a whole number from 0 to ${max} (got "${value}")`);
  return n;
}

/** Parses `--spokes dev,prod`: DNS labels, unique, not "hub". */
export function parseSpokes(value: string | undefined): string[] {
  if (!value) return [];
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!DNS_LABEL.test(name)) throw new InputError(`--spokes: "${name}" is not a valid cluster name (lower-case letters, digits and '-', at most 63)`);
    if (name === 'hub') throw new InputError('--spokes: "hub" is the hub cluster\'s name; choose another spoke name');
  }
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new InputError(`--spokes: "${dup}" is named twice`);
  return names;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** Parses and checks the instance flags into a config. */
export function parseInstanceConfig(args: string[], env: Record<string, string | undefined>): InstanceConfig {
  const { values } = parseArgs({ args, options: INSTANCE_FLAGS, allowPositionals: false, strict: true });
  const external = values.kubeconfig !== undefined;
  const spokes = parseSpokes(values.spokes);
  if (external && spokes.length > 0) {
    throw new InputError('--spokes starts local spoke clusters and needs the embedded control plane; leave out --kubeconfig, or drop --spokes');
  }
  return {
    dataDir: resolve(values['data-dir'] ?? defaultDataDir(env)),
    portBase: parseCount('port-base', values['port-base'], DEFAULT_BASE_PORT, 65000),
    spokes,
    simulatedNodes: external ? 0 : parseCount('simulated-nodes', values['simulated-nodes'], 3, 500),
    kubeconfig: values.kubeconfig === undefined ? undefined : resolve(values.kubeconfig),
    context: values.context,
    binaries: {
      ...(values.etcd ? { etcd: values.etcd } : {}),
      ...(values['kube-apiserver'] ? { apiserver: values['kube-apiserver'] } : {}),
      ...(values['kube-controller-manager'] ? { controllerManager: values['kube-controller-manager'] } : {}),
    },
    gitReadAccess: oneOf('git-read-access', values['git-read-access'], ['open', 'token'] as const, 'open'),
    logLevel: oneOf('log-level', values['log-level'], ['debug', 'info', 'warn', 'error'] as const, 'info'),
    foreground: values.foreground ?? false,
    install: !(values['no-install'] ?? false),
    ...triggerAndDemoFlags(values),
  };
}

type TriggerFlags = { 'repo-poll-seconds'?: string; 'webhook-secret-file'?: string; 'no-demo'?: boolean; 'git-mirror'?: string[] };

function triggerAndDemoFlags(values: TriggerFlags): Pick<InstanceConfig, 'repoPollSeconds' | 'webhookSecretFile' | 'demo' | 'gitMirrors'> {
  return {
    repoPollSeconds: parseCount('repo-poll-seconds', values['repo-poll-seconds'], 180, 86_400),
    ...(values['webhook-secret-file'] ? { webhookSecretFile: resolve(values['webhook-secret-file']) } : {}),
    demo: !(values['no-demo'] ?? false),
    gitMirrors: parseGitMirrors(values['git-mirror'] ?? []),
  };
}

/** Parses every `--git-mirror FROM=TO`; the first bad one is an InputError that names the flag. */
export function parseGitMirrors(specs: string[]): UrlRewrite[] {
  return specs.map((spec) => {
    const parsed = parseUrlRewrite(spec);
    if (!parsed.ok) throw new InputError(parsed.error.replace(/^git mirror/, '--git-mirror'));
    return parsed.value;
  });
}

/** Turns a config back into flags, so `up` can start `serve` with exactly what it was told. */
export function toInstanceArgs(c: InstanceConfig): string[] {
  const args = ['--data-dir', c.dataDir, '--port-base', String(c.portBase), '--simulated-nodes', String(c.simulatedNodes)];
  if (c.spokes.length) args.push('--spokes', c.spokes.join(','));
  if (c.kubeconfig) args.push('--kubeconfig', c.kubeconfig);
  if (c.context) args.push('--context', c.context);
  if (c.binaries.etcd) args.push('--etcd', c.binaries.etcd);
  if (c.binaries.apiserver) args.push('--kube-apiserver', c.binaries.apiserver);
  if (c.binaries.controllerManager) args.push('--kube-controller-manager', c.binaries.controllerManager);
  args.push('--git-read-access', c.gitReadAccess, '--log-level', c.logLevel, '--no-install', '--repo-poll-seconds', String(c.repoPollSeconds));
  if (c.webhookSecretFile) args.push('--webhook-secret-file', c.webhookSecretFile);
  if (!c.demo) args.push('--no-demo');
  for (const m of c.gitMirrors) args.push('--git-mirror', `${m.from}=${m.to}`);
  return args;
}
