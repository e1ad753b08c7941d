import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../../core/index.js';
import type { Application, ApplicationSource } from '../app/types.js';
import type { AppRefresher, AppSetRefresher, TriggerGit } from './ports.js';
import { refreshFromWebhook } from './webhook-refresh.js';

function app(name: string, repoURL: string, targetRevision?: string): Application {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd' }, spec: { project: 'default', source: { repoURL, targetRevision }, destination: {} } } as Application;
}

test('a webhook push fetches the matching external repository once and refreshes only apps that follow the pushed ref', async () => {
  const apps = [
    app('main', 'https://github.com/acme/guestbook.git', 'main'),
    app('head', 'git@github.com:Acme/guestbook', 'HEAD'),
    app('dev', 'https://github.com/acme/guestbook', 'dev'),
    app('pinned', 'https://github.com/acme/guestbook', '0123456789abcdef0123456789abcdef01234567'),
    app('other', 'https://github.com/acme/other', 'main'),
  ];
  const fetched: string[] = [];
  const refreshed: string[] = [];
  const git: TriggerGit = { isHosted: () => false, fetch: async (url) => void fetched.push(url), resolveRevision: async () => 'x' };
  const refresher: AppRefresher = {
    applications: () => apps,
    refreshWhere(matches, select) {
      for (const a of apps) {
        const s = a.spec.source as ApplicationSource;
        if (matches(s.repoURL) && (select?.(s, a) ?? true)) refreshed.push(a.metadata.name);
      }
    },
  };
  const push = { provider: 'github' as const, repoUrls: ['https://github.com/Acme/Guestbook'], ref: 'refs/heads/main', defaultBranch: 'main' };
  const count = await refreshFromWebhook(push, { git, apps: refresher, log: silentLogger });
  assert.equal(count, 2);
  assert.deepEqual(refreshed, ['main', 'head']);
  assert.deepEqual(fetched.sort(), ['git@github.com:Acme/guestbook', 'https://github.com/acme/guestbook.git']);
});

test('a webhook push also refreshes the ApplicationSets whose git generators read the pushed repository', async () => {
  const sets = [
    { name: 'addons', repos: ['https://github.com/acme/platform.git'] },
    { name: 'matrix', repos: ['https://github.com/acme/other', 'git@github.com:acme/platform'] },
    { name: 'unrelated', repos: ['https://github.com/acme/other'] },
  ];
  const refreshedSets: string[] = [];
  const appsets: AppSetRefresher = { refreshWhere: (matches) => void refreshedSets.push(...sets.filter((s) => s.repos.some(matches)).map((s) => s.name)) };
  const git: TriggerGit = { isHosted: () => false, fetch: async () => undefined, resolveRevision: async () => 'x' };
  const apps: AppRefresher = { applications: () => [], refreshWhere: () => undefined };
  const push = { provider: 'github' as const, repoUrls: ['https://github.com/acme/platform'], ref: 'refs/heads/main', defaultBranch: 'main' };
  assert.equal(await refreshFromWebhook(push, { git, apps, appsets, log: silentLogger }), 0);
  assert.deepEqual(refreshedSets, ['addons', 'matrix']);
});
