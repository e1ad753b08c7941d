import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findFreeBase } from '../local/index.js';
import { gantry, run, seedExample, waitFor, type Run } from './cli-rig.js';

// Issue 6's acceptance through `gantry up` itself: the local spokes registered by the fleet path,
// the reference platform-addons ApplicationSet applied byte for byte, its GitHub repoURL fetched
// from a hosted repository through --git-mirror (this machine is offline), and the generated
// Applications synced into each spoke.

const UPSTREAM = 'https://github.com/aws-samples/appmod-blueprints';
const CONFIGMAP = 'platform-addons-settings';

/** The chart the template's path names for one environment, with its helm_values_path values file inside the chart. */
function chartFiles(env: string): Record<string, string> {
  const chart = `gitops/addons/environments/${env}`;
  return {
    [`${chart}/Chart.yaml`]: `apiVersion: v2\nname: platform-addons-${env}\nversion: 0.1.0\n`,
    [`${chart}/values.yaml`]: 'environment: unset\nfrom: chart-defaults\n',
    [`${chart}/values/${env}.yaml`]: `environment: ${env}\nfrom: helm-values-path\n`,
    [`${chart}/templates/settings.yaml`]: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${CONFIGMAP}\ndata:\n  environment: {{ .Values.environment | quote }}\n  from: {{ .Values.from | quote }}\n`,
  };
}

interface AppView {
  spec: { project: string; source: { repoURL: string; path: string; targetRevision: string; helm?: { valueFiles?: string[] } }; destination: { server?: string; namespace?: string } };
  status?: { sync?: { status?: string } };
}

test('acceptance: gantry up --spokes dev,prod and the reference platform-addons ApplicationSet, unchanged, sync an add-on into each spoke', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gantry-fleet-acceptance-'));
  const base = await findFreeBase(7);
  const kubectl = (...args: string[]): Promise<Run> => run('kubectl', ['--kubeconfig', join(dir, 'kubeconfig'), ...args], 60_000);
  const getJson = async <T>(...args: string[]): Promise<T | undefined> => {
    const r = await kubectl('get', ...args, '-o', 'json');
    return r.code === 0 ? (JSON.parse(r.stdout) as T) : undefined;
  };
  try {
    const up = await gantry(['up', '--data-dir', dir, '--port-base', String(base), '--spokes', 'dev,prod', '--no-install', '--no-demo', '--git-mirror', `${UPSTREAM}=blueprints`]);
    assert.equal(up.code, 0, up.stdout + up.stderr);

    // The hosted repository the mirror points at: one chart per environment.
    assert.equal((await gantry(['repo', 'create', 'blueprints', '--data-dir', dir])).code, 0);
    const token = readFileSync(join(dir, 'git-token'), 'utf8').trim();
    const work = join(dir, 'work');
    const g = (...args: string[]): Promise<Run> => run('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args]);
    mkdirSync(work);
    assert.equal((await g('init', '-q', '-b', 'main')).code, 0);
    for (const [path, text] of Object.entries({ ...chartFiles('dev'), ...chartFiles('prod') })) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), text);
    }
    assert.equal((await g('add', '.')).code, 0);
    assert.equal((await g('commit', '-qm', 'platform add-ons')).code, 0);
    const push = await g('push', '-q', `http://gantry:${token}@127.0.0.1:${base + 2}/git/blueprints.git`, 'HEAD:main');
    assert.equal(push.code, 0, push.stderr);

    // The local tenant's project exists, limited to the spokes.
    const project = await getJson<{ spec: { destinations: { server?: string; name?: string }[] } }>('appproject', 'platform-team', '-n', 'argocd');
    assert.ok(project, 'gantry up creates the AppProject platform-team');
    assert.deepEqual(project.spec.destinations.map((d) => d.name).filter(Boolean), ['dev', 'prod']);

    const appsetFile = seedExample('platform-addons-applicationset.yaml');
    const applied = await kubectl('apply', '-f', appsetFile);
    assert.equal(applied.code, 0, applied.stderr);

    const servers: Record<string, string> = {};
    for (const env of ['dev', 'prod']) {
      const server = await kubectl('get', 'secret', `cluster-${env}`, '-n', 'argocd', '-o', 'jsonpath={.data.server}');
      servers[env] = Buffer.from(server.stdout, 'base64').toString('utf8');
      assert.match(servers[env] ?? '', /^https:\/\/127\.0\.0\.1:\d+$/);
    }
    const names = await waitFor('the generated Applications', async () => {
      const list = await getJson<{ items: { metadata: { name: string } }[] }>('applications', '-n', 'argocd');
      const found = (list?.items ?? []).map((a) => a.metadata.name).sort();
      return found.length >= 2 ? found : undefined;
    }, 60_000);
    assert.deepEqual(names, ['dev-platform-addons', 'prod-platform-addons'], 'one per spoke, none for the hub');

    for (const env of ['dev', 'prod']) {
      const app = await getJson<AppView>('application', `${env}-platform-addons`, '-n', 'argocd');
      assert.ok(app);
      assert.equal(app.spec.project, 'platform-team');
      assert.deepEqual(app.spec.source, { repoURL: UPSTREAM, path: `gitops/addons/environments/${env}`, targetRevision: 'main', helm: { valueFiles: [`values/${env}.yaml`] } });
      assert.deepEqual(app.spec.destination, { server: servers[env], namespace: 'kube-system' });
      await waitFor(`${env}-platform-addons Synced`, async () => {
        const now = await getJson<AppView>('application', `${env}-platform-addons`, '-n', 'argocd');
        return now?.status?.sync?.status === 'Synced' ? true : undefined;
      }, 120_000);
      const data = await getJson<{ data: Record<string, string> }>('--context', `gantry-${env}`, 'configmap', CONFIGMAP, '-n', 'kube-system');
      assert.deepEqual(data?.data, { environment: env, from: 'helm-values-path' }, `the chart's ConfigMap in ${env}'s kube-system`);
    }
    assert.equal((await kubectl('get', 'configmap', CONFIGMAP, '-n', 'kube-system')).code !== 0, true, 'nothing lands on the hub');
    // The Applications keep the upstream URL; the status reports it too.
    const listed = await gantry(['app', 'list', '--data-dir', dir]);
    assert.match(listed.stdout, /dev-platform-addons\s+Synced/);
    // CLI commands that read git read through the instance's mirrors too.
    const diff = await gantry(['app', 'diff', 'prod-platform-addons', '--data-dir', dir]);
    assert.equal(diff.code, 0, diff.stdout + diff.stderr);
    assert.match(diff.stdout, /prod-platform-addons is in sync: no differences/);

    // dev stops being a spoke: the clusters generator no longer selects it, and the default policy deletes its Application
    // (with the resources finalizer, as preserveResourcesOnDeletion is unset); prod is untouched.
    const config = await kubectl('get', 'secret', 'cluster-registration-dev', '-n', 'gantry-fleet', '-o', 'jsonpath={.data.config}');
    const registration = JSON.parse(Buffer.from(config.stdout, 'base64').toString('utf8')) as { labels: Record<string, string> };
    registration.labels['cluster-type'] = 'hub';
    const patch = JSON.stringify({ data: { config: Buffer.from(JSON.stringify(registration)).toString('base64') } });
    const patched = await kubectl('patch', 'secret', 'cluster-registration-dev', '-n', 'gantry-fleet', '-p', patch);
    assert.equal(patched.code, 0, patched.stderr);
    await waitFor('dev-platform-addons deleted', async () => ((await kubectl('get', 'application', 'dev-platform-addons', '-n', 'argocd')).code !== 0 ? true : undefined), 60_000);
    await waitFor("the add-on removed from dev's kube-system", async () => ((await kubectl('--context', 'gantry-dev', 'get', 'configmap', CONFIGMAP, '-n', 'kube-system')).code !== 0 ? true : undefined), 60_000);
    assert.equal((await kubectl('get', 'application', 'prod-platform-addons', '-n', 'argocd')).code, 0);
    assert.equal((await kubectl('--context', 'gantry-prod', 'get', 'configmap', CONFIGMAP, '-n', 'kube-system')).code, 0);
  } finally {
    await gantry(['down', '--data-dir', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});
