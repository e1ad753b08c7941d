import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../core/index.js';
import type { GitReader } from '../../git/index.js';
import type { Cluster } from '../../kube/index.js';
import { connectTestCluster, eventually, startTestGitHost, testLogger, type TestGitHost } from '../../testkit/index.js';
import { createApplicationController, type ApplicationController } from '../app/application-controller.js';
import { renderWithDirectory } from '../app/directory-renderer.js';
import { compareWithDiff } from '../app/diff-comparer.js';
import type { Application } from '../app/types.js';
import { formatPlan } from './format-plan.js';
import { planApplications } from './plan-applications.js';

const suffix = randomBytes(3).toString('hex');
const controlNamespace = `gantry-plan-${suffix}`;
const nsA = `plan-a-${suffix}`;
const nsB = `plan-b-${suffix}`;
const nsC = `plan-c-${suffix}`;
const abort = new AbortController();
let dir: string;
let token: string;
let baseUrl: string;
let repos: TestGitHost;
let reader: GitReader;
let hub: Cluster;
let controller: ApplicationController;

const configMap = (name: string, color: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  color: ${color}\n`;
const secret = (password: string): string => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: ${password}\n`;

function application(name: string, repo: string, namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: controlNamespace },
    spec: {
      project: 'default',
      source: { repoURL: `${baseUrl}/git/${repo}.git`, path: 'app', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace },
      syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] },
    },
  };
}

function git(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const all = ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args];
    execFile('git', all, { cwd, env: { ...process.env, HOME: dir, GIT_TERMINAL_PROMPT: '0' } }, (e, out, err) => (e ? reject(new Error(`git ${args.join(' ')}: ${err}`)) : resolve(out.trim())));
  });
}

async function color(namespace: string, name: string): Promise<string | undefined> {
  return ((await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name }))?.data as Record<string, string> | undefined)?.color;
}

before(async () => {
  const log = testLogger();
  repos = await startTestGitHost({ prefix: 'gantry-plan', log });
  ({ dir, token, baseUrl } = repos);
  hub = await connectTestCluster();
  reader = repos.reader(log);
  controller = createApplicationController({ hub, reader, render: renderWithDirectory, compare: compareWithDiff, controlNamespace, clock: systemClock, log });
  repos.server.onPush((e) => controller.refreshWhere((url) => url.endsWith(`/git/${e.repo}.git`)));
  await controller.start(abort.signal);
});

after(async () => {
  await controller.stop?.();
  abort.abort();
  for (const ns of [controlNamespace, nsA, nsB, nsC]) await hub.api.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns });
  hub.close();
  await repos.close();
});

test('plan shows, per app, what an unmerged branch would create, change (secrets masked) and prune, and applies nothing', async () => {
  const main = await repos.push('planned', { 'app/keep.yaml': configMap('keep', 'same'), 'app/change.yaml': configMap('change', 'blue'), 'app/old.yaml': configMap('old', 'gone-soon'), 'app/secret.yaml': secret('one-pass') });
  await repos.push('unrelated', { 'app/x.yaml': configMap('x', 'x') });
  for (const [name, repo, ns] of [['plan-a', 'planned', nsA], ['plan-b', 'planned', nsB], ['plan-other', 'unrelated', nsA]] as const) await hub.api.apply(application(name, repo, ns) as never);
  for (const name of ['plan-a', 'plan-b', 'plan-other']) {
    await eventually(`${name} Synced`, async () => {
      const a = (await hub.api.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: controlNamespace, name })) as unknown as Application | undefined;
      return a?.status?.sync?.status === 'Synced' && a.status.operationState?.phase === 'Succeeded' ? true : undefined;
    }, 60_000);
  }

  // A feature branch, pushed but not merged: main (what the apps follow) does not move.
  const work = join(dir, 'work', 'planned');
  writeFileSync(join(work, 'app', 'change.yaml'), configMap('change', 'green'));
  writeFileSync(join(work, 'app', 'fresh.yaml'), configMap('fresh', 'new'));
  writeFileSync(join(work, 'app', 'secret.yaml'), secret('two-pass'));
  unlinkSync(join(work, 'app', 'old.yaml'));
  await git(work, 'add', '-A');
  await git(work, 'commit', '-qm', 'feature');
  await git(work, 'push', '-q', `http://gantry:${token}@${baseUrl.replace('http://', '')}/git/planned.git`, 'HEAD:refs/heads/feature');
  const feature = await git(work, 'rev-parse', 'HEAD');

  const plans = await planApplications({ hub, reader, render: renderWithDirectory, compare: compareWithDiff, repoMatches: (url) => url.endsWith('/git/planned.git'), revision: 'feature', controlNamespace, clock: systemClock });
  assert.deepEqual(plans.map((p) => [p.app, p.cluster, p.namespace, p.revision, p.currentRevision, p.error]), [
    ['plan-a', 'https://kubernetes.default.svc', nsA, feature, main, undefined],
    ['plan-b', 'https://kubernetes.default.svc', nsB, feature, main, undefined],
  ]);
  for (const plan of plans) {
    const ns = plan.namespace;
    assert.deepEqual(plan.resources.map((r) => `${r.action} ${r.kind} ${r.namespace}/${r.name}`).sort(), [
      `create ConfigMap ${ns}/fresh`,
      `prune ConfigMap ${ns}/old`,
      `update ConfigMap ${ns}/change`,
      `update Secret ${ns}/creds`,
    ]);
    const change = plan.resources.find((r) => r.name === 'change');
    assert.deepEqual(change?.diff?.changes.map((c) => [c.path, c.live, c.desired]), [['data.color', 'blue', 'green']]);
  }
  const text = formatPlan(plans, { repo: 'planned', revision: 'feature' });
  assert.match(text, new RegExp(`Application plan-a \\(cluster https://kubernetes.default.svc, namespace ${nsA}\\) at ${main.slice(0, 7)} -> ${feature.slice(0, 7)}: 1 to create, 2 to change, 1 to prune`));
  assert.match(text, new RegExp(`\\+ ConfigMap ${nsA}/fresh`));
  assert.match(text, new RegExp(`~ ConfigMap ${nsA}/change\\n\\s+- data\\.color: "blue"\\n\\s+\\+ data\\.color: "green"`));
  assert.match(text, new RegExp(`- ConfigMap ${nsA}/old  \\(pruned\\)`));
  assert.match(text, /Secret .*creds/);
  for (const plain of ['one-pass', 'two-pass', Buffer.from('one-pass').toString('base64'), Buffer.from('two-pass').toString('base64')]) {
    assert.ok(!text.includes(plain) && !JSON.stringify(plans).includes(plain), `the plan must not show the secret value ${plain}`);
  }
  assert.match(text, /2 applications, 2 would change\. Nothing was applied\./);

  // Nothing was applied: live objects are those of main.
  assert.equal(await color(nsA, 'change'), 'blue');
  assert.equal(await color(nsA, 'old'), 'gone-soon');
  assert.equal(await color(nsA, 'fresh'), undefined);

  // Planning main itself: nothing to do.
  const none = await planApplications({ hub, reader, render: renderWithDirectory, compare: compareWithDiff, repoMatches: (url) => url.endsWith('/git/planned.git'), revision: 'main', controlNamespace, clock: systemClock });
  assert.deepEqual(none.map((p) => p.resources.length), [0, 0]);
  assert.match(formatPlan(none, { repo: 'planned', revision: 'main' }), /plan-a .*: no changes/);
  const missing = await planApplications({ hub, reader, render: renderWithDirectory, compare: compareWithDiff, repoMatches: (url) => url.endsWith('/git/planned.git'), revision: 'no-such-branch', controlNamespace, clock: systemClock });
  assert.match(missing[0]?.error ?? '', /no branch, tag or commit named "no-such-branch"/);
});

