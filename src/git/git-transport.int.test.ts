import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InputError, NotFoundError, createLogger } from '../core/index.js';
import { createGitServer } from './git-server.js';
import type { GitCredentials } from './repo-url.js';
import { createIsolatedReader, createTransportDir, seedExternalRepo, type IsolatedReader, type TestContext } from './transport-rig.js';

// Git over HTTPS with what Argo CD repository secrets carry (client certificates, a custom CA,
// insecure, bearer tokens, forced basic auth, a proxy), against a real TLS server in front of
// gantry's own git server and a real forwarding proxy.

const run = promisify(execFile);

interface Pki {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A second CA that signed nothing here: trusting it alone must fail. */
  otherCa: string;
}

async function openssl(dir: string, args: string[]): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

/** Whether the openssl CLI is here to make test certificates; the TLS tests skip, saying so, without it. */
async function hasOpenssl(): Promise<boolean> {
  try {
    await run('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
}

const NO_OPENSSL = 'the openssl CLI is not installed (Debian/Ubuntu: apt-get install -y openssl): the HTTPS repository tests cannot make certificates';

/** A CA, a server certificate for 127.0.0.1 and a client certificate, made with the openssl CLI. */
async function makePki(dir: string): Promise<Pki> {
  await mkdir(dir, { recursive: true });
  const ca = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-keyout'];
  await openssl(dir, [...ca, 'ca.key', '-out', 'ca.pem', '-subj', '/CN=gantry test CA']);
  await openssl(dir, [...ca, 'other.key', '-out', 'other.pem', '-subj', '/CN=other CA']);
  await writeFile(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await writeFile(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [name, cn] of [['server', '127.0.0.1'], ['client', 'gantry']] as const) {
    await openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`]);
    await openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.pem`]);
  }
  const read = (f: string): Promise<string> => readFile(join(dir, f), 'utf8');
  return { ca: await read('ca.pem'), serverCert: await read('server.pem'), serverKey: await read('server.key'), clientCert: await read('client.pem'), clientKey: await read('client.key'), otherCa: await read('other.pem') };
}

interface Front {
  url: string;
  /** Every request the front server received: its Authorization header and whether it presented a client certificate. */
  seen: { authorization?: string; clientCert: boolean }[];
}

/** Decides whether a request reaches the repository; a response code otherwise (401 asks for basic auth). */
type Gate = (req: IncomingMessage) => 'pass' | 401 | 403 | 404;

/** Relays one request to gantry's git server at `backend`. */
function relay(backend: string, req: IncomingMessage, res: ServerResponse): void {
  const target = new URL(req.url ?? '/', backend);
  const headers = { ...req.headers, host: target.host };
  delete headers.authorization;
  const out = httpRequest(target, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  out.on('error', () => res.destroy());
  req.pipe(out);
}

/** An HTTPS server (optionally requiring a client certificate signed by the CA) in front of `backend`. */
async function startFront(t: TestContext, options: { pki: Pki; backend: string; requireClientCert: boolean; gate?: Gate }): Promise<Front> {
  const seen: Front['seen'] = [];
  const tls = { key: options.pki.serverKey, cert: options.pki.serverCert, ca: [options.pki.ca], requestCert: options.requireClientCert, rejectUnauthorized: options.requireClientCert };
  const server = createHttpsServer(tls, (req, res) => {
    const socket = req.socket as Socket & { getPeerCertificate?: () => { subject?: unknown } };
    seen.push({ authorization: req.headers.authorization, clientCert: !!socket.getPeerCertificate?.()?.subject });
    const verdict = options.gate?.(req) ?? 'pass';
    if (verdict === 'pass') return relay(options.backend, req, res);
    res.writeHead(verdict, verdict === 401 ? { 'www-authenticate': 'Basic realm="git"' } : {});
    res.end();
  });
  return { url: `https://127.0.0.1:${await listen(t, server)}/git/ext.git`, seen };
}

async function listen(t: TestContext, server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return (server.address() as AddressInfo).port;
}

/** A forwarding proxy: plain requests by absolute URL, HTTPS through CONNECT tunnels; it counts both. */
async function startProxy(t: TestContext): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const tunnels = new Set<Socket>();
  const server = createHttpServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    relay(new URL(req.url ?? '/').origin, req, res);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    requests.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    for (const s of [client, upstream]) {
      tunnels.add(s);
      s.on('error', () => undefined);
      s.on('close', () => tunnels.delete(s));
    }
  });
  t.after(() => tunnels.forEach((s) => s.destroy()));
  return { url: `http://127.0.0.1:${await listen(t, server)}`, requests };
}

interface Fixture extends IsolatedReader {
  dir: string;
  pki: Pki;
  backend: string;
  main: string;
  /** Every git command line the reader ran (and the fixture's own). */
  commandLines(): Promise<string>;
}

