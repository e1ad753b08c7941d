import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Application } from '../app/types.js';
import { externalRevisions, gitSourcesOf, nextPollDelayMs, revisionKey, sourceMoved } from './sources.js';

function app(name: string, source: Record<string, unknown>, revision?: string): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: { project: 'default', source: source as never, destination: { name: 'in-cluster', namespace: 'x' } },
    ...(revision ? { status: { sync: { status: 'Synced', revision } } } : {}),
  } as Application;
}

const ext = 'https://example.com/org/apps.git';
const hosted = 'http://127.0.0.1:16442/git/apps.git';
const isHosted = (url: string): boolean => url.startsWith('http://127.0.0.1:16442/git/');

test('a poll looks at each external repository once with every revision its apps follow; hosted repos and charts are left out', () => {
  const apps = [
    app('a', { repoURL: ext, path: 'a', targetRevision: 'main' }),
    app('b', { repoURL: ext, path: 'b', targetRevision: 'main' }),
    app('c', { repoURL: ext, path: 'c' }),
    app('d', { repoURL: hosted, path: 'd', targetRevision: 'main' }),
    app('e', { repoURL: 'https://charts.example.com', chart: 'nginx', targetRevision: '1.0.0' }),
  ];
  assert.deepEqual([...externalRevisions(apps, isHosted)].map(([url, revs]) => [url, [...revs]]), [[ext, ['main', 'HEAD']]]);
});

test('only apps whose revision now resolves to another commit moved; unresolved revisions are left to the app', () => {
  const resolved = new Map([[revisionKey(ext, 'main'), 'c2']]);
  const moved = (a: Application): boolean => gitSourcesOf(a).some((s) => sourceMoved(s, resolved));
  assert.equal(moved(app('same', { repoURL: ext, targetRevision: 'main' }, 'c2')), false);
  assert.equal(moved(app('old', { repoURL: ext, targetRevision: 'main' }, 'c1')), true);
  assert.equal(moved(app('new', { repoURL: ext, targetRevision: 'main' })), true);
  assert.equal(moved(app('other-branch', { repoURL: ext, targetRevision: 'dev' }, 'c1')), false);
  const multi = { ...app('multi', {}), spec: { project: 'default', destination: {}, sources: [{ repoURL: ext, targetRevision: 'main' }, { repoURL: 'https://charts', chart: 'x' }] }, status: { sync: { status: 'Synced', revisions: ['c2', '1.0.0'] } } } as unknown as Application;
  assert.equal(gitSourcesOf(multi).length, 1);
  assert.equal(moved(multi), false);
});

test('the poll interval is spread by at most 10% either way', () => {
  assert.equal(nextPollDelayMs(180_000, 0), 162_000);
  assert.equal(nextPollDelayMs(180_000, 0.5), 180_000);
  assert.equal(nextPollDelayMs(180_000, 0.999999), 198_000);
  assert.equal(nextPollDelayMs(1000, 7), 1100);
});
