import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger, type LogRecord } from '../core/index.js';
import { createGitServer, type GitServer } from './git-server.js';
import type { PushEvent } from './push-events.js';
import { ZERO_COMMIT } from './ref-changes.js';
import { createRepoStore, type RepoStore } from './repo-store.js';
import type { ReadAccess } from './request-auth.js';

interface GitRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** performance.now() when the git process exited. */
  exitedAt: number;
}

interface Fixture {
  dir: string;
  token: string;
  store: RepoStore;
  server: GitServer;
  url: string;
  records: LogRecord[];
  pushes: { event: PushEvent; receivedAt: number }[];
  git(args: string[], cwd?: string): Promise<GitRun>;
  /** The clone URL with credentials: `http://x:<password>@127.0.0.1:port/git/<name>.git`. */
  authUrl(name: string, password?: string): string;
}

type TestContext = { after: (fn: () => Promise<void>) => void };

async function startFixture(t: TestContext, readAccess: ReadAccess): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'gantry-git-server-'));
  const home = join(dir, 'home');
  await mkdir(home);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GIT_CONFIG_NOSYSTEM: '1', LANG: 'C' };
  const token = randomBytes(16).toString('hex');
  const records: LogRecord[] = [];
  const log = createLogger({ level: 'debug', sink: (r) => records.push(r) });
  const store = createRepoStore({ root: join(dir, 'repos'), env });
  const server = createGitServer({ store, token, readAccess, log, env });
  const { url } = await server.listen(0);
  t.after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });
  const pushes: Fixture['pushes'] = [];
  server.onPush((event) => void pushes.push({ event, receivedAt: performance.now() }));
  const identity = {
    GIT_AUTHOR_NAME: 'Dev',
    GIT_AUTHOR_EMAIL: 'dev@example.com',
    GIT_COMMITTER_NAME: 'Dev',
    GIT_COMMITTER_EMAIL: 'dev@example.com',
  };
  const clientEnv = { ...env, ...identity, GIT_TERMINAL_PROMPT: '0' };
  const authUrl = (name: string, password = token): string => server.repoUrl(name).replace('http://', `http://x:${password}@`);
  return { dir, token, store, server, url, records, pushes, git: (args, cwd = dir) => runGit(args, cwd, clientEnv), authUrl };
}

function runGit(args: string[], cwd: string, env: Record<string, string>): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const exitedAt = performance.now();
      child.once('close', () => resolve({ code, stdout, stderr, exitedAt }));
    });
  });
}

async function commitFile(f: Fixture, work: string, file: string): Promise<string> {
  await writeFile(join(work, file), `${file} ${randomBytes(4).toString('hex')}\n`);
  assert.equal((await f.git(['add', file], work)).code, 0);
  const commit = await f.git(['commit', '-q', '-m', `add ${file}`], work);
  assert.equal(commit.code, 0, commit.stderr);
  return (await f.git(['rev-parse', 'HEAD'], work)).stdout.trim();
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`nothing arrived within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

interface RawResponse {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

function rawGet(url: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/`, { path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.once('error', reject).end();
  });
}

test('clone, push and clone again over smart HTTP; each push emits an event within 100 ms', async (t) => {
  const f = await startFixture(t, 'open');
  await f.store.create('app');
  const clone = await f.git(['clone', '-q', f.server.repoUrl('app'), 'work']);
  assert.equal(clone.code, 0, clone.stderr);
  const work = join(f.dir, 'work');
  const first = await commitFile(f, work, 'a.txt');

  const push = await f.git(['push', '-q', f.authUrl('app'), 'HEAD:refs/heads/main'], work);
  assert.equal(push.code, 0, push.stderr);
  const arrived = await waitFor(() => f.pushes[0]);
  assert.deepEqual({ ...arrived.event, at: 0 }, { repo: 'app', ref: 'refs/heads/main', oldCommit: ZERO_COMMIT, newCommit: first, at: 0 });
  const latency = arrived.receivedAt - push.exitedAt;
  t.diagnostic(`push event latency after git push exited: ${latency.toFixed(1)} ms`);
  assert.ok(latency < 100, `push event arrived ${latency.toFixed(1)} ms after git push exited`);
  assert.ok(Math.abs(arrived.event.at - Date.now()) < 10_000, 'event time is on the wall clock');

  const second = await commitFile(f, work, 'b.txt');
  const push2 = await f.git(['push', '-q', f.authUrl('app'), 'HEAD:refs/heads/main'], work);
  assert.equal(push2.code, 0, push2.stderr);
  const update = await waitFor(() => f.pushes[1]);
  assert.deepEqual([update.event.ref, update.event.oldCommit, update.event.newCommit], ['refs/heads/main', first, second]);
  assert.ok(update.receivedAt - push2.exitedAt < 100);
  assert.equal(f.pushes.length, 2, 'one event per moved ref, no duplicates');

  const again = await f.git(['clone', '-q', f.server.repoUrl('app'), 'again']);
  assert.equal(again.code, 0, again.stderr);
  assert.equal((await f.git(['rev-parse', 'HEAD'], join(f.dir, 'again'))).stdout.trim(), second);
  assert.equal((await f.store.get('app')).head, second);
  assert.equal(JSON.stringify(f.records).includes(f.token), false, 'the token never reaches the log');
  assert.ok(f.records.some((r) => r.msg === 'push received' && r.fields.newCommit === second));
});

