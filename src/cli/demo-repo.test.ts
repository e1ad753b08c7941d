import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { demoRepoFiles, demoRootApplication } from './demo-repo.js';

const url = 'http://127.0.0.1:16442/git/demo.git';

interface Doc {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: { source?: { repoURL: string; path: string; targetRevision: string }; destination?: { name: string; namespace: string } };
}

test('the demo repository: an Application per app and cluster under apps/, each pointing at a folder of the same repository', () => {
  const files = demoRepoFiles(url, ['dev', 'prod']);
  const apps = Object.entries(files)
    .filter(([path]) => path.startsWith('apps/'))
    .map(([, text]) => parseAllDocuments(text)[0]?.toJS() as Doc);
  assert.deepEqual(apps.map((a) => `${a.metadata.name} ${a.spec.source?.path} -> ${a.spec.destination?.name}/${a.spec.destination?.namespace}`).sort(), [
    'guestbook-dev guestbook -> dev/guestbook',
    'guestbook-hub guestbook -> in-cluster/guestbook',
    'guestbook-prod guestbook -> prod/guestbook',
    'hello-dev hello -> dev/hello',
    'hello-prod hello -> prod/hello',
  ]);
  for (const app of apps) {
    assert.equal(app.kind, 'Application');
    assert.equal(app.metadata.namespace, 'argocd');
    assert.equal(app.spec.source?.repoURL, url);
    assert.ok(files[`${app.spec.source?.path}/${app.spec.source?.path === 'guestbook' ? 'frontend' : 'deployment'}.yaml`], 'the folder exists');
  }
  const kinds = Object.entries(files)
    .filter(([path]) => path.endsWith('.yaml') && !path.startsWith('apps/'))
    .flatMap(([, text]) => parseAllDocuments(text).map((d) => `${(d.toJS() as Doc).kind}/${(d.toJS() as Doc).metadata.name}`));
  assert.deepEqual(kinds.sort(), ['ConfigMap/hello', 'Deployment/frontend', 'Deployment/hello', 'Deployment/redis', 'Service/frontend', 'Service/redis']);
});

test('without spokes the demo deploys everything to the hub; the root app syncs apps/ into argocd', () => {
  const names = Object.keys(demoRepoFiles(url, [])).filter((p) => p.startsWith('apps/'));
  assert.deepEqual(names.sort(), ['apps/guestbook-hub.yaml', 'apps/hello-hub.yaml']);
  const root = parseAllDocuments(demoRootApplication(url))[0]?.toJS() as Doc;
  assert.deepEqual([root.metadata.name, root.metadata.namespace, root.spec.source?.path, root.spec.destination?.name, root.spec.destination?.namespace], ['demo', 'argocd', 'apps', 'in-cluster', 'argocd']);
});
