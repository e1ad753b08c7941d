import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GitCredentials, GitReader } from '../../git/index.js';
import { InputError } from '../../core/index.js';
import { gitReaderWithCredentials, resolveRepoAccess } from './repo-credential-lookup.js';
import { parseRepoSecret, type RepoCredentialEntry } from './repo-credentials.js';

/** A GitReader port that records which credentials each call received. */
function recordingReader(calls: { op: string; url: string; credentials?: GitCredentials }[]): GitReader {
  return {
    resolveRevision: (url, _rev, credentials) => (calls.push({ op: 'resolve', url, credentials }), Promise.resolve('a'.repeat(40))),
    readFiles: (url, _c, _p, credentials) => (calls.push({ op: 'read', url, credentials }), Promise.resolve(new Map())),
    fetch: (url, credentials) => (calls.push({ op: 'fetch', url, credentials }), Promise.resolve()),
    isHosted: (url) => url.startsWith('http://127.0.0.1/git/'),
    close: () => Promise.resolve(),
  };
}

test('pollers, webhooks and generators fetch external repositories with the repository secret credentials; a caller\'s own win; hosted ones need none', async () => {
  const calls: { op: string; url: string; credentials?: GitCredentials }[] = [];
  const looked: string[] = [];
  const reader = gitReaderWithCredentials(recordingReader(calls), (url) => {
    looked.push(url);
    return Promise.resolve(url.includes('private') ? { username: 'bot', password: 'tok' } : undefined);
  });
  await reader.fetch('https://git.example.com/private/repo.git');
  await reader.resolveRevision('https://git.example.com/private/repo.git', 'main');
  await reader.readFiles('https://git.example.com/private/repo.git', 'a'.repeat(40), 'apps');
  await reader.fetch('https://git.example.com/private/repo.git', { username: 'other', password: 'x' });
  await reader.fetch('https://git.example.com/public/repo.git');
  await reader.resolveRevision('http://127.0.0.1/git/demo.git', 'main');
  assert.deepEqual(calls.map((c) => [c.op, c.credentials?.username]), [
    ['fetch', 'bot'],
    ['resolve', 'bot'],
    ['read', 'bot'],
    ['fetch', 'other'],
    ['fetch', undefined],
    ['resolve', undefined],
  ]);
  assert.ok(!looked.includes('http://127.0.0.1/git/demo.git'));
  assert.equal(reader.isHosted('http://127.0.0.1/git/demo.git'), true);
});

const entry = (data: Record<string, string>): RepoCredentialEntry => {
  const parsed = parseRepoSecret({ metadata: { name: 'repo', labels: { 'argocd.argoproj.io/secret-type': 'repository' } }, stringData: data });
  if (!parsed) throw new Error('not a repository secret');
  return parsed;
};

test('resolveRepoAccess: the secret\'s credentials plus the server\'s CA or known hosts; a refused field is an InputError naming it', () => {
  const trust = { tlsCerts: { 'git.example.com': 'PEM' }, sshKnownHosts: 'h ssh-ed25519 AAAA' };
  assert.deepEqual(resolveRepoAccess('https://git.example.com/a', [entry({ url: 'https://git.example.com/a', bearerToken: 't' })], trust), { tlsCaData: 'PEM', bearerToken: 't' });
  assert.deepEqual(resolveRepoAccess('https://git.example.com/public', [], trust), { tlsCaData: 'PEM' }, 'a public repository on a private CA');
  assert.deepEqual(resolveRepoAccess('git@h:x.git', [entry({ url: 'git@h:x.git', sshPrivateKey: 'K' })], trust), { sshKnownHosts: 'h ssh-ed25519 AAAA', sshPrivateKey: 'K' });
  assert.equal(resolveRepoAccess('https://elsewhere/x', [], { tlsCerts: {} }), undefined);
  assert.throws(
    () => resolveRepoAccess('https://charts.example/x', [entry({ url: 'https://charts.example/x', type: 'helm', enableOCI: 'true', password: 'hunter22' })], trust),
    (e: unknown) => e instanceof InputError && /repository secret "repo" \(repository\) for https:\/\/charts\.example\/x cannot be used: enableOCI: OCI Helm repositories are not supported/.test(e.message) && !e.message.includes('hunter22'),
  );
});