test('a push with a wrong token or none is refused with 401 and changes nothing', async (t) => {
  const f = await startFixture(t, 'open');
  await f.store.create('app');
  const work = join(f.dir, 'work');
  assert.equal((await f.git(['init', '-q', work])).code, 0);
  await commitFile(f, work, 'a.txt');

  const wrong = await f.git(['push', f.authUrl('app', 'not-the-token'), 'HEAD:refs/heads/main'], work);
  assert.notEqual(wrong.code, 0);
  assert.match(wrong.stderr, /Authentication failed/);
  const refusal = f.records.find((r) => r.msg === 'git request refused' && r.fields.reason === 'wrong-token');
  assert.deepEqual(refusal?.fields, { component: 'git-server', repo: 'app', reason: 'wrong-token', status: 401 });
  assert.ok(f.records.some((r) => r.msg === 'git request' && r.fields.status === 401));
  assert.equal(JSON.stringify(f.records).includes('not-the-token'), false, 'presented passwords are not logged either');

  const anonymous = await f.git(['push', f.server.repoUrl('app'), 'HEAD:refs/heads/main'], work);
  assert.notEqual(anonymous.code, 0);

  const bad = `Basic ${Buffer.from('x:nope').toString('base64')}`;
  const direct = await rawGet(f.url, '/git/app.git/info/refs?service=git-receive-pack', { Authorization: bad });
  assert.equal(direct.status, 401);
  assert.equal(direct.headers['www-authenticate'], 'Basic realm="gantry"');
  const none = await rawGet(f.url, '/git/app.git/info/refs?service=git-receive-pack');
  assert.equal(none.status, 401);
  assert.match(none.body, /token/);

  assert.equal((await f.store.readRefs('app')).size, 0);
  assert.equal(f.pushes.length, 0);
});

test('reads need the token when readAccess is token', async (t) => {
  const f = await startFixture(t, 'token');
  await f.store.create('app');
  const work = join(f.dir, 'work');
  assert.equal((await f.git(['init', '-q', work])).code, 0);
  const commit = await commitFile(f, work, 'a.txt');
  assert.equal((await f.git(['push', '-q', f.authUrl('app'), 'HEAD:refs/heads/main'], work)).code, 0);

  const anonymous = await f.git(['ls-remote', f.server.repoUrl('app')]);
  assert.notEqual(anonymous.code, 0);
  assert.ok(f.records.some((r) => r.msg === 'git request refused' && r.fields.reason === 'missing-credentials'));
  const wrong = await f.git(['clone', '-q', f.authUrl('app', 'wrong'), 'nope']);
  assert.notEqual(wrong.code, 0);
  assert.equal((await rawGet(f.url, '/git/app.git/info/refs?service=git-upload-pack')).status, 401);

  const clone = await f.git(['clone', '-q', f.authUrl('app'), 'copy']);
  assert.equal(clone.code, 0, clone.stderr);
  assert.equal((await f.git(['rev-parse', 'HEAD'], join(f.dir, 'copy'))).stdout.trim(), commit);
});

