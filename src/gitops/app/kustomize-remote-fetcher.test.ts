// The Kustomize fetcher reads remote targets through the app's SourceReader (ref resolved, whole
// repository read) and charts through the Helm repository client; both are small fakes of our ports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HelmRepositoryClient } from '../../helmrepo/index.js';
import { parseRemoteTarget, type RemoteTarget } from '../../render/index.js';
import { createKustomizeRemoteFetcher } from './kustomize-remote-fetcher.js';
import type { SourceReader } from './ports.js';

function target(url: string): RemoteTarget {
  const parsed = parseRemoteTarget(url);
  assert.ok(parsed.ok);
  return parsed.value;
}

test('kustomize remote fetcher: resolves the ref (HEAD when none) and reads the whole repository at that commit', async () => {
  const calls: string[] = [];
  const reader: SourceReader = {
    resolveRevision: (repoURL, rev) => (calls.push(`resolve ${repoURL} ${rev}`), Promise.resolve(rev === 'v1' ? 'a'.repeat(40) : 'b'.repeat(40))),
    readFiles: (repoURL, commit, path) => (calls.push(`read ${repoURL} ${commit.slice(0, 1)} ${path}`), Promise.resolve(new Map([['base/k.yaml', Buffer.from('x')]]))),
  };
  const fetcher = createKustomizeRemoteFetcher({ reader });
  const files = await fetcher.fetchRepository(target('http://127.0.0.1:1/git/base.git//base?ref=v1'));
  await fetcher.fetchRepository(target('http://127.0.0.1:1/git/base.git//base'));
  assert.deepEqual([...files.keys()], ['base/k.yaml']);
  assert.deepEqual(calls, [
    'resolve http://127.0.0.1:1/git/base.git v1',
    'read http://127.0.0.1:1/git/base.git a .',
    'resolve http://127.0.0.1:1/git/base.git HEAD',
    'read http://127.0.0.1:1/git/base.git b .',
  ]);
});

test('kustomize remote fetcher: charts come from the Helm repository client, any version when none is given', async () => {
  const asked: string[] = [];
  const helmRepos = {
    fetchChart: (r: { repoURL: string; chart: string; version: string }) => (asked.push(`${r.repoURL} ${r.chart} ${r.version}`), Promise.resolve({ name: r.chart, version: '1.0.0', digest: '', files: new Map([['web/Chart.yaml', Buffer.from('')]]), cached: false })),
    resolveVersion: () => Promise.reject(new Error('unused')),
  } as unknown as HelmRepositoryClient;
  const reader: SourceReader = { resolveRevision: () => Promise.reject(new Error('unused')), readFiles: () => Promise.reject(new Error('unused')) };
  const fetcher = createKustomizeRemoteFetcher({ reader, helmRepos });
  const files = await fetcher.fetchChart?.({ repo: 'https://charts.example.com', name: 'web', version: '' });
  await fetcher.fetchChart?.({ repo: 'https://charts.example.com', name: 'web', version: '1.2.3' });
  assert.deepEqual([...(files?.keys() ?? [])], ['web/Chart.yaml']);
  assert.deepEqual(asked, ['https://charts.example.com web *', 'https://charts.example.com web 1.2.3']);
  await assert.rejects(createKustomizeRemoteFetcher({ reader }).fetchChart?.({ repo: 'https://x', name: 'web', version: '' }) ?? Promise.resolve(), /Helm repositories are not configured/);
});
