import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../core/index.js';
import { createIsolatedReader, createTransportDir, seedExternalRepo, type IsolatedReader, type TestContext } from './transport-rig.js';

// Git over SSH with an Argo CD repository secret's sshPrivateKey, host keys checked against
// known hosts (argocd-ssh-known-hosts-cm) or ignored (insecure), against a real OpenSSH server run
// on a loopback port from a temporary folder with its own host key and authorized_keys.

const run = promisify(execFile);
const SSHD_CANDIDATES = ['/usr/sbin/sshd', '/usr/bin/sshd', '/usr/local/sbin/sshd'];

async function findSshd(): Promise<string | undefined> {
  for (const path of SSHD_CANDIDATES) {
    try {
      await access(path);
      return path;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function keygen(path: string): Promise<{ privateKey: string; publicKey: string }> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'gantry-test', '-f', path]);
  return { privateKey: await readFile(path, 'utf8'), publicKey: (await readFile(`${path}.pub`, 'utf8')).trim() };
}

/** Starts sshd in the foreground on 127.0.0.1:`port` with only the files under `dir`; resolves once it accepts connections. */
async function startSshd(t: TestContext, sshd: string, dir: string, port: number): Promise<ChildProcess> {
  const config = [
    `ListenAddress 127.0.0.1:${port}`,
    `HostKey ${join(dir, 'host_key')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password',
    'StrictModes no',
    'UsePAM no',
    `AllowUsers ${userInfo().username}`,
  ];
  await writeFile(join(dir, 'sshd_config'), `${config.join('\n')}\n`);
  // Privilege separation needs this folder when sshd runs as root (the package creates it at boot).
  if (process.getuid?.() === 0) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const child = spawn(sshd, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  t.after(() => {
    child.kill('SIGTERM');
  });
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited: ${stderr}`);
    if (/Server listening/.test(stderr)) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not start listening: ${stderr}`);
}

interface Fixture extends IsolatedReader {
  url: string;
  main: string;
  clientKey: string;
  knownHosts: string;
}

/** An sshd serving repository `ext` to a client key, and an isolated reader; undefined (the test skipped) where sshd is not installed. */
async function fixture(t: TestContext): Promise<Fixture | undefined> {
  const sshd = await findSshd();
  if (!sshd) {
    t.skip('sshd is not installed (Debian/Ubuntu: apt-get install -y openssh-server): the SSH repository test cannot run');
    return undefined;
  }
  const at = await createTransportDir(t, 'gantry-git-ssh');
  const { dir } = at;
  const host = await keygen(join(dir, 'host_key'));
  const client = await keygen(join(dir, 'client_key'));
  await writeFile(join(dir, 'authorized_keys'), `${client.publicKey}\n`, { mode: 0o600 });
  const port = await freePort();
  await startSshd(t, sshd, dir, port);
  const { remote, main } = await seedExternalRepo(at, { 'app.yaml': 'kind: ConfigMap\n' });
  const [type, key] = host.publicKey.split(' ');
  return {
    ...createIsolatedReader(t, at),
    url: `ssh://${userInfo().username}@127.0.0.1:${port}${remote.pathOf('ext')}`,
    main,
    clientKey: client.privateKey,
    knownHosts: `[127.0.0.1]:${port} ${type} ${key}\n`,
  };
}

/** The base64 body of a private key: what must never appear in an error, a log or the cache. */
const keyBody = (pem: string): string => pem.split('\n').slice(1, -2).join('');

test('ssh: a private key with host keys checked against the given known hosts, or ignored when insecure', async (t) => {
  const f = await fixture(t);
  if (!f) return;
  assert.equal(await f.reader.resolveRevision(f.url, 'main', { sshPrivateKey: f.clientKey, sshKnownHosts: f.knownHosts }), f.main);
  assert.deepEqual(await readdir(f.keyDir), [], 'the key and known hosts files are removed after use');

  const strangerHost = (await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(f.cacheDir, 'stranger')]), (await readFile(join(f.cacheDir, 'stranger.pub'), 'utf8')).split(' '));
  const wrongKnownHosts = `${f.knownHosts.split(' ')[0]} ${strangerHost[0]} ${strangerHost[1]}\n`;
  await assert.rejects(f.reader.fetch(f.url, { sshPrivateKey: f.clientKey, sshKnownHosts: wrongKnownHosts }), (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.match(e.message, /SSH host key is not trusted: add it to .*argocd-ssh-known-hosts-cm/);
    assert.ok(!String(e.stack).includes(keyBody(f.clientKey)));
    return true;
  });
  await f.reader.fetch(f.url, { sshPrivateKey: f.clientKey, sshKnownHosts: wrongKnownHosts, insecure: true });

  const other = await keygen(join(f.cacheDir, 'other_client'));
  await assert.rejects(f.reader.fetch(f.url, { sshPrivateKey: other.privateKey, sshKnownHosts: f.knownHosts }), (e: unknown) => {
    assert.ok(e instanceof InputError && /authentication failed/.test(e.message), String(e));
    assert.ok(!String(e.stack).includes(keyBody(other.privateKey)));
    return true;
  });
  assert.deepEqual(await readdir(f.keyDir), []);
  assert.ok(!JSON.stringify(f.records).includes(keyBody(f.clientKey)), 'the key is never logged');
});

test('ssh: without known hosts the first host key is trusted on first use into gantry\'s known_hosts, then held to', async (t) => {
  const f = await fixture(t);
  if (!f) return;
  assert.equal(await f.reader.resolveRevision(f.url, 'main', { sshPrivateKey: f.clientKey }), f.main);
  const recorded = await readFile(join(f.cacheDir, '.gantry', 'known_hosts'), 'utf8');
  assert.ok(recorded.includes(f.knownHosts.split(' ')[2]?.trim() ?? '?'), 'the host key was recorded');
  await writeFile(join(f.cacheDir, '.gantry', 'known_hosts'), recorded.replace(/ssh-ed25519 \S+/, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBogusBogusBogusBogusBogusBogusBogusBogusBog'));
  await assert.rejects(f.reader.fetch(f.url, { sshPrivateKey: f.clientKey }), (e: unknown) => e instanceof InputError && /SSH host key is not trusted/.test(e.message));
});