test('reads are open without credentials when readAccess is open', async (t) => {
  const f = await startFixture(t, 'open');
  await f.store.create('app');
  const work = join(f.dir, 'work');
  assert.equal((await f.git(['init', '-q', work])).code, 0);
  const commit = await commitFile(f, work, 'a.txt');
  assert.equal((await f.git(['push', '-q', f.authUrl('app'), 'HEAD:refs/heads/main'], work)).code, 0);
  const listing = await f.git(['ls-remote', f.server.repoUrl('app')]);
  assert.equal(listing.code, 0, listing.stderr);
  assert.match(listing.stdout, new RegExp(`^${commit}\\trefs/heads/main$`, 'm'));
});

test('concurrent pushes to one repository each report only their own ref', async (t) => {
  const f = await startFixture(t, 'open');
  await f.store.create('app');
  const works = ['one', 'two', 'three'].map((n) => join(f.dir, n));
  const commits: string[] = [];
  for (const work of works) {
    assert.equal((await f.git(['init', '-q', work])).code, 0);
    commits.push(await commitFile(f, work, 'a.txt'));
  }
  const branches = ['feature-one', 'feature-two', 'feature-three'];
  const runs = await Promise.all(works.map((work, i) => f.git(['push', '-q', f.authUrl('app'), `HEAD:refs/heads/${branches[i]}`], work)));
  for (const r of runs) assert.equal(r.code, 0, r.stderr);
  await waitFor(() => (f.pushes.length >= 3 ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const seen = f.pushes.map((p) => [p.event.ref, p.event.oldCommit, p.event.newCommit]).sort();
  const want = branches.map((b, i) => [`refs/heads/${b}`, ZERO_COMMIT, commits[i]]).sort();
  assert.deepEqual(seen, want);
});

test('unknown repositories and paths outside /git/ are 404; escapes are 400', async (t) => {
  const f = await startFixture(t, 'open');
  await f.store.create('app');
  const lsUnknown = await f.git(['ls-remote', `${f.url}/git/nope.git`]);
  assert.notEqual(lsUnknown.code, 0);
  assert.match(lsUnknown.stderr, /not found/);

  const unknown = await rawGet(f.url, '/git/nope.git/info/refs?service=git-upload-pack');
  assert.equal(unknown.status, 404);
  assert.match(String(unknown.headers['content-type']), /^text\/plain/);
  assert.match(unknown.body, /no repository named "nope"/);
  assert.equal((await rawGet(f.url, '/metrics')).status, 404);
  assert.equal((await rawGet(f.url, '/git/../repos/app.git/info/refs')).status, 400);
  assert.equal((await rawGet(f.url, '/git/%2e%2e/repos/app.git/HEAD')).status, 400);
  assert.equal((await rawGet(f.url, '/git/app.git/../../home/.gitconfig')).status, 400);
  const ok = await rawGet(f.url, '/git/app.git/info/refs?service=git-upload-pack');
  assert.equal(ok.status, 200);
  assert.equal(ok.headers['content-type'], 'application/x-git-upload-pack-advertisement');
});

test('a push larger than git’s post buffer (chunked body) and a fetch with a gzipped request both work', async (t) => {
  const f = await startFixture(t, 'open');
  await f.store.create('big');
  const work = join(f.dir, 'work');
  assert.equal((await f.git(['init', '-q', work])).code, 0);
  await writeFile(join(work, 'blob.bin'), randomBytes(3 * 1024 * 1024));
  assert.equal((await f.git(['add', 'blob.bin'], work)).code, 0);
  assert.equal((await f.git(['commit', '-q', '-m', 'big'], work)).code, 0);
  const big = (await f.git(['rev-parse', 'HEAD'], work)).stdout.trim();
  const push = await f.git(['push', '-q', f.authUrl('big'), 'HEAD:refs/heads/main'], work);
  assert.equal(push.code, 0, push.stderr);
  assert.equal((await waitFor(() => f.pushes[0])).event.newCommit, big);

  // Many local commits the server lacks make the fetch negotiation body large enough for git to gzip it.
  const other = join(f.dir, 'other');
  assert.equal((await f.git(['init', '-q', other])).code, 0);
  for (let i = 0; i < 40; i++) assert.equal((await f.git(['commit', '-q', '--allow-empty', '-m', `local ${i}`], other)).code, 0);
  const fetch = await f.git(['fetch', '-q', f.server.repoUrl('big'), 'main'], other);
  assert.equal(fetch.code, 0, fetch.stderr);
  assert.equal((await f.git(['rev-parse', 'FETCH_HEAD'], other)).stdout.trim(), big);
});