/** Where the recording git writes the command lines, in the test's folder. */
const COMMAND_LOG = 'git-command-lines.log';

/** A `git` first on PATH that records each command line into `log`, then runs the real git. */
async function recordingGit(dir: string, log: string): Promise<string> {
  const bin = join(dir, 'bin');
  await mkdir(bin);
  const real = (await run('sh', ['-c', 'command -v git'])).stdout.trim();
  await writeFile(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
  return `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`;
}

/** Gantry's git server with an `ext` repository (reads open), a reader with its own cache, and a PKI; undefined (the test skipped) without openssl. */
async function fixture(t: TestContext): Promise<Fixture | undefined> {
  if (!(await hasOpenssl())) {
    t.skip(NO_OPENSSL);
    return undefined;
  }
  const at = await createTransportDir(t, 'gantry-git-transport', (dir) => recordingGit(dir, join(dir, COMMAND_LOG)));
  const silent = createLogger({ level: 'error', sink: () => undefined });
  const { remote, main } = await seedExternalRepo(at, { 'deploy/cm.yaml': 'kind: ConfigMap\n' });
  const server = createGitServer({ store: remote, token: 'push-token', readAccess: 'open', log: silent, env: at.env });
  const { url: backend } = await server.listen(0);
  t.after(() => server.close());
  const pki = await makePki(join(at.dir, 'pki'));
  return { ...createIsolatedReader(t, at), dir: at.dir, pki, backend, main, commandLines: () => readFile(join(at.dir, COMMAND_LOG), 'utf8') };
}

/** Asserts `promise` rejects with an InputError whose message matches and contains none of `secrets`. */
async function rejectsClearly(promise: Promise<unknown>, message: RegExp, secrets: string[]): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
    assert.match(e.message, message);
    for (const s of secrets) assert.ok(!String(e.stack).includes(s), 'no secret in the error');
    return true;
  });
}

const keyLine = (pem: string): string => pem.split('\n')[1] ?? pem;

test('https: a client certificate from the repository secret, the server trusted through its CA or not verified at all (insecure)', async (t) => {
  const f = await fixture(t);
  if (!f) return;
  const front = await startFront(t, { pki: f.pki, backend: f.backend, requireClientCert: true });
  const cert: GitCredentials = { tlsClientCertData: f.pki.clientCert, tlsClientCertKey: f.pki.clientKey };

  assert.equal(await f.reader.resolveRevision(front.url, 'main', { ...cert, tlsCaData: f.pki.ca }), f.main);
  assert.ok(front.seen.length > 0 && front.seen.every((r) => r.clientCert), 'every request presented the client certificate');
  assert.deepEqual(await readdir(f.keyDir), [], 'the key and certificate files are removed after use');

  await f.reader.fetch(front.url, { ...cert, insecure: true });

  await rejectsClearly(f.reader.fetch(front.url, cert), /TLS certificate is not trusted: add its CA .*argocd-tls-certs-cm.*insecure/, [keyLine(f.pki.clientKey)]);
  await rejectsClearly(f.reader.fetch(front.url, { ...cert, tlsCaData: f.pki.otherCa }), /TLS certificate is not trusted/, [keyLine(f.pki.clientKey)]);
  // Without a certificate the server refuses the handshake. Node's TLS server then closes the
  // connection at once, which can race git's own writes: git reports either the alert (classified
  // as the client-certificate error, also tested with real curl messages in mirror-store.test) or
  // only a closed connection, which stays a retryable error. Either way nothing is fetched.
  await assert.rejects(f.reader.fetch(front.url, { tlsCaData: f.pki.ca }), (e: unknown) => {
    const message = (e as Error).message;
    if (e instanceof InputError) return /ended the TLS handshake: it may require a client certificate.*tlsClientCertData/.test(message);
    return (e as Error).name === 'TransientError' && /Broken pipe|getpeername|Connection reset|SSL_ERROR_SYSCALL|Error in the push function|Error in the pull function/i.test(message);
  });
  assert.ok(!JSON.stringify(f.records).includes(keyLine(f.pki.clientKey)), 'the client key is never logged');
  assert.deepEqual(await readdir(f.keyDir), []);
});

test('https: a bearer token is sent as Authorization: Bearer (Bitbucket Data Center) and never leaks', async (t) => {
  const f = await fixture(t);
  if (!f) return;
  const token = 'BBDC-bearer-7f1e2d3c4b5a';
  const gate: Gate = (req) => (req.headers.authorization === `Bearer ${token}` ? 'pass' : 401);
  const front = await startFront(t, { pki: f.pki, backend: f.backend, requireClientCert: false, gate });
  assert.equal(await f.reader.resolveRevision(front.url, 'main', { bearerToken: token, tlsCaData: f.pki.ca }), f.main);
  assert.ok(front.seen.every((r) => r.authorization === `Bearer ${token}`), 'the header is on every request');
  await rejectsClearly(f.reader.fetch(front.url, { bearerToken: 'BBDC-wrong-0000000', tlsCaData: f.pki.ca }), /^fetch .*: authentication (failed|required)/, ['BBDC-wrong-0000000']);
  assert.ok(!JSON.stringify(f.records).includes(token));
});

