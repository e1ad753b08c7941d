import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { messageOf, type Logger } from '../core/index.js';
import { commitFiles, type RepoStore } from '../git/index.js';
import type { Cluster, KubeObject } from '../kube/index.js';
import { DEMO_REPO, DEMO_ROOT_APP, demoApps, demoRepoFiles, demoRootApplication } from './demo-repo.js';

/** What the quickstart created, kept in `<data-dir>/demo.json` so later ups leave it alone. */
export interface DemoRecord {
  repo: string;
  repoUrl: string;
  rootApp: string;
  commit: string;
  apps: { name: string; cluster: string; namespace: string }[];
}

const markerPath = (dataDir: string): string => join(dataDir, 'demo.json');

/** The demo this data directory got on its first up, if any. */
export function readDemoRecord(dataDir: string): DemoRecord | undefined {
  try {
    return JSON.parse(readFileSync(markerPath(dataDir), 'utf8')) as DemoRecord;
  } catch {
    return undefined;
  }
}

/** Creates the hosted demo repository with its first commit; resolves to that commit. */
async function createDemoRepo(o: { store: RepoStore; repoUrl: string; spokes: string[] }): Promise<string> {
  await o.store.create(DEMO_REPO);
  return commitFiles(o.store, DEMO_REPO, { files: demoRepoFiles(o.repoUrl, o.spokes), message: 'gantry quickstart: an app-of-apps for the hub and every spoke' });
}

/**
 * Creates the quickstart's demo once per data directory: hosted repository `demo` with an
 * app-of-apps, and its root Application on the hub. Later ups find demo.json and do nothing, so a
 * user's edits (or deletions) stand. A repository named demo that the user made is left as it is.
 * Never waits for a sync; a failure is logged and does not stop gantry.
 */
export async function ensureDemo(o: { dataDir: string; store: RepoStore; hub: Cluster; repoUrl: string; spokes: string[]; log: Logger }): Promise<void> {
  if (existsSync(markerPath(o.dataDir))) return;
  try {
    const commit = (await o.store.exists(DEMO_REPO)) ? ((await o.store.get(DEMO_REPO)).head ?? '') : await createDemoRepo(o);
    await o.hub.api.apply(parse(demoRootApplication(o.repoUrl)) as KubeObject);
    const apps = demoApps(o.spokes).map((a) => ({ name: a.name, cluster: a.cluster === 'in-cluster' ? 'hub' : a.cluster, namespace: a.path }));
    const record: DemoRecord = { repo: DEMO_REPO, repoUrl: o.repoUrl, rootApp: DEMO_ROOT_APP, commit, apps };
    writeFileSync(markerPath(o.dataDir), `${JSON.stringify(record, undefined, 2)}\n`);
    o.log.info('demo created', { repo: DEMO_REPO, rootApp: DEMO_ROOT_APP, apps: apps.length });
  } catch (error) {
    o.log.warn('demo not created', { error: messageOf(error) });
  }
}

/** What `up` prints about the demo: where it lives and where to look. */
export function describeDemo(record: DemoRecord): string[] {
  const clusters = [...new Set(record.apps.map((a) => a.cluster))];
  const lines = [
    '',
    `Demo: repository ${record.repo} (${record.repoUrl}) holds an app-of-apps. Its root Application`,
    `"${record.rootApp}" deploys ${record.apps.map((a) => a.name).join(', ')}; they sync in the background:`,
    '  gantry app list',
    '  kubectl get applications -n argocd',
  ];
  for (const cluster of clusters) {
    const namespaces = [...new Set(record.apps.filter((a) => a.cluster === cluster).map((a) => a.namespace))];
    const context = cluster === 'hub' ? '' : `--context gantry-${cluster} `;
    for (const ns of namespaces) lines.push(`  kubectl ${context}get deploy,svc,cm -n ${ns}`);
  }
  lines.push(`  git clone ${record.repoUrl}   (edit, push with the token, and watch it sync; preview with gantry plan ${record.repo} <branch>)`);
  return lines;
}