test('plan moves only the planned repository in a multi-source app: its sources go to the revision, the others stay at their targets', async () => {
  const planned = (url: string): boolean => url.endsWith('/git/planned.git');
  const multi = application('plan-multi', 'planned', nsC) as { spec: Record<string, unknown> };
  const source = multi.spec.source as Record<string, unknown>;
  delete multi.spec.source;
  multi.spec.sources = [source, { ...source, repoURL: `${baseUrl}/git/unrelated.git` }];
  await hub.api.apply(multi as never);
  await eventually('plan-multi Synced', async () => {
    const a = (await hub.api.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: controlNamespace, name: 'plan-multi' })) as unknown as Application | undefined;
    return a?.status?.sync?.status === 'Synced' && a.status.operationState?.phase === 'Succeeded' ? true : undefined;
  }, 60_000);
  assert.equal(await color(nsC, 'x'), 'x');

  // The planned repository's feature branch (first test) moves the first source; the unrelated repository stays at main.
  const feature = await git(join(dir, 'work', 'planned'), 'rev-parse', 'HEAD');
  const plans = await planApplications({ hub, reader, render: renderWithDirectory, compare: compareWithDiff, repoMatches: planned, revision: 'feature', controlNamespace, clock: systemClock });
  const plan = plans.find((p) => p.app === 'plan-multi');
  assert.equal(plan?.error, undefined);
  assert.equal(plan?.revision, feature);
  assert.deepEqual(plan?.resources.map((r) => `${r.action} ${r.kind} ${r.name}`).sort(), ['create ConfigMap fresh', 'prune ConfigMap old', 'update ConfigMap change', 'update Secret creds']);

  // A branch of the other repository: only its source moves, in this app and in the single-source app that uses it.
  const work = join(dir, 'work', 'unrelated');
  writeFileSync(join(work, 'app', 'x.yaml'), configMap('x', 'yellow'));
  await git(work, 'commit', '-qam', 'x becomes yellow');
  await git(work, 'push', '-q', `http://gantry:${token}@${baseUrl.replace('http://', '')}/git/unrelated.git`, 'HEAD:refs/heads/other');
  const other = await planApplications({ hub, reader, render: renderWithDirectory, compare: compareWithDiff, repoMatches: (url) => url.endsWith('/git/unrelated.git'), revision: 'other', controlNamespace, clock: systemClock });
  assert.deepEqual(other.map((p) => [p.app, p.resources.map((r) => `${r.action} ${r.kind} ${r.namespace}/${r.name}`)]), [
    ['plan-multi', [`update ConfigMap ${nsC}/x`]],
    ['plan-other', [`update ConfigMap ${nsA}/x`]],
  ]);
  assert.equal(await color(nsC, 'x'), 'x', 'nothing was applied');
});
