import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseAllDocuments, stringify } from 'yaml';
import { InputError, NotFoundError, messageOf, type Clock } from '../core/index.js';
import {
  createRepoFiles,
  destinationIndex,
  generateApplications,
  previewApplications,
  SECRET_TYPE_LABEL,
  validateApplications,
  type ApplicationSet,
  type GeneratedApp,
  type PreviewEntry,
  type RepoFiles,
} from '../appset/index.js';
import type { GitReader } from '../git/index.js';
import type { Cluster, KubeObject } from '../kube/index.js';
import { dataLayout, defaultDataDir, type DataLayout } from '../local/index.js';
import { cliGitReader, connectHub, recordedInstance } from './instance-access.js';
import type { CommandIO } from './io.js';

const NAMESPACE = 'argocd';
const API = 'argoproj.io/v1alpha1';
const USAGE = 'usage: gantry appset preview <file|name> [-o yaml] [--data-dir DIR]';

interface Hub {
  cluster: Cluster;
  reader: GitReader;
  repos: RepoFiles;
}

async function connectAppSetHub(layout: DataLayout, clock: Clock): Promise<Hub> {
  const instance = recordedInstance(layout);
  const cluster = await connectHub(instance, clock);
  // A reader of its own (never the running instance's cache, which it would race).
  const reader = cliGitReader(layout, instance.state, 'cli-git');
  return { cluster, reader, repos: createRepoFiles(reader) };
}

async function loadAppSet(hub: Cluster, ref: string): Promise<ApplicationSet> {
  if (existsSync(ref)) {
    const docs = parseAllDocuments(readFileSync(ref, 'utf8')).map((d) => d.toJSON() as KubeObject | null);
    const found = docs.find((d) => d?.kind === 'ApplicationSet');
    if (!found) throw new InputError(`${ref} holds no ApplicationSet`);
    const live = await hub.api.get<ApplicationSet>({ apiVersion: API, kind: 'ApplicationSet', namespace: found.metadata.namespace ?? NAMESPACE, name: found.metadata.name ?? '' }).catch(() => undefined);
    return { ...(found as ApplicationSet), metadata: { ...found.metadata, namespace: found.metadata.namespace ?? NAMESPACE, ...(live?.metadata.uid ? { uid: live.metadata.uid } : {}) } };
  }
  const live = await hub.api.get<ApplicationSet>({ apiVersion: API, kind: 'ApplicationSet', namespace: NAMESPACE, name: ref });
  if (!live) throw new NotFoundError(`no file ${ref} and no ApplicationSet ${ref} in namespace ${NAMESPACE}`);
  return live;
}

const SIGN: Record<PreviewEntry['action'], string> = { create: '+', update: '~', unchanged: '=', delete: '-', keep: '!', conflict: '!', invalid: '!' };

function formatPreview(appset: ApplicationSet, entries: readonly PreviewEntry[]): string {
  const count = (a: PreviewEntry['action']): number => entries.filter((e) => e.action === a).length;
  const lines = [`ApplicationSet ${appset.metadata.namespace ?? ''}/${appset.metadata.name ?? ''}: ${count('create')} to create, ${count('update')} to update, ${count('unchanged')} unchanged, ${count('delete')} to delete`];
  for (const e of entries) {
    lines.push(`${SIGN[e.action]} ${e.name.padEnd(40)} ${e.action}${e.detail ? ` (${e.detail})` : ''}`);
    for (const c of e.changes) lines.push(`    ${c}`);
  }
  return `${lines.join('\n')}\n`;
}

async function preview(hub: Hub, ref: string, o: { output?: string; io: CommandIO }): Promise<number> {
  const appset = await loadAppSet(hub.cluster, ref);
  const namespace = appset.metadata.namespace ?? NAMESPACE;
  const secrets = (await hub.cluster.api.list('v1', 'Secret', { namespace, labelSelector: `${SECRET_TYPE_LABEL}=cluster` })).items;
  let desired: GeneratedApp[];
  try {
    desired = await generateApplications(appset, { clusters: { listClusterSecrets: async () => secrets }, repos: hub.repos });
  } catch (error) {
    o.io.err(`gantry: ApplicationSet ${appset.metadata.name ?? ''} cannot generate its Applications (nothing would change): ${messageOf(error)}\n`);
    return 1;
  }
  if (o.output === 'yaml') {
    o.io.out(desired.map((a) => stringify(a)).join('---\n'));
    return 0;
  }
  const existing = (await hub.cluster.api.list(API, 'Application', { namespace })).items;
  const projects = new Set((await hub.cluster.api.list(API, 'AppProject', { namespace })).items.map((p) => p.metadata.name));
  const invalid = validateApplications(desired, { projectExists: (n) => projects.has(n), clusterExists: destinationIndex(secrets) });
  o.io.out(formatPreview(appset, previewApplications(appset, desired, existing, invalid)));
  return 0;
}

/** `gantry appset preview <file|name>`: the Applications an ApplicationSet would generate, and how they differ from today's. */
export async function runAppSet(args: string[], io: CommandIO, clock: Clock): Promise<number> {
  const options = { 'data-dir': { type: 'string' }, output: { type: 'string', short: 'o' } } as const;
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
  const [action, ref] = positionals;
  if (action !== 'preview' || !ref) throw new InputError(USAGE);
  if (values.output !== undefined && values.output !== 'yaml') throw new InputError(`unknown output ${values.output}: ${USAGE}`);
  const hub = await connectAppSetHub(dataLayout(values['data-dir'] ?? defaultDataDir(io.env)), clock);
  try {
    return await preview(hub, ref, { ...(values.output ? { output: values.output } : {}), io });
  } finally {
    hub.cluster.close();
    await hub.reader.close();
  }
}
