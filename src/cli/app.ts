import { parseArgs } from 'node:util';
import { InputError, NotFoundError, type Clock } from '../core/index.js';
import { DELETION_APPROVED_ANNOTATION, rollbackOperation, type Application, type ApplicationPreview } from '../gitops/index.js';
import type { Operation, OperationState } from '../gitops/index.js';
import type { Cluster } from '../kube/index.js';
import { dataLayout, defaultDataDir } from '../local/index.js';
import { diffApp, previewFromDataDir } from './app-diff.js';
import { connectInstanceHub } from './instance-access.js';
import type { CommandIO } from './io.js';

const APP = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' };
const NAMESPACE = 'argocd';

/** Where the commands find Applications: the hub and its control namespace (Argo CD's `argocd`). */
export interface Apps {
  hub: Cluster;
  namespace: string;
}

function row(a: Application): string {
  const s = a.status;
  return `${a.metadata.name.padEnd(24)} ${(s?.sync?.status ?? '-').padEnd(10)} ${(s?.health?.status ?? '-').padEnd(12)} ${(s?.sync?.revision ?? '').slice(0, 7).padEnd(8)} ${s?.operationState?.phase ?? ''}`;
}

function sourceLines(a: Application): string[] {
  const sources = a.spec.sources?.length ? a.spec.sources : a.spec.source ? [a.spec.source] : [];
  return sources.map((src) => {
    const what = src.chart ? `chart ${src.chart}` : src.path ? `path ${src.path}` : `ref ${src.ref ?? ''}`;
    return `Source:      ${src.repoURL} ${what} at ${src.targetRevision || 'HEAD'}`;
  });
}

