// Kustomize sources that reach outside their own folder: a remote base in another hosted repo at
// a tag, and helmCharts from a chartHome in the app's repo, synced through the real controller.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../core/index.js';
import { createGitReader, createGitServer, createRepoStore, type GitServer } from '../../git/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { connectTestCluster, createTestRepos, eventually, testLogger, type TestRepos } from '../../testkit/index.js';
import { createApplicationController, type ApplicationController } from './application-controller.js';
import { compareWithDiff } from './diff-comparer.js';
import { createSourceRenderer } from './directory-renderer.js';
import type { Application } from './types.js';

const token = randomBytes(8).toString('hex');
const suffix = randomBytes(3).toString('hex');
const controlNamespace = `gantry-kust-${suffix}`;
const namespaces: string[] = [];
const abort = new AbortController();
let dir: string;
let server: GitServer;
let baseUrl: string;
let hub: Cluster;
let controller: ApplicationController;
let repos: TestRepos;

/** Tags the newest commit of a test repository and pushes the tag. */
function pushTag(repo: string, tag: string): Promise<void> {
  const work = join(dir, 'work', repo);
  const run = (...args: string[]): Promise<void> =>
    new Promise((resolve, reject) => {
      execFile('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: work, env: { ...process.env, HOME: dir, GIT_TERMINAL_PROMPT: '0' } }, (e, _out, err) => (e ? reject(new Error(`git ${args.join(' ')}: ${err}`)) : resolve()));
    });
  return run('tag', tag).then(() => run('push', '-q', `http://gantry:${token}@${baseUrl.replace('http://', '')}/git/${repo}.git`, `refs/tags/${tag}`));
}

function appOf(name: string, repo: string, path: string, destNamespace: string): KubeObject {
  namespaces.push(destNamespace);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: controlNamespace },
    spec: {
      project: 'default',
      source: { repoURL: `${baseUrl}/git/${repo}.git`, path, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: destNamespace },
      syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] },
    },
  };
}

async function waitSynced(name: string): Promise<Application> {
  return eventually(`${name} Synced`, async () => {
    const a = (await hub.api.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: controlNamespace, name })) as unknown as Application | undefined;
    if (a?.status?.sync?.status === 'Synced' && a.status.operationState?.phase === 'Succeeded') return a;
    throw new Error(`sync ${a?.status?.sync?.status} op ${a?.status?.operationState?.phase} ${a?.status?.operationState?.message ?? ''} conditions ${JSON.stringify(a?.status?.conditions ?? [])}`);
  }, 60_000);
}

const configMap = (name: string, data: Record<string, string>): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`).join('\n')}\n`;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gantry-kust-'));
  const log = testLogger();
  const store = createRepoStore({ root: join(dir, 'git') });
  server = createGitServer({ store, token, readAccess: 'open', log });
  baseUrl = (await server.listen(0)).url;
  repos = createTestRepos({ dir, store, baseUrl, token });
  hub = await connectTestCluster();
  const reader = createGitReader({ store, cacheDir: join(dir, 'cache'), log, hostedUrlPrefixes: [`${baseUrl}/git/`] });
  const render = createSourceRenderer({ git: reader });
  controller = createApplicationController({ hub, reader, render, compare: compareWithDiff, controlNamespace, clock: systemClock, log });
  await controller.start(abort.signal);
});

after(async () => {
  const apps = await hub.api.list('argoproj.io/v1alpha1', 'Application', { namespace: controlNamespace });
  for (const a of apps.items) await hub.api.patch({ apiVersion: a.apiVersion, kind: a.kind, namespace: controlNamespace, name: a.metadata.name ?? '' }, { metadata: { finalizers: [] } }, { type: 'merge' }).catch(() => undefined);
  await controller.stop?.();
  for (const ns of [...new Set(namespaces), controlNamespace]) await hub.api.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
  abort.abort();
  await server.close();
  hub.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a kustomization whose base is a hosted git repo at a tag syncs the tagged base, not the branch head', async () => {
  await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: controlNamespace } });
  const ns = `kust-remote-${suffix}`;
  await repos.push('platform-base', { 'base/kustomization.yaml': 'resources:\n- settings.yaml\n- ../common\n', 'base/settings.yaml': configMap('settings', { release: 'v1' }), 'common/kustomization.yaml': 'resources:\n- shared.yaml\n', 'common/shared.yaml': configMap('shared', { from: 'common' }) });
  await pushTag('platform-base', 'v1');
  await repos.push('platform-base', { 'base/settings.yaml': configMap('settings', { release: 'after-v1' }) });
  await repos.push('team-app', {
    'overlays/prod/kustomization.yaml': `namePrefix: prod-\nresources:\n- ${baseUrl}/git/platform-base.git//base?ref=v1\n- local.yaml\n`,
    'overlays/prod/local.yaml': configMap('local', { team: 'a' }),
  });
  await hub.api.apply(appOf('remote-base', 'team-app', 'overlays/prod', ns));
  const app = await waitSynced('remote-base');
  assert.equal(app.status?.sourceType, 'Kustomize');
  assert.deepEqual(app.status?.resources?.map((r) => `${r.kind}/${r.name}`).sort(), ['ConfigMap/prod-local', 'ConfigMap/prod-settings', 'ConfigMap/prod-shared']);
  const settings = await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'prod-settings' });
  assert.deepEqual(settings?.['data'], { release: 'v1' });
});

test('a kustomization with helmCharts from a chartHome in the repo syncs the rendered chart through its transformers', async () => {
  const ns = `kust-helm-${suffix}`;
  await repos.push('helm-app', {
    'charts/greeter/Chart.yaml': 'apiVersion: v2\nname: greeter\nversion: 0.1.0\n',
    'charts/greeter/values.yaml': 'greeting: hello\nport: 80\n',
    'charts/greeter/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-greeting\ndata:\n  greeting: {{ .Values.greeting | quote }}\n  namespace: {{ .Release.Namespace }}\n',
    'charts/greeter/templates/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  ports:\n  - port: {{ .Values.port }}\n  selector:\n    app: greeter\n',
    'env/prod/kustomization.yaml': 'namePrefix: prod-\ncommonLabels:\n  team: a\nhelmGlobals:\n  chartHome: ../../charts\nhelmCharts:\n- name: greeter\n  releaseName: hi\n  namespace: ' + ns + '\n  valuesInline:\n    greeting: bonjour\n',
  });
  await hub.api.apply(appOf('helm-charts', 'helm-app', 'env/prod', ns));
  const app = await waitSynced('helm-charts');
  assert.deepEqual(app.status?.resources?.map((r) => `${r.kind}/${r.name}`).sort(), ['ConfigMap/prod-hi-greeting', 'Service/prod-hi']);
  const cm = await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'prod-hi-greeting' });
  assert.deepEqual(cm?.['data'], { greeting: 'bonjour', namespace: ns });
  assert.equal((cm?.['metadata'] as { labels?: Record<string, string> }).labels?.['team'], 'a');
});
