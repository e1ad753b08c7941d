import { test } from 'node:test';
import assert from 'node:assert/strict';
import { credentialsFor, normalizeRepoUrl, parseRepoSecret, type RepoCredentialEntry } from './repo-credentials.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const secret = (name: string, type: string, data: Record<string, string>): Parameters<typeof parseRepoSecret>[0] => ({
  metadata: { name, labels: { 'argocd.argoproj.io/secret-type': type } },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
});

test('repository secrets and credential templates parse as Argo CD defines them', () => {
  assert.deepEqual(parseRepoSecret(secret('r', 'repository', { url: 'https://git.example/a.git', username: 'u', password: 'p' })), {
    kind: 'repository', name: 'r', url: 'https://git.example/a.git', type: 'git', credentials: { username: 'u', password: 'p' },
  });
  assert.deepEqual(parseRepoSecret(secret('h', 'repo-creds', { url: 'https://charts.example', type: 'helm', password: 'token-only' }))?.credentials, { password: 'token-only' });
  assert.deepEqual(parseRepoSecret({ metadata: { name: 's', labels: { 'argocd.argoproj.io/secret-type': 'repository' } }, stringData: { url: 'git@host:x.git', sshPrivateKey: 'KEY' } })?.credentials, { sshPrivateKey: 'KEY' });
  assert.equal(parseRepoSecret(secret('n', 'repository', { url: 'https://public.example/x' }))?.credentials, undefined, 'a repository secret may carry no credentials');
  assert.equal(parseRepoSecret(secret('c', 'cluster', { url: 'https://x' })), undefined, 'cluster secrets are not repository secrets');
  assert.equal(parseRepoSecret(secret('e', 'repository', { username: 'u' })), undefined, 'no url: not usable');
});

test('credentialsFor: an exact repository secret first, else the longest matching credential template, URLs normalised', () => {
  const e = (kind: 'repository' | 'repo-creds', url: string, password?: string): RepoCredentialEntry => ({ kind, name: url, url, type: 'git', ...(password ? { credentials: { username: 'u', password } } : {}) });
  const entries = [
    e('repo-creds', 'https://git.example/', 'org-wide'),
    e('repo-creds', 'https://git.example/team', 'team'),
    e('repository', 'https://git.example/team/special.git', 'special'),
    e('repository', 'https://git.example/team/public'),
  ];
  assert.equal(normalizeRepoUrl('HTTPS://Git.Example/Team/App.git/'), 'https://git.example/team/app');
  assert.equal(credentialsFor('https://git.example/team/special', entries)?.password, 'special', 'exact match, .git ignored');
  assert.equal(credentialsFor('https://git.example/team/app.git', entries)?.password, 'team', 'the longest prefix wins');
  assert.equal(credentialsFor('https://git.example/other/app', entries)?.password, 'org-wide');
  assert.equal(credentialsFor('https://git.example/team/public', entries)?.password, 'team', 'a repository secret without credentials takes the template');
  assert.equal(credentialsFor('https://elsewhere.example/x', entries), undefined);
  assert.equal(credentialsFor('HTTPS://GIT.EXAMPLE/TEAM/SPECIAL.GIT', entries)?.password, 'special', 'matching ignores case');
});
