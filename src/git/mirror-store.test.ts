import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GitCommandError } from './git-command.js';
import { classifyFetchError, parseLsRemote, withUrlCredentials } from './mirror-store.js';

const c = (n: number): string => String(n).repeat(40);

test('parseLsRemote reads the HEAD symref and unpeeled refs', () => {
  const out = [`ref: refs/heads/main\tHEAD`, `${c(1)}\tHEAD`, `${c(1)}\trefs/heads/main`, `${c(2)}\trefs/tags/v1`, `${c(3)}\trefs/tags/v1^{}`, ''].join('\n');
  assert.deepEqual(parseLsRemote(out), {
    headTarget: 'refs/heads/main',
    head: c(1),
    refs: new Map([
      ['refs/heads/main', c(1)],
      ['refs/tags/v1', c(2)],
    ]),
  });
  assert.deepEqual(parseLsRemote(''), { refs: new Map() });
});

const failure = (stderr: string): GitCommandError => new GitCommandError('git fetch failed', { exitCode: 128, stderr });

const classification: [string, string, RegExp][] = [
  ["fatal: Authentication failed for 'https://h/r.git/'", 'InputError', /^authentication failed: check the repository credentials/],
  ["fatal: could not read Username for 'https://h': terminal prompts disabled", 'InputError', /^authentication required: /],
  ['git@h: Permission denied (publickey).\nfatal: Could not read from remote repository.', 'InputError', /^authentication failed/],
  ['Host key verification failed.', 'InputError', /SSH host key/],
  ["remote: Repository not found.\nfatal: repository 'https://h/r.git/' not found", 'NotFoundError', /^no repository at this URL/],
  ["fatal: unable to access 'https://h/r.git/': Could not resolve host: h", 'TransientError', /^fetch failed: fatal: unable to access/],
  ['fatal: the remote end hung up unexpectedly', 'TransientError', /^fetch failed/],
  ["fatal: transport 'file' not allowed", 'InputError', /^gantry does not fetch over this URL's transport/],
  ["fatal: unable to access 'https://h/r.git/': server certificate verification failed. CAfile: /k/ca CRLfile: none", 'InputError', /^the server's TLS certificate is not trusted: add its CA .* argocd-tls-certs-cm .*insecure: "true"/],
  ["fatal: unable to access 'https://h/r.git/': SSL certificate problem: unable to get local issuer certificate", 'InputError', /^the server's TLS certificate is not trusted/],
  ["fatal: unable to access 'https://h/r.git/': GnuTLS recv error (-12): A TLS fatal alert has been received.", 'InputError', /^the server ended the TLS handshake: it may require a client certificate/],
  ["fatal: unable to access 'https://h/r.git/': OpenSSL SSL_read: error:0A00045C:SSL routines::tlsv13 alert certificate required", 'InputError', /tlsClientCertData and tlsClientCertKey/],
  ["fatal: unable to access 'https://h/r.git/': Received HTTP code 407 from proxy after CONNECT", 'TransientError', /^the repository's proxy failed: check the proxy and noProxy fields/],
  ['No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\nHost key verification failed.', 'InputError', /argocd-ssh-known-hosts-cm/],
];

for (const [stderr, name, message] of classification) {
  test(`classifyFetchError: ${stderr.split('\n')[0]}`, () => {
    const error = classifyFetchError(failure(stderr));
    assert.equal(error.name, name);
    assert.match(error.message, message);
    assert.ok(!error.message.includes('\n'), 'one line');
  });
}

test('classifyFetchError treats unknown failures as transient', () => {
  assert.equal(classifyFetchError(new Error('boom')).name, 'TransientError');
});

test('withUrlCredentials: a lookup that gives only transport settings keeps the user and password the URL carries', () => {
  const fromUrl = { username: 'ci', password: 'p' };
  assert.deepEqual(withUrlCredentials({ tlsCaData: 'CA' }, fromUrl), { username: 'ci', password: 'p', tlsCaData: 'CA' });
  assert.deepEqual(withUrlCredentials({ password: 'q', proxy: 'http://p' }, fromUrl), { password: 'q', proxy: 'http://p' }, 'secret credentials win whole');
  assert.deepEqual(withUrlCredentials({ bearerToken: 't' }, fromUrl), { bearerToken: 't' });
  assert.equal(withUrlCredentials(undefined, fromUrl), fromUrl);
  assert.equal(withUrlCredentials(undefined, undefined), undefined);
});
