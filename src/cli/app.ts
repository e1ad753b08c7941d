import { parseArgs } from 'node:util';
import { InputError, NotFoundError, silentLogger, type Clock } from '../core/index.js';
import type { Application } from '../gitops/index.js';
import { connectCluster, type Cluster } from '../kube/index.js';
import { dataLayout, defaultDataDir, readInstanceState } from '../local/index.js';
import type { CommandIO } from './io.js';

const APP = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' };
const NAMESPACE = 'argocd';

async function connectHub(dataDir: string | undefined, io: CommandIO, clock: Clock): Promise<Cluster> {
  const layout = dataLayout(dataDir ?? defaultDataDir(io.env));
  const hub = readInstanceState(layout)?.clusters.find((c) => c.name === 'hub');
  if (!hub?.kubeconfigPath) throw new NotFoundError(`gantry has not run on ${layout.root}: start it with gantry up`);
  return connectCluster({ kubeconfig: { path: hub.kubeconfigPath, context: hub.context }, name: 'hub', clock, log: silentLogger });
}

function row(a: Application): string {
  const s = a.status;
  return `${a.metadata.name.padEnd(24)} ${(s?.sync?.status ?? '-').padEnd(10)} ${(s?.health?.status ?? '-').padEnd(12)} ${(s?.sync?.revision ?? '').slice(0, 7).padEnd(8)} ${s?.operationState?.phase ?? ''}`;
}

function describe(a: Application): string {
  const s = a.status ?? {};
  const lines = [
    `Name:        ${a.metadata.namespace}/${a.metadata.name}`,
    `Source:      ${a.spec.source?.repoURL ?? ''} path ${a.spec.source?.path ?? '.'} at ${a.spec.source?.targetRevision ?? 'HEAD'}`,
    `Destination: ${a.spec.destination.server ?? a.spec.destination.name ?? ''} namespace ${a.spec.destination.namespace ?? ''}`,
    `Sync:        ${s.sync?.status ?? 'Unknown'} to ${s.sync?.revision ?? '-'}`,
    `Health:      ${s.health?.status ?? 'Unknown'}${s.health?.message ? ` (${s.health.message})` : ''}`,
  ];
  if (s.operationState) lines.push(`Operation:   ${s.operationState.phase}: ${s.operationState.message ?? ''}`);
  for (const c of s.conditions ?? []) lines.push(`Condition:   ${c.type}: ${c.message}`);
  lines.push('', 'KIND/NAME                                  NAMESPACE            STATUS     HEALTH');
  for (const r of s.resources ?? []) {
    lines.push(`${`${r.kind}/${r.name}`.padEnd(42)} ${r.namespace.padEnd(20)} ${(r.requiresPruning ? 'Prune' : r.status).padEnd(10)} ${r.health?.status ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

async function getApp(hub: Cluster, name: string): Promise<Application> {
  const app = (await hub.api.get({ ...APP, namespace: NAMESPACE, name })) as unknown as Application | undefined;
  if (!app) throw new NotFoundError(`no application ${name} in namespace ${NAMESPACE}: see gantry app list`);
  return app;
}

async function syncApp(hub: Cluster, name: string, o: { revision?: string; prune?: boolean; io: CommandIO; clock: Clock }): Promise<number> {
  const before = await getApp(hub, name);
  const startedBefore = before.status?.operationState?.startedAt;
  const operation = { sync: { ...(o.revision ? { revision: o.revision } : {}), prune: o.prune ?? false }, initiatedBy: { username: o.io.env.USER ?? 'gantry-cli' } };
  await hub.api.patch({ ...APP, namespace: NAMESPACE, name }, { operation }, { type: 'merge' });
  for (let i = 0; i < 600; i++) {
    await o.clock.sleep(500);
    const state = (await getApp(hub, name)).status?.operationState;
    if (state && state.startedAt !== startedBefore && state.phase !== 'Running') {
      o.io.out(`${state.phase}: ${state.message ?? ''}\n`);
      for (const r of state.syncResult?.resources ?? []) o.io.out(`  ${`${r.kind}/${r.name}`.padEnd(40)} ${r.status ?? ''} ${r.hookPhase ?? ''} ${r.message ?? ''}\n`);
      return state.phase === 'Succeeded' ? 0 : 1;
    }
  }
  o.io.err('gantry: the sync is still running after 5 minutes; see gantry app get\n');
  return 1;
}

/** `gantry app list|get|sync|history|delete`: Applications in the hub's control namespace. */
export async function runApp(args: string[], io: CommandIO, clock: Clock): Promise<number> {
  const options = { 'data-dir': { type: 'string' }, revision: { type: 'string' }, prune: { type: 'boolean' }, cascade: { type: 'boolean' } } as const;
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
  const [action, name] = positionals;
  if (!action || (action !== 'list' && !name)) throw new InputError('usage: gantry app list | get|sync|history|delete NAME [--revision R] [--prune] [--cascade]');
  const hub = await connectHub(values['data-dir'], io, clock);
  try {
    return await runAction(hub, { action, name: name ?? '', values, io, clock });
  } finally {
    hub.close();
  }
}

async function runAction(hub: Cluster, o: { action: string; name: string; values: { revision?: string; prune?: boolean; cascade?: boolean }; io: CommandIO; clock: Clock }): Promise<number> {
  switch (o.action) {
    case 'list': {
      const list = await hub.api.list(APP.apiVersion, APP.kind, { namespace: NAMESPACE });
      o.io.out(`${'NAME'.padEnd(24)} ${'SYNC'.padEnd(10)} ${'HEALTH'.padEnd(12)} REVISION OPERATION\n`);
      for (const a of list.items as unknown as Application[]) o.io.out(`${row(a)}\n`);
      return 0;
    }
    case 'get':
      o.io.out(describe(await getApp(hub, o.name)));
      return 0;
    case 'history':
      for (const h of (await getApp(hub, o.name)).status?.history ?? []) o.io.out(`${String(h.id).padEnd(4)} ${h.deployedAt}  ${h.revision}\n`);
      return 0;
    case 'sync':
      return syncApp(hub, o.name, { revision: o.values.revision, prune: o.values.prune, io: o.io, clock: o.clock });
    case 'delete': {
      if (o.values.cascade) await hub.api.patch({ ...APP, namespace: NAMESPACE, name: o.name }, { metadata: { finalizers: ['resources-finalizer.argocd.argoproj.io'] } }, { type: 'merge' });
      const gone = await hub.api.delete({ ...APP, namespace: NAMESPACE, name: o.name });
      o.io.out(gone ? `deleted ${o.name}${o.values.cascade ? ' and the resources it tracks' : ''}\n` : `no application ${o.name}\n`);
      return gone ? 0 : 3;
    }
    default:
      throw new InputError(`unknown app command "${o.action}": use list, get, sync, history or delete`);
  }
}
