import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpsServerName, isSshUrl, readRepoServerTrust, serverTrustFor } from './repo-trust.js';

const configMaps: { metadata: { name: string }; data: Record<string, string> }[] = [
  { metadata: { name: 'argocd-tls-certs-cm' }, data: { 'git.example.com': 'PEM-A', '127.0.0.1': 'PEM-LOCAL' } },
  { metadata: { name: 'argocd-ssh-known-hosts-cm' }, data: { ssh_known_hosts: 'git.example.com ssh-ed25519 AAAA\n' } },
  { metadata: { name: 'argocd-cm' }, data: { 'git.example.com': 'not a certificate store' } },
];

test('the CA for an HTTPS repository comes from argocd-tls-certs-cm under its host name, port ignored', () => {
  const trust = readRepoServerTrust(configMaps);
  assert.deepEqual(serverTrustFor('https://git.example.com/org/app.git', trust), { tlsCaData: 'PEM-A' });
  assert.deepEqual(serverTrustFor('https://GIT.example.com:8443/org/app.git', trust), { tlsCaData: 'PEM-A' });
  assert.deepEqual(serverTrustFor('https://127.0.0.1:4443/git/x.git', trust), { tlsCaData: 'PEM-LOCAL' });
  assert.deepEqual(serverTrustFor('https://other.example.com/x', trust), {});
  assert.deepEqual(serverTrustFor('http://git.example.com/x', trust), {}, 'plain http has no TLS to trust');
});

test('SSH repositories get the whole known_hosts of argocd-ssh-known-hosts-cm, and nothing when it is absent', () => {
  const trust = readRepoServerTrust(configMaps);
  for (const url of ['ssh://git@git.example.com/org/app.git', 'git@git.example.com:org/app.git', 'git+ssh://git@h/x']) {
    assert.deepEqual(serverTrustFor(url, trust), { sshKnownHosts: 'git.example.com ssh-ed25519 AAAA\n' }, url);
  }
  assert.deepEqual(serverTrustFor('git@git.example.com:org/app.git', readRepoServerTrust([])), {});
  assert.deepEqual(readRepoServerTrust([]), { tlsCerts: {} });
  assert.deepEqual(readRepoServerTrust([{ metadata: { name: 'argocd-ssh-known-hosts-cm' }, data: { ssh_known_hosts: '' } }]).sshKnownHosts, '', 'an empty list trusts no host, as in Argo CD');
});

test('URL classification', () => {
  assert.equal(isSshUrl('https://user@host/x'), false);
  assert.equal(isSshUrl('user@host:org/x.git'), true);
  assert.equal(httpsServerName('https://Host.Example:443/x'), 'host.example');
  assert.equal(httpsServerName('git@h:x'), undefined);
});
