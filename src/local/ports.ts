import net from 'node:net';
import { InputError } from '../core/index.js';

/** The ports one gantry instance listens on, all on 127.0.0.1. */
export interface PortPlan {
  etcdClient: number;
  etcdPeer: number;
  git: number;
  hub: number;
  /** One apiserver port per spoke, in the order the spokes were named. */
  spokes: Record<string, number>;
}

/** The default first port: etcd 16440, etcd peer 16441, git 16442, hub 16443, spokes from 16444. */
export const DEFAULT_BASE_PORT = 16440;

/** Lays out ports from a base: consecutive, so one flag moves a whole instance. */
export function planPorts(base: number, spokes: string[]): PortPlan {
  if (!Number.isInteger(base) || base < 1024 || base + 4 + spokes.length > 65535) {
    throw new InputError(`--port-base ${base} is out of range: choose a number from 1024 to ${65531 - spokes.length}`);
  }
  return {
    etcdClient: base,
    etcdPeer: base + 1,
    git: base + 2,
    hub: base + 3,
    spokes: Object.fromEntries(spokes.map((s, i) => [s, base + 4 + i])),
  };
}

/** Every port of a plan with what it is for. */
export function listPorts(plan: PortPlan): { port: number; use: string }[] {
  return [
    { port: plan.etcdClient, use: 'etcd client' },
    { port: plan.etcdPeer, use: 'etcd peer' },
    { port: plan.git, use: 'git server' },
    { port: plan.hub, use: 'hub apiserver' },
    ...Object.entries(plan.spokes).map(([name, port]) => ({ port, use: `spoke ${name} apiserver` })),
  ];
}

/** Resolves true when nothing listens on 127.0.0.1:port. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Throws an InputError naming every busy port of the plan and how to move the instance. */
export async function assertPortsFree(plan: PortPlan): Promise<void> {
  const ports = listPorts(plan);
  const free = await Promise.all(ports.map((p) => isPortFree(p.port)));
  const busy = ports.filter((_, i) => !free[i]);
  if (busy.length === 0) return;
  const list = busy.map((b) => `${b.port} (${b.use})`).join(', ');
  throw new InputError(
    `port${busy.length > 1 ? 's' : ''} already in use: ${list}. Stop whatever listens there, or start gantry on other ports with --port-base N (it uses N to N+${ports.length - 1}).`,
  );
}

/** Finds a base port whose whole range is free, for tests and benchmarks. */
export async function findFreeBase(count: number, random: () => number = Math.random): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    // Below Linux's default ephemeral range (32768-60999), where outgoing connections would take
    // the ports between this check and the listener.
    const base = 20000 + Math.floor(random() * (32000 - 20000 - count));
    const checks = await Promise.all(Array.from({ length: count }, (_, i) => isPortFree(base + i)));
    if (checks.every(Boolean)) return base;
  }
  throw new Error(`found no ${count} consecutive free ports`);
}
