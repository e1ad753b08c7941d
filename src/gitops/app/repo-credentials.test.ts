import { test } from 'node:test';
import assert from 'node:assert/strict';
import { credentialsFor, describeRepoSecretProblems, normalizeRepoUrl, parseRepoSecret, selectRepoSecret, type RepoCredentialEntry } from './repo-credentials.js';

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

test('every Git transport field of an Argo CD repository secret is read; booleans as Argo CD parses them', () => {
  const parsed = parseRepoSecret(
    secret('all', 'repository', {
      url: 'https://git.example/a.git',
      bearerToken: 'tok',
      tlsClientCertData: 'CERT',
      tlsClientCertKey: 'KEY',
      insecure: 'True',
      forceHttpBasicAuth: '1',
      proxy: 'http://proxy:3128',
      noProxy: '.internal',
      project: 'ignored-here',
    }),
  );
  assert.deepEqual(parsed?.credentials, { insecure: true, forceHttpBasicAuth: true, bearerToken: 'tok', tlsClientCertData: 'CERT', tlsClientCertKey: 'KEY', proxy: 'http://proxy:3128', noProxy: '.internal' });
  assert.equal(parsed?.problems, undefined);
  assert.equal(parseRepoSecret(secret('s', 'repository', { url: 'git@h:x', sshPrivateKey: 'K', insecureIgnoreHostKey: 'true' }))?.credentials?.insecure, true, 'the older SSH name means insecure too');
  assert.equal(parseRepoSecret(secret('f', 'repository', { url: 'https://h/x', insecure: 'false', forceHttpBasicAuth: 'F' }))?.credentials, undefined);
  assert.deepEqual(parseRepoSecret(secret('b', 'repository', { url: 'https://h/x', insecure: 'yes' }))?.problems, [{ field: 'insecure', reason: 'must be "true" or "false"' }]);
});

test('fields gantry cannot honour are problems naming the field, never ignored and never quoting a value', () => {
  const app = parseRepoSecret(secret('gh-app', 'repo-creds', { url: 'https://github.com/org', githubAppID: '1', githubAppInstallationID: '2', githubAppPrivateKey: 'PRIVATE-PEM' }));
  assert.deepEqual(app?.problems?.map((p) => p.field), ['githubAppID', 'githubAppInstallationID', 'githubAppPrivateKey']);
  const oci = parseRepoSecret(secret('oci', 'repository', { url: 'registry.example/charts', type: 'helm', enableOCI: 'true', username: 'u', password: 'p' }));
  assert.deepEqual(oci?.problems?.map((p) => p.field), ['enableOCI']);
  assert.equal(parseRepoSecret(secret('oci-off', 'repository', { url: 'https://charts.example', type: 'helm', enableOCI: 'false' }))?.problems, undefined);
  const helmTls = parseRepoSecret(secret('helm-tls', 'repository', { url: 'https://charts.example', type: 'helm', tlsClientCertData: 'C', tlsClientCertKey: 'K' }));
  assert.deepEqual(helmTls?.problems?.map((p) => p.field), ['tlsClientCertData', 'tlsClientCertKey'], 'a Helm repository would silently lose them');
  assert.deepEqual(parseRepoSecret(secret('lfs', 'repository', { url: 'https://h/x', enableLfs: 'true' }))?.problems?.map((p) => p.field), ['enableLfs']);
  assert.deepEqual(parseRepoSecret(secret('t', 'repository', { url: 'oci://h/x', type: 'oci' }))?.problems?.map((p) => p.field), ['type']);
  assert.deepEqual(parseRepoSecret(secret('half', 'repository', { url: 'https://h/x', tlsClientCertData: 'C' }))?.problems, [
    { field: 'tlsClientCertKey', reason: 'is missing: a TLS client certificate needs both tlsClientCertData and tlsClientCertKey' },
  ]);

  const message = describeRepoSecretProblems(app as RepoCredentialEntry, 'https://user:pw@github.com/org/app.git');
  assert.match(message, /^repository secret "gh-app" \(repo-creds\) for https:\/\/github\.com\/org\/app\.git cannot be used: githubAppID, githubAppInstallationID, githubAppPrivateKey: GitHub App authentication is not supported/);
  assert.ok(!message.includes('PRIVATE-PEM') && !message.includes('pw'), message);
});

test('selectRepoSecret: a secret with refused fields is selected (so it fails) rather than skipped for a weaker one', () => {
  const entries = [parseRepoSecret(secret('org', 'repo-creds', { url: 'https://github.com/', password: 'p' })), parseRepoSecret(secret('app', 'repo-creds', { url: 'https://github.com/org', githubAppID: '1' }))].filter(
    (e): e is RepoCredentialEntry => !!e,
  );
  assert.equal(selectRepoSecret('https://github.com/org/x', entries)?.name, 'app');
  assert.equal(selectRepoSecret('https://github.com/other/x', entries)?.name, 'org');
});

test('a repository secret with only settings keeps them and takes the template\'s credentials', () => {
  const entries = [
    parseRepoSecret(secret('tmpl', 'repo-creds', { url: 'https://git.example/', username: 'u', password: 'p', proxy: 'http://corp:3128' })),
    parseRepoSecret(secret('one', 'repository', { url: 'https://git.example/a', insecure: 'true', noProxy: 'git.example' })),
  ].filter((e): e is RepoCredentialEntry => !!e);
  assert.deepEqual(credentialsFor('https://git.example/a.git', entries), { username: 'u', password: 'p', proxy: 'http://corp:3128', insecure: true, noProxy: 'git.example' });
  assert.deepEqual(credentialsFor('https://git.example/b', entries), { username: 'u', password: 'p', proxy: 'http://corp:3128' });
});