test('https: forceHttpBasicAuth sends the credentials on the first request, for servers that never challenge', async (t) => {
  const f = await fixture(t);
  if (!f) return;
  const expected = `Basic ${Buffer.from('ci:pass-4d3c2b1a').toString('base64')}`;
  // Like a server that hides private repositories: 404, never a 401 challenge.
  const gate: Gate = (req) => (req.headers.authorization === expected ? 'pass' : 404);
  const front = await startFront(t, { pki: f.pki, backend: f.backend, requireClientCert: false, gate });
  const credentials: GitCredentials = { username: 'ci', password: 'pass-4d3c2b1a', tlsCaData: f.pki.ca };
  await assert.rejects(f.reader.fetch(front.url, credentials), NotFoundError, 'without the flag git waits for a challenge that never comes');
  front.seen.length = 0;
  assert.equal(await f.reader.resolveRevision(front.url, 'main', { ...credentials, forceHttpBasicAuth: true }), f.main);
  assert.equal(front.seen[0]?.authorization, expected, 'the first request already carries the credentials');
});

test('proxy: a repository fetched through its own proxy (HTTP and HTTPS via CONNECT), and not for hosts in noProxy', async (t) => {
  const f = await fixture(t);
  if (!f) return;
  const proxy = await startProxy(t);
  const front = await startFront(t, { pki: f.pki, backend: f.backend, requireClientCert: false });
  const plain = `${f.backend}/git/ext.git`;

  assert.equal(await f.reader.resolveRevision(plain, 'main', { proxy: proxy.url }), f.main);
  assert.ok(proxy.requests.some((r) => r.startsWith(`GET ${plain}/info/refs`)), `plain http went through the proxy: ${proxy.requests.join(', ')}`);
  proxy.requests.length = 0;
  await f.reader.fetch(front.url, { proxy: proxy.url, tlsCaData: f.pki.ca });
  assert.ok(proxy.requests.includes(`CONNECT ${new URL(front.url).host}`), `https tunnelled: ${proxy.requests.join(', ')}`);
  proxy.requests.length = 0;

  await f.reader.fetch(front.url, { proxy: proxy.url, noProxy: 'localhost,127.0.0.1', tlsCaData: f.pki.ca });
  await f.reader.fetch(plain, { proxy: proxy.url, noProxy: '127.0.0.1' });
  await f.reader.fetch(plain);
  assert.deepEqual(proxy.requests, [], 'noProxy hosts and repositories without a proxy go direct');

  const dead = 'http://127.0.0.1:9';
  await assert.rejects(f.reader.fetch(plain, { proxy: dead.replace('//', '//u:proxy-pw-5150@') }), (e: unknown) => {
    assert.equal((e as Error).name, 'TransientError');
    assert.ok(!String((e as Error).stack).includes('proxy-pw-5150'));
    return true;
  });
});

test('no secret is ever on a git command line: tokens, passwords, headers and proxy passwords go through the environment, keys through files', async (t) => {
  const f = await fixture(t);
  if (!f) return;
  const proxy = await startProxy(t);
  const front = await startFront(t, { pki: f.pki, backend: f.backend, requireClientCert: true });
  const secrets = { bearerToken: 'argv-bearer-31337', password: 'argv-password-4242', proxyPassword: 'argv-proxy-pw-777' };
  const credentials: GitCredentials = {
    tlsClientCertData: f.pki.clientCert,
    tlsClientCertKey: f.pki.clientKey,
    tlsCaData: f.pki.ca,
    username: 'ci',
    password: secrets.password,
    forceHttpBasicAuth: true,
    proxy: proxy.url.replace('//', `//u:${secrets.proxyPassword}@`),
  };
  await f.reader.fetch(front.url, credentials);
  await f.reader.fetch(front.url, { ...credentials, bearerToken: secrets.bearerToken }).catch(() => undefined);
  assert.ok(proxy.requests.length > 0, 'the proxy was used');
  const lines = await f.commandLines();
  assert.match(lines, /ls-remote --symref https:\/\/127\.0\.0\.1:\d+\/git\/ext\.git/, 'the recording shim saw the reader\'s commands');
  for (const secret of [...Object.values(secrets), keyLine(f.pki.clientKey), Buffer.from(`ci:${secrets.password}`).toString('base64')]) {
    assert.ok(!lines.includes(secret), 'a secret reached a command line');
  }
});
