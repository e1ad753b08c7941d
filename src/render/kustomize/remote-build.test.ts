// Builds with remote targets: fetched first through a RemoteFetcher (a small fake of our own
// port), then built as nested roots with the same rules as local ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prefetchRemoteSources, type RemoteFetcher } from './remote-sources.js';
import type { RemoteTarget } from './remote-url.js';
import { renderKustomization } from './render-kustomization.js';

const tree = (files: Record<string, string>): Map<string, Buffer> => new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]));
const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n`;

const REPOS: Record<string, Map<string, Buffer>> = {
  'https://git.example.com/org/base.git@v1': tree({
    'deploy/kustomization.yaml': 'resources:\n- cm.yaml\n- ../common\n- https://git.example.com/org/shared//lib?ref=v2\n',
    'deploy/cm.yaml': cm('base'),
    'common/kustomization.yaml': 'resources:\n- common.yaml\n',
    'common/common.yaml': cm('common'),
    'escape/kustomization.yaml': 'resources:\n- ../../outside\n',
  }),
  'https://git.example.com/org/shared@v2': tree({ 'lib/kustomization.yaml': 'namePrefix: lib-\nresources:\n- x.yaml\n', 'lib/x.yaml': cm('x') }),
  'https://git.example.com/org/loop@': tree({ 'kustomization.yaml': 'resources:\n- https://git.example.com/org/loop\n' }),
};

function fakeFetcher(): RemoteFetcher & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fetchRepository(t: RemoteTarget): Promise<ReadonlyMap<string, Buffer>> {
      const key = `${t.repoURL}@${t.ref}`;
      asked.push(key);
      const repo = REPOS[key];
      return repo ? Promise.resolve(repo) : Promise.reject(new Error(`no repository ${key}`));
    },
  };
}

test('remote build: a remote base at a tag, its ../ directories and a remote it references in turn', async () => {
  const files = tree({ 'overlays/prod/kustomization.yaml': 'namePrefix: prod-\nresources:\n- https://git.example.com/org/base.git//deploy?ref=v1\n- local.yaml\n', 'overlays/prod/local.yaml': cm('local') });
  const fetcher = fakeFetcher();
  const remote = await prefetchRemoteSources(files, { path: 'overlays/prod', fetcher });
  assert.deepEqual(fetcher.asked.sort(), ['https://git.example.com/org/base.git@v1', 'https://git.example.com/org/shared@v2']);
  const names = renderKustomization(files, { path: 'overlays/prod', remote }).objects.map((o) => (o['metadata'] as { name: string }).name);
  assert.deepEqual(names, ['prod-base', 'prod-common', 'prod-lib-x', 'prod-local']);
});

test('remote build: without remote sources, or not fetched, the error names the kustomization, the field and the URL', () => {
  const files = tree({ 'app/kustomization.yaml': 'resources:\n- github.com/org/repo//base?ref=v1\n' });
  assert.throws(() => renderKustomization(files, { path: 'app' }), /\/app\/kustomization\.yaml: resources\[0\]: 'github\.com\/org\/repo\/\/base\?ref=v1': remote target .* no remote sources/);
  assert.throws(() => renderKustomization(files, { path: 'app', remote: { repository: () => undefined } }), /repository https:\/\/github\.com\/org\/repo at v1 was not fetched/);
});

test('remote build: a base leaving the remote repository and a repository including itself are refused', async () => {
  const escape = tree({ 'kustomization.yaml': 'resources:\n- https://git.example.com/org/base.git//escape?ref=v1\n' });
  const r1 = await prefetchRemoteSources(escape, { path: '.', fetcher: fakeFetcher() });
  assert.throws(() => renderKustomization(escape, { path: '.', remote: r1 }), /security; base '\.\.\/\.\.\/outside' of '\/escape' is outside the repository https:\/\/git\.example\.com\/org\/base\.git at v1/);
  const loop = tree({ 'kustomization.yaml': 'resources:\n- https://git.example.com/org/loop\n' });
  const r2 = await prefetchRemoteSources(loop, { path: '.', fetcher: fakeFetcher() });
  assert.throws(() => renderKustomization(loop, { path: '.', remote: r2 }), /cycle detected: remote target 'https:\/\/git\.example\.com\/org\/loop' includes itself/);
});

test('remote build: a fetch failure names the remote target', async () => {
  const files = tree({ 'kustomization.yaml': 'resources:\n- https://git.example.com/org/missing//x?ref=v9\n' });
  await assert.rejects(prefetchRemoteSources(files, { path: '.', fetcher: fakeFetcher() }), /fetch remote target 'https:\/\/git\.example\.com\/org\/missing\/\/x\?ref=v9': no repository/);
});
