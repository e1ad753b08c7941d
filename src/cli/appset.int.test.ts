import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { installApplicationSetApi } from '../appset/index.js';
import { systemClock } from '../core/index.js';
import type { Cluster, KubeObject } from '../kube/index.js';
import { dataLayout, prepareDataDir, writeInstanceState } from '../local/index.js';
import { connectTestCluster, createTestNamespace, testKubeconfig } from '../testkit/index.js';
import { runAppSet } from './appset.js';
import type { CommandIO } from './io.js';

let hub: Cluster;
let ns: { name: string; cleanup: () => Promise<void> };
let dir: string;
const API = 'argoproj.io/v1alpha1';

function capture(): CommandIO & { text: () => string; errors: () => string } {
  let out = '';
  let err = '';
  return { out: (t) => void (out += t), err: (t) => void (err += t), env: {}, text: () => out, errors: () => err };
}

function appset(namespace: string, elements: Record<string, string>[]): KubeObject {
  return {
    apiVersion: API,
    kind: 'ApplicationSet',
    metadata: { name: 'preview', namespace },
    spec: {
      generators: [{ list: { elements } }],
      template: { metadata: { name: 'pv-{{env}}' }, spec: { project: 'default', source: { repoURL: 'https://example.com/r.git', path: 'envs/{{env}}' }, destination: { server: 'https://kubernetes.default.svc', namespace: '{{env}}' } } },
    },
  };
}

before(async () => {
  hub = await connectTestCluster();
  await installApplicationSetApi(hub, systemClock);
  ns = await createTestNamespace(hub, 'appset-preview');
  dir = mkdtempSync(join(tmpdir(), 'gantry-preview-'));
  const layout = dataLayout(dir);
  prepareDataDir(layout);
  // A data directory whose state names the test control plane as the hub, as `gantry up --kubeconfig` would.
  writeInstanceState(layout, { pid: process.pid, phase: 'running', startedAt: new Date().toISOString(), mode: 'external', clusters: [{ name: 'hub', server: '', kubeconfigPath: testKubeconfig() }], simulatedNodes: 0, processes: [] });
  await hub.api.apply({ apiVersion: API, kind: 'AppProject', metadata: { name: 'default', namespace: ns.name }, spec: { sourceRepos: ['*'] } }).catch(() => undefined);
});

after(async () => {
  await ns.cleanup();
  hub.close();
  rmSync(dir, { recursive: true, force: true });
});

test('gantry appset preview <file> lists the Applications it would create, change and delete', async () => {
  // Today: pv-dev at an older path and pv-old, both owned by the ApplicationSet.
  const live = await hub.api.apply(appset(ns.name, [{ env: 'dev' }]) as KubeObject);
  const owner = [{ apiVersion: API, kind: 'ApplicationSet', name: 'preview', uid: live.metadata.uid ?? '', controller: true }];
  for (const [name, path] of [['pv-dev', 'old/dev'], ['pv-old', 'envs/old']]) {
    await hub.api.apply({ apiVersion: API, kind: 'Application', metadata: { name, namespace: ns.name, ownerReferences: owner, finalizers: ['resources-finalizer.argocd.argoproj.io'] }, spec: { project: 'default', source: { repoURL: 'https://example.com/r.git', path }, destination: { server: 'https://kubernetes.default.svc', namespace: 'dev' } } });
  }
  const file = join(dir, 'appset.yaml');
  writeFileSync(file, stringify(appset(ns.name, [{ env: 'dev' }, { env: 'prod' }])));
  const io = capture();
  assert.equal(await runAppSet(['preview', file, '--data-dir', dir], io, systemClock), 0, io.errors());
  const text = io.text();
  assert.match(text, /1 to create, 1 to update, 0 unchanged, 1 to delete/);
  assert.match(text, /\+ pv-prod\s+create/);
  assert.match(text, /~ pv-dev\s+update\n\s+spec\.source\.path: "old\/dev" -> "envs\/dev"/);
  assert.match(text, /- pv-old\s+delete/);

  const yaml = capture();
  assert.equal(await runAppSet(['preview', file, '-o', 'yaml', '--data-dir', dir], yaml, systemClock), 0);
  assert.match(yaml.text(), /name: pv-prod/);
  for (const name of ['pv-dev', 'pv-old']) await hub.api.patch({ apiVersion: API, kind: 'Application', namespace: ns.name, name }, { metadata: { finalizers: [] } }, { type: 'merge' });
});