function describe(a: Application): string {
  const s = a.status ?? {};
  const lines = [
    `Name:        ${a.metadata.namespace}/${a.metadata.name}`,
    ...sourceLines(a),
    `Destination: ${a.spec.destination.server ?? a.spec.destination.name ?? ''} namespace ${a.spec.destination.namespace ?? ''}`,
    `Sync:        ${s.sync?.status ?? 'Unknown'} to ${s.sync?.revision || (s.sync?.revisions ?? []).join(', ') || '-'}`,
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

async function getApp(apps: Apps, name: string): Promise<Application> {
  const app = (await apps.hub.api.get({ ...APP, namespace: apps.namespace, name })) as unknown as Application | undefined;
  if (!app) throw new NotFoundError(`no application ${name} in namespace ${apps.namespace}: see gantry app list`);
  return app;
}

/** The operation this request started, once it finished (consumed, and no longer Running). */
function finishedOperation(app: Application, username: string): OperationState | undefined {
  const state = app.status?.operationState;
  if (app.operation || state?.operation.initiatedBy?.username !== username || state.phase === 'Running') return undefined;
  return state;
}

function printOperation(state: OperationState, io: CommandIO): void {
  io.out(`${state.phase}: ${state.message ?? ''}\n`);
  for (const r of state.syncResult?.resources ?? []) io.out(`  ${`${r.kind}/${r.name}`.padEnd(40)} ${r.status ?? ''} ${r.hookPhase ?? ''} ${r.message ?? ''}\n`);
}

/** Requests an operation and waits for it to finish, printing its result; 0 when it succeeded. */
async function runOperation(apps: Apps, name: string, operation: Operation, o: { io: CommandIO; clock: Clock }): Promise<number> {
  // Told apart from earlier operations by who initiated it: startedAt has a resolution of seconds.
  const username = `${operation.initiatedBy?.username ?? 'gantry-cli'}@${o.clock.now().toString(36)}`;
  await apps.hub.api.patch({ ...APP, namespace: apps.namespace, name }, { operation: { ...operation, initiatedBy: { username } } }, { type: 'merge' });
  for (let i = 0; i < 600; i++) {
    await o.clock.sleep(500);
    const app = await getApp(apps, name);
    if (awaitsConfirmation(app, username)) return reportAwaitingConfirmation(app, o.io);
    const state = finishedOperation(app, username);
    if (!state) continue;
    printOperation(state, o.io);
    return state.phase === 'Succeeded' ? 0 : 1;
  }
  o.io.err('gantry: the operation is still running after 5 minutes; see gantry app get\n');
  return 1;
}

/** Whether this request's sync is running and waits for `Prune=confirm` approval (it cannot finish without another command). */
function awaitsConfirmation(app: Application, username: string): boolean {
  const state = app.status?.operationState;
  return !app.operation && state?.operation.initiatedBy?.username === username && state.phase === 'Running' && (state.message ?? '').startsWith('waiting for pruning confirmation');
}

function reportAwaitingConfirmation(app: Application, io: CommandIO): number {
  io.out(`Running: ${app.status?.operationState?.message ?? ''}\n`);
  io.err(`gantry: the sync waits: confirm the prunes with gantry app confirm-deletion ${app.metadata.name}, and it finishes on its own\n`);
  return 1;
}

function syncOperation(o: { revision?: string; prune?: boolean; force?: boolean; io: CommandIO }): Operation {
  const strategy = o.force ? { syncStrategy: { hook: { force: true } } } : {};
  return { sync: { ...(o.revision ? { revision: o.revision } : {}), prune: o.prune ?? false, ...strategy }, initiatedBy: { username: o.io.env.USER ?? 'gantry-cli' } };
}

/**
 * `gantry app confirm-deletion NAME`, as `argocd app confirm-deletion`: stamps the approval
 * annotation with the current time, which releases the `Prune=confirm` prunes of a running sync
 * and the `Delete=confirm` deletions of an Application being deleted.
 */
async function confirmDeletion(apps: Apps, o: { name: string; io: CommandIO; clock: Clock }): Promise<number> {
  await getApp(apps, o.name);
  const at = new Date(o.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  await apps.hub.api.patch({ ...APP, namespace: apps.namespace, name: o.name }, { metadata: { annotations: { [DELETION_APPROVED_ANNOTATION]: at } } }, { type: 'merge' });
  o.io.out(`Application '${o.name}' updated successfully: deletion and pruning approved at ${at}\n`);
  return 0;
}

/** `gantry app rollback NAME ID`: a sync to history entry ID's revision and source, refused while automated sync is on. */
async function rollbackApp(apps: Apps, o: { name: string; id: string | undefined; prune?: boolean; io: CommandIO; clock: Clock }): Promise<number> {
  const id = Number(o.id);
  if (o.id === undefined || !Number.isInteger(id)) throw new InputError('usage: gantry app rollback NAME ID (an id from gantry app history NAME)');
  const operation = rollbackOperation(await getApp(apps, o.name), id, { prune: o.prune, username: o.io.env.USER ?? 'gantry-cli' });
  return runOperation(apps, o.name, operation, o);
}

function historyLines(a: Application): string {
  return (a.status?.history ?? []).map((h) => `${String(h.id).padEnd(4)} ${h.deployedAt}  ${h.revision || (h.revisions ?? []).join(',')}\n`).join('');
}

const USAGE = 'usage: gantry app list | get|sync|history|delete|diff|confirm-deletion NAME [--revision R] [--prune] [--force] [--cascade] [--color] | rollback NAME ID [--prune]';

/** `gantry app list|get|sync|history|delete|diff|rollback`: Applications in the hub's control namespace. */
export async function runApp(args: string[], io: CommandIO, clock: Clock): Promise<number> {
  const parsed = parseAppArgs(args);
  const root = parsed.values['data-dir'] ?? defaultDataDir(io.env);
  const hub = await connectInstanceHub(dataLayout(root), clock);
  try {
    return await runAction({ hub, namespace: NAMESPACE }, { ...parsed, io, clock, preview: () => previewFromDataDir(hub, root, clock) });
  } finally {
    hub.close();
  }
}

function parseAppArgs(args: string[]): Pick<ActionInput, 'action' | 'name' | 'rest' | 'values'> {
  const options = { 'data-dir': { type: 'string' }, revision: { type: 'string' }, prune: { type: 'boolean' }, force: { type: 'boolean' }, cascade: { type: 'boolean' }, color: { type: 'boolean' } } as const;
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
  const [action, name, ...rest] = positionals;
  if (!action || (action !== 'list' && !name)) throw new InputError(USAGE);
  return { action, name: name ?? '', rest, values };
}

/** One parsed `gantry app` command, with a connected hub's collaborators. */
export interface ActionInput {
  action: string;
  name: string;
  rest: string[];
  values: { revision?: string; prune?: boolean; force?: boolean; cascade?: boolean; color?: boolean; 'data-dir'?: string };
  io: CommandIO;
  clock: Clock;
  /** The preview `diff` renders with (built only when asked for). */
  preview: () => ApplicationPreview;
}

/** Runs one `gantry app` command against a connected hub (tests call it with their own hub and preview). */
export async function runAppCommand(apps: Apps, args: string[], o: Pick<ActionInput, 'io' | 'clock' | 'preview'>): Promise<number> {
  return runAction(apps, { ...parseAppArgs(args), ...o });
}

async function runAction(apps: Apps, o: ActionInput): Promise<number> {
  switch (o.action) {
    case 'list': {
      const list = await apps.hub.api.list(APP.apiVersion, APP.kind, { namespace: apps.namespace });
      o.io.out(`${'NAME'.padEnd(24)} ${'SYNC'.padEnd(10)} ${'HEALTH'.padEnd(12)} REVISION OPERATION\n`);
      for (const a of list.items as unknown as Application[]) o.io.out(`${row(a)}\n`);
      return 0;
    }
    case 'get':
      o.io.out(describe(await getApp(apps, o.name)));
      return 0;
    case 'history':
      o.io.out(historyLines(await getApp(apps, o.name)));
      return 0;
    case 'sync':
      return runOperation(apps, o.name, syncOperation({ revision: o.values.revision, prune: o.values.prune, force: o.values.force, io: o.io }), o);
    case 'confirm-deletion':
      return confirmDeletion(apps, { name: o.name, io: o.io, clock: o.clock });
    case 'rollback':
      return rollbackApp(apps, { name: o.name, id: o.rest[0], prune: o.values.prune, io: o.io, clock: o.clock });
    case 'diff':
      return diffFor(apps, o);
    case 'delete':
      return deleteApp(apps, o);
    default:
      throw new InputError(`unknown app command "${o.action}": use list, get, sync, history, diff, rollback, delete or confirm-deletion`);
  }
}

async function deleteApp(apps: Apps, o: ActionInput): Promise<number> {
  if (o.values.cascade) await apps.hub.api.patch({ ...APP, namespace: apps.namespace, name: o.name }, { metadata: { finalizers: ['resources-finalizer.argocd.argoproj.io'] } }, { type: 'merge' });
  const gone = await apps.hub.api.delete({ ...APP, namespace: apps.namespace, name: o.name });
  o.io.out(gone ? `deleted ${o.name}${o.values.cascade ? ' and the resources it tracks' : ''}\n` : `no application ${o.name}\n`);
  return gone ? 0 : 3;
}

async function diffFor(apps: Apps, o: ActionInput): Promise<number> {
  const preview = o.preview();
  try {
    return await diffApp(await getApp(apps, o.name), { preview, revision: o.values.revision, color: o.values.color, io: o.io });
  } finally {
    preview.close();
  }
}
