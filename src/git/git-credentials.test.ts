import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { credentialEnvironment, installAskPass, prepareCredentials, shellQuote } from './git-credentials.js';

const run = promisify(execFile);

async function paths(t: { after: (fn: () => Promise<void>) => void }): Promise<{ askPass: string; keyDir: string; knownHosts: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gantry-creds-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return { askPass: await installAskPass(join(dir, 'helper')), keyDir: join(dir, 'keys'), knownHosts: join(dir, "it's known") };
}

test('without credentials nothing can prompt', async (t) => {
  const setup = await prepareCredentials(undefined, await paths(t));
  assert.equal(setup.env.GIT_ASKPASS, '');
  assert.match(setup.env.GIT_SSH_COMMAND ?? '', /^ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile='.*it'\\''s known'$/);
  assert.deepEqual(setup.configArgs, []);
  assert.deepEqual(setup.secrets, []);
});

test('a password is answered by the askpass helper from the environment, never stored', async (t) => {
  const p = await paths(t);
  const setup = await prepareCredentials({ username: 'ci', password: "pa ss'word" }, p);
  assert.deepEqual(setup.configArgs, ['-c', 'credential.helper=']);
  assert.deepEqual(setup.secrets, ["pa ss'word"]);
  assert.equal(setup.env.GIT_ASKPASS, p.askPass);
  const ask = async (prompt: string): Promise<string> => (await run(p.askPass, [prompt], { env: setup.env })).stdout;
  assert.equal(await ask("Username for 'https://h.com': "), 'ci\n');
  assert.equal(await ask("Password for 'https://ci@h.com': "), "pa ss'word\n");
  const noUser = await prepareCredentials({ password: 'tok' }, p);
  assert.equal(noUser.env.GANTRY_GIT_USERNAME, 'git', 'a token without a user name still gets one');
});

test('an SSH key goes to a private file for one command and is removed by cleanup', async (t) => {
  const p = await paths(t);
  const setup = await prepareCredentials({ sshPrivateKey: '-----BEGIN KEY-----\nabc\n-----END KEY-----' }, p);
  const [file] = await readdir(p.keyDir);
  assert.ok(file);
  assert.equal((await stat(join(p.keyDir, file))).mode & 0o777, 0o600);
  assert.ok(setup.env.GIT_SSH_COMMAND?.includes(`-i ${shellQuote(join(p.keyDir, file))} -o IdentitiesOnly=yes`));
  await setup.cleanup();
  assert.deepEqual(await readdir(p.keyDir), []);
});

const helperPaths = { askPass: '/h/askpass.sh', keyDir: '/h/keys', knownHosts: '/h/known_hosts' };

test('a bearer token travels as an Authorization header named by --config-env, never on the command line', () => {
  const setup = credentialEnvironment({ username: 'u', password: 'pw-unused', bearerToken: 'bbdc-token-1' }, {}, helperPaths);
  assert.deepEqual(setup.configArgs, ['-c', 'credential.helper=', '--config-env=http.extraHeader=GANTRY_GIT_BEARER_HEADER']);
  assert.equal(setup.env.GANTRY_GIT_BEARER_HEADER, 'Authorization: Bearer bbdc-token-1');
  assert.equal(setup.env.GIT_ASKPASS, '', 'the bearer token wins over username/password, as in Argo CD');
  assert.ok(setup.secrets.includes('bbdc-token-1'));
  assert.ok(!setup.configArgs.join(' ').includes('bbdc-token-1'));
});

test('forceHttpBasicAuth sends basic credentials up front through a header; the encoded form is a secret too', () => {
  const setup = credentialEnvironment({ username: 'ci', password: 's3cret', forceHttpBasicAuth: true }, {}, helperPaths);
  const encoded = Buffer.from('ci:s3cret').toString('base64');
  assert.equal(setup.env.GANTRY_GIT_BASIC_HEADER, `Authorization: Basic ${encoded}`);
  assert.ok(setup.configArgs.includes('--config-env=http.extraHeader=GANTRY_GIT_BASIC_HEADER'));
  assert.equal(setup.env.GIT_ASKPASS, '/h/askpass.sh', 'askpass still answers a challenge');
  assert.deepEqual(setup.secrets, ['s3cret', encoded]);
  const plain = credentialEnvironment({ username: 'ci', password: 's3cret' }, {}, helperPaths);
  assert.equal(plain.env.GANTRY_GIT_BASIC_HEADER, undefined, 'without the flag git waits for the 401 challenge');
});

test('TLS: client certificate and CA bundle by file, insecure skips verification', () => {
  const files = { clientCert: '/k/cert', clientKey: '/k/key', caBundle: '/k/ca' };
  const setup = credentialEnvironment({ tlsClientCertData: 'C', tlsClientCertKey: 'PRIVATE-KEY', tlsCaData: 'CA' }, files, helperPaths);
  assert.equal(setup.env.GIT_SSL_CERT, '/k/cert');
  assert.equal(setup.env.GIT_SSL_KEY, '/k/key');
  assert.equal(setup.env.GIT_SSL_CAINFO, '/k/ca');
  assert.equal(setup.env.GIT_SSL_NO_VERIFY, undefined);
  assert.deepEqual(setup.secrets, ['PRIVATE-KEY']);
  assert.equal(credentialEnvironment({ insecure: true }, {}, helperPaths).env.GIT_SSL_NO_VERIFY, 'true');
});

test('a proxy for one repository goes through --config-env; noProxy replaces any inherited NO_PROXY', () => {
  const setup = credentialEnvironment({ proxy: 'http://user:pr0xy-pw@proxy.local:3128', noProxy: 'internal.example.com' }, {}, helperPaths);
  assert.ok(setup.configArgs.includes('--config-env=http.proxy=GANTRY_GIT_PROXY'));
  assert.equal(setup.env.GANTRY_GIT_PROXY, 'http://user:pr0xy-pw@proxy.local:3128');
  assert.equal(setup.env.NO_PROXY, 'internal.example.com');
  assert.equal(setup.env.no_proxy, 'internal.example.com');
  assert.deepEqual(setup.secrets, ['pr0xy-pw']);
  const bare = credentialEnvironment({ proxy: 'http://proxy.local:3128' }, {}, helperPaths);
  assert.equal(bare.env.NO_PROXY, '', 'a repository proxy is not bypassed by the process NO_PROXY');
  assert.equal(credentialEnvironment({ username: 'u', password: 'p' }, {}, helperPaths).env.GANTRY_GIT_PROXY, undefined);
});

test('SSH host keys: trusted on first use by default, strictly against given known hosts, not at all when insecure', () => {
  const tofu = credentialEnvironment({ sshPrivateKey: 'K' }, { sshKey: '/k/id' }, helperPaths).env.GIT_SSH_COMMAND;
  assert.equal(tofu, "ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile='/h/known_hosts' -i '/k/id' -o IdentitiesOnly=yes");
  const strict = credentialEnvironment({ sshPrivateKey: 'K', sshKnownHosts: 'h ssh-ed25519 AAA' }, { sshKey: '/k/id', knownHosts: '/k/kh' }, helperPaths).env.GIT_SSH_COMMAND;
  assert.match(strict ?? '', /-o StrictHostKeyChecking=yes -o UserKnownHostsFile='\/k\/kh'/);
  const insecure = credentialEnvironment({ sshPrivateKey: 'K', insecure: true, sshKnownHosts: 'x' }, { sshKey: '/k/id', knownHosts: '/k/kh' }, helperPaths).env.GIT_SSH_COMMAND;
  assert.match(insecure ?? '', /-o StrictHostKeyChecking=no -o UserKnownHostsFile=\/dev\/null/);
});

test('every file written for a command (key, client certificate and key, CA, known hosts) is 0600 and removed by cleanup', async (t) => {
  const p = await paths(t);
  const setup = await prepareCredentials(
    { sshPrivateKey: 'K', tlsClientCertData: 'CERT', tlsClientCertKey: 'KEY', tlsCaData: 'CA', sshKnownHosts: 'KH' },
    p,
  );
  const files = await readdir(p.keyDir);
  assert.equal(files.length, 5);
  for (const f of files) assert.equal((await stat(join(p.keyDir, f))).mode & 0o777, 0o600);
  assert.equal(await readFile(setup.env.GIT_SSL_KEY ?? '', 'utf8'), 'KEY\n');
  assert.equal(await readFile(setup.env.GIT_SSL_CAINFO ?? '', 'utf8'), 'CA\n');
  await setup.cleanup();
  assert.deepEqual(await readdir(p.keyDir), []);
  const certOnly = await prepareCredentials({ tlsClientCertData: 'CERT' }, p);
  assert.equal(certOnly.env.GIT_SSL_CERT, undefined, 'a certificate without its key is not used');
  await certOnly.cleanup();
});
