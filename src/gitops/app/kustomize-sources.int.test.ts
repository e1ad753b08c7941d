// Kustomize sources that reach outside their own folder: a remote base in another hosted repo at
// a tag, and helmCharts from a chartHome in the app's repo, synced through the real controller.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { configMapYaml as configMap, createAppRig } from './int-rig.js';
import type { Application } from './types.js';

const rig = createAppRig({ name: 'kust', render: 'remote-bases', refreshOnPush: false });
const { suffix, controlNamespace } = rig;
let hub: Cluster;

/** Tags the newest commit of a test repository and pushes the tag. */
function pushTag(repo: string, tag: string): Promise<void> {
  const { dir, token, baseUrl } = rig.git;
  const work = join(dir, 'work', repo);
  const run = (...args: string[]): Promise<void> =>
    new Promise((resolve, reject) => {
      execFile('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: work, env: { ...process.env, HOME: dir, GIT_TERMINAL_PROMPT: '0' } }, (e, _out, err) => (e ? reject(new Error(`git ${args.join(' ')}: ${err}`)) : resolve()));
    });
  return run('tag', tag).then(() => run('push', '-q', `http://gantry:${token}@${baseUrl.replace('http://', '')}/git/${repo}.git`, `refs/tags/${tag}`));
}

function appOf(name: string, repo: string, path: string, destNamespace: string): KubeObject {
  return rig.application(name, { destNamespace, source: rig.source(repo, path), syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] } });
}

function waitSynced(name: string): Promise<Application> {
  return rig.waitApp(name, 'Synced', (a) => a.status?.sync?.status === 'Synced' && a.status.operationState?.phase === 'Succeeded', 60_000);
}

before(async () => {
  ({ hub } = await rig.start());
});

after(() => rig.stop());

test('a kustomization whose base is a hosted git repo at a tag syncs the tagged base, not the branch head', async () => {
  await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: controlNamespace } });
  const ns = `kust-remote-${suffix}`;
  await rig.push('platform-base', { 'base/kustomization.yaml': 'resources:\n- settings.yaml\n- ../common\n', 'base/settings.yaml': configMap('settings', { release: 'v1' }), 'common/kustomization.yaml': 'resources:\n- shared.yaml\n', 'common/shared.yaml': configMap('shared', { from: 'common' }) });
  await pushTag('platform-base', 'v1');
  await rig.push('platform-base', { 'base/settings.yaml': configMap('settings', { release: 'after-v1' }) });
  await rig.push('team-app', {
    'overlays/prod/kustomization.yaml': `namePrefix: prod-\nresources:\n- ${rig.git.url('platform-base')}//base?ref=v1\n- local.yaml\n`,
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
  await rig.push('helm-app', {
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
