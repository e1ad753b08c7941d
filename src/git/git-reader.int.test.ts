import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { InputError, NotFoundError, createLogger, createManualClock, type LogRecord } from '../core/index.js';
import { createGitReader } from './git-reader.js';
import { createGitServer } from './git-server.js';
import { createRepoStore, type RepoStore } from './repo-store.js';

const run = promisify(execFile);
const HOSTED_PREFIX = 'http://127.0.0.1:16442/git/';

type TestContext = { after: (fn: () => Promise<void>) => void };

interface Workspace {
  dir: string;
  env: Record<string, string>;
  git(args: string[], cwd: string): Promise<string>;
  /** Clones `bareDir` over file:// into a new working copy. */
  clone(bareDir: string): Promise<string>;
  /** Writes files (relative path -> content) and commits them; resolves with the new commit. */
  commit(work: string, files: Record<string, string>, message?: string): Promise<string>;
}

async function workspace(t: TestContext): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), 'gantry-git-reader-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const home = join(dir, 'home');
  await mkdir(home);
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    LANG: 'C',
    GIT_AUTHOR_NAME: 'Dev',
    GIT_AUTHOR_EMAIL: 'dev@example.com',
    GIT_COMMITTER_NAME: 'Dev',
    GIT_COMMITTER_EMAIL: 'dev@example.com',
  };
  const git = async (args: string[], cwd: string): Promise<string> => (await run('git', args, { cwd, env })).stdout.trim();
  let clones = 0;
  return {
    dir,
    env,
    git,
    clone: async (bareDir) => {
      const work = join(dir, `work-${clones++}`);
      await git(['clone', '-q', `file://${bareDir}`, work], dir);
      return work;
    },
    commit: async (work, files, message = 'change') => {
      for (const [path, content] of Object.entries(files)) {
        await mkdir(dirname(join(work, path)), { recursive: true });
        await writeFile(join(work, path), content);
      }
      await git(['add', '-A'], work);
      await git(['commit', '-q', '-m', message], work);
      return git(['rev-parse', 'HEAD'], work);
    },
  };
}

const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';

interface HostedFixture {
  ws: Workspace;
  store: RepoStore;
  url: string;
  work: string;
  first: string;
  dev: string;
  records: LogRecord[];
  reader: ReturnType<typeof createGitReader>;
}

/** A hosted repository `app` with main (2 files, a symlink, a binary), a dev branch and two tags. */
async function hostedFixture(t: TestContext): Promise<HostedFixture> {
  const ws = await workspace(t);
  const store = createRepoStore({ root: join(ws.dir, 'repos'), env: ws.env });
  await store.create('app');
  const work = await ws.clone(store.pathOf('app'));
  await mkdir(join(work, 'apps/web/sub'), { recursive: true });
  await symlink('../../shared/cm.yaml', join(work, 'apps/web/shared.yaml'));
  await symlink('nowhere.yaml', join(work, 'apps/web/dangling.yaml'));
  await writeFile(join(work, 'apps/web/logo.bin'), Buffer.from([0, 1, 2, 255, 10, 13, 0]));
  const first = await ws.commit(work, { 'apps/web/deploy.yaml': deploy, 'apps/web/sub/svc.yaml': 'kind: Service\n', 'shared/cm.yaml': 'kind: ConfigMap\n', 'README.md': '# app\n' });
  await ws.git(['tag', 'v1'], work);
  await ws.git(['checkout', '-q', '-b', 'dev'], work);
  const dev = await ws.commit(work, { 'apps/web/deploy.yaml': deploy.replace('web', 'web-dev') });
  await ws.git(['tag', '-a', 'v2', '-m', 'release 2'], work);
  await ws.git(['push', '-q', 'origin', 'main', 'dev', 'v1', 'v2'], work);
  const records: LogRecord[] = [];
  const log = createLogger({ level: 'debug', sink: (r) => records.push(r) });
  const reader = createGitReader({ store, cacheDir: join(ws.dir, 'cache'), hostedUrlPrefixes: [HOSTED_PREFIX], log, env: ws.env });
  return { ws, store, url: `${HOSTED_PREFIX}app.git`, work, first, dev, records, reader };
}

test('hosted repo: branches, refs, tags (annotated peeled), HEAD and shas resolve to commits, read from disk', async (t) => {
  const f = await hostedFixture(t);
  const resolve = (revision: string, url = f.url): Promise<string> => f.reader.resolveRevision(url, revision);
  assert.equal(await resolve(''), f.first, "'' is the default branch");
  assert.equal(await resolve('HEAD'), f.first);
  assert.equal(await resolve('main'), f.first);
  assert.equal(await resolve('dev'), f.dev);
  assert.equal(await resolve('refs/heads/dev'), f.dev);
  assert.equal(await resolve('v1'), f.first, 'lightweight tag');
  assert.equal(await resolve('v2'), f.dev, 'annotated tag peeled to its commit');
  assert.equal(await resolve('refs/tags/v2'), f.dev);
  assert.equal(await resolve(f.dev.slice(0, 7)), f.dev, 'abbreviated sha');
  assert.equal(await resolve(f.dev.slice(0, 12).toUpperCase()), f.dev, 'abbreviated sha in capitals');
  assert.equal(await resolve(f.first), f.first, 'full sha');
  assert.equal(await resolve('main', 'http://127.0.0.1:16442/git/app'), f.first, 'the .git suffix is optional');
  const head = await f.ws.git(['rev-parse', 'HEAD'], f.work);
  assert.equal(head, f.dev);
  assert.equal(f.records.filter((r) => r.msg === 'repository fetched').length, 0, 'hosted repositories are never fetched');
});

test('hosted repo: unknown revisions and repositories are NotFoundErrors that say what exists', async (t) => {
  const f = await hostedFixture(t);
  await assert.rejects(f.reader.resolveRevision(f.url, 'nope'), (e: unknown) => {
    assert.ok(e instanceof NotFoundError);
    assert.equal(e.message, `resolve revision nope of ${f.url}: no branch, tag or commit named "nope" (branches include main, dev; 2 tags)`);
    return true;
  });
  await assert.rejects(f.reader.resolveRevision(f.url, 'deadbeefdeadbeef'), /no branch, tag or commit named "deadbeefdeadbeef"/);
  await assert.rejects(f.reader.resolveRevision(f.url, 'main~1'), NotFoundError, 'revision expressions are not commits');
  await assert.rejects(f.reader.resolveRevision(`${HOSTED_PREFIX}other.git`, 'main'), (e: unknown) => {
    assert.ok(e instanceof NotFoundError);
    assert.match(e.message, /^resolve revision main of http:\/\/127\.0\.0\.1:16442\/git\/other\.git: gantry hosts no repository named "other"$/);
    return true;
  });
  await f.store.create('empty');
  await assert.rejects(f.reader.resolveRevision(`${HOSTED_PREFIX}empty.git`, 'HEAD'), /the repository has no branches yet; 0 tags/);
});

test('hosted repo: readFiles reads a folder at a commit, follows in-repo symlinks, caches', async (t) => {
  const f = await hostedFixture(t);
  const files = await f.reader.readFiles(f.url, f.first, 'apps/web');
  assert.deepEqual([...files.keys()].sort(), ['deploy.yaml', 'logo.bin', 'shared.yaml', 'sub/svc.yaml']);
  assert.equal(files.get('deploy.yaml')?.toString(), deploy);
  assert.equal(files.get('shared.yaml')?.toString(), 'kind: ConfigMap\n', 'a symlink reads as its target');
  assert.deepEqual(files.get('logo.bin'), Buffer.from([0, 1, 2, 255, 10, 13, 0]), 'binary content is intact');
  const dev = await f.reader.readFiles(f.url, f.dev, './apps/web/');
  assert.match(dev.get('deploy.yaml')?.toString() ?? '', /web-dev/);
  const root = await f.reader.readFiles(f.url, f.first, '.');
  assert.deepEqual([...root.keys()].sort(), ['README.md', 'apps/web/deploy.yaml', 'apps/web/logo.bin', 'apps/web/shared.yaml', 'apps/web/sub/svc.yaml', 'shared/cm.yaml']);
  assert.deepEqual([...(await f.reader.readFiles(f.url, f.first, '')).keys()].sort(), [...root.keys()].sort());

  files.delete('deploy.yaml');
  const again = await f.reader.readFiles(f.url, f.first, 'apps/web');
  assert.ok(again.has('deploy.yaml'), 'changing a returned map does not change the cache');
  // The cache answers without git: even with the repository gone, the same read still succeeds.
  await rm(f.store.pathOf('app'), { recursive: true });
  await f.store.create('app');
  assert.equal((await f.reader.readFiles(f.url, f.first, 'apps/web')).size, 4);
});

test('hosted repo: readFiles refuses bad paths and names what is missing', async (t) => {
  const f = await hostedFixture(t);
  await assert.rejects(f.reader.readFiles(f.url, f.first, 'apps/nope'), (e: unknown) => {
    assert.ok(e instanceof NotFoundError);
    assert.equal(e.message, `read apps/nope of ${f.url} at ${f.first}: path "apps/nope" does not exist at commit ${f.first}`);
    return true;
  });
  const missing = 'a'.repeat(40);
  await assert.rejects(f.reader.readFiles(f.url, missing, 'apps'), (e: unknown) => e instanceof NotFoundError && e.message.endsWith(`commit ${missing} is not in the repository`));
  await assert.rejects(f.reader.readFiles(f.url, f.first, 'README.md'), (e: unknown) => e instanceof InputError && /"README\.md" at commit \w+ is a file, not a folder/.test(e.message));
  await assert.rejects(f.reader.readFiles(f.url, f.first, '../other'), (e: unknown) => e instanceof InputError && /leaves the repository/.test(e.message));
  await assert.rejects(f.reader.readFiles(f.url, f.first, 'apps/../../x'), InputError);
  await assert.rejects(f.reader.readFiles(f.url, f.first, '/etc'), (e: unknown) => e instanceof InputError && /is absolute/.test(e.message));
  await assert.rejects(f.reader.readFiles(f.url, 'main', 'apps'), (e: unknown) => e instanceof InputError && /"main" is not a full commit sha/.test(e.message));
  await assert.rejects(f.reader.readFiles(`${HOSTED_PREFIX}a/b.git`, f.first, 'apps'), InputError);
});

interface ExternalFixture {
  ws: Workspace;
  url: string;
  token: string;
  origin: string;
  work: string;
  main: string;
  records: LogRecord[];
  clock: ReturnType<typeof createManualClock>;
  cacheDir: string;
  reader: ReturnType<typeof createGitReader>;
  credentials: { username: string; password: string };
}

/** An "external" repository `ext` served by gantry's own git server with reads behind a token. */
async function externalFixture(t: TestContext): Promise<ExternalFixture> {
  const ws = await workspace(t);
  const remoteStore = createRepoStore({ root: join(ws.dir, 'remote'), env: ws.env });
  const token = `tok-${randomBytes(12).toString('hex')}`;
  const silent = createLogger({ level: 'error', sink: () => undefined });
  const server = createGitServer({ store: remoteStore, token, readAccess: 'token', log: silent, env: ws.env });
  const { url: base } = await server.listen(0);
  t.after(() => server.close());
  await remoteStore.create('ext');
  const origin = remoteStore.pathOf('ext');
  const work = await ws.clone(origin);
  const main = await ws.commit(work, { 'deploy/app.yaml': deploy });
  await ws.git(['push', '-q', 'origin', 'main'], work);
  const records: LogRecord[] = [];
  const clock = createManualClock(1_000_000);
  const cacheDir = join(ws.dir, 'cache');
  const log = createLogger({ level: 'debug', sink: (r) => records.push(r) });
  const reader = createGitReader({ store: createRepoStore({ root: join(ws.dir, 'hosted'), env: ws.env }), cacheDir, hostedUrlPrefixes: [HOSTED_PREFIX], log, env: ws.env, clock });
  return { ws, url: `${base}/git/ext.git`, token, origin, work, main, records, clock, cacheDir, reader, credentials: { username: 'ci', password: token } };
}

const fetches = (f: ExternalFixture): number => f.records.filter((r) => r.msg === 'repository fetched').length;

test('external repo: fetched into a mirror with credentials, at most once per interval unless forced', async (t) => {
  const f = await externalFixture(t);
  assert.equal(await f.reader.resolveRevision(f.url, 'main', f.credentials), f.main);
  assert.equal(await f.reader.resolveRevision(f.url, 'HEAD', f.credentials), f.main);
  assert.equal(fetches(f), 1, 'the second resolve within the interval used the mirror');
  const files = await f.reader.readFiles(f.url, f.main, 'deploy');
  assert.deepEqual([...files.keys()], ['app.yaml']);

  const next = await f.ws.commit(f.work, { 'deploy/app.yaml': deploy.replace('web', 'web2') });
  await f.ws.git(['push', '-q', 'origin', 'main'], f.work);
  assert.equal(await f.reader.resolveRevision(f.url, 'main', f.credentials), f.main, 'still throttled');
  f.clock.advance(3000);
  assert.equal(await f.reader.resolveRevision(f.url, 'main', f.credentials), next, 'refetched after the interval');
  assert.equal(fetches(f), 2);
  assert.equal(await f.reader.resolveRevision(f.url, next, f.credentials), next);
  assert.equal(await f.reader.resolveRevision(f.url, f.main, f.credentials), f.main);
  assert.equal(fetches(f), 2, 'a full sha already in the mirror needs no fetch');

  await f.ws.git(['checkout', '-q', '-b', 'release'], f.work);
  const release = await f.ws.commit(f.work, { 'deploy/extra.yaml': deploy });
  await f.ws.git(['push', '-q', 'origin', 'release'], f.work);
  await f.ws.git(['tag', '-a', 'r1', '-m', 'r1'], f.work);
  await f.ws.git(['push', '-q', 'origin', 'r1'], f.work);
  await f.ws.git(['--git-dir', f.origin, 'symbolic-ref', 'HEAD', 'refs/heads/release'], f.ws.dir);
  await f.reader.fetch(f.url, f.credentials);
  assert.equal(fetches(f), 3);
  assert.equal(await f.reader.resolveRevision(f.url, 'release', f.credentials), release);
  assert.equal(await f.reader.resolveRevision(f.url, 'r1', f.credentials), release, 'annotated tag peeled');
  assert.equal(await f.reader.resolveRevision(f.url, '', f.credentials), release, 'HEAD follows the remote default branch');
  assert.equal((await f.reader.readFiles(f.url, release, 'deploy')).size, 2);

  await f.ws.git(['--git-dir', f.origin, 'symbolic-ref', 'HEAD', 'refs/heads/main'], f.ws.dir);
  await f.ws.git(['push', '-q', 'origin', '--delete', 'release'], f.work);
  f.clock.advance(3000);
  await assert.rejects(f.reader.resolveRevision(f.url, 'refs/heads/release', f.credentials), (e: unknown) => {
    assert.ok(e instanceof NotFoundError);
    assert.equal(e.message, `resolve revision refs/heads/release of ${f.url}: no branch, tag or commit named "refs/heads/release" (branches include main; 1 tag)`);
    return true;
  });
  assert.equal(await f.reader.resolveRevision(f.url, 'r1', f.credentials), release, 'tags stay after the branch is pruned');
});

test('external repo: concurrent resolves share one fetch; pull-request refs are fetched when asked for', async (t) => {
  const f = await externalFixture(t);
  const results = await Promise.all(Array.from({ length: 5 }, () => f.reader.resolveRevision(f.url, 'main', f.credentials)));
  assert.deepEqual(results, Array(5).fill(f.main));
  assert.equal(fetches(f), 1);
  await f.ws.git(['checkout', '-q', '-b', 'feature'], f.work);
  const feature = await f.ws.commit(f.work, { 'deploy/feature.yaml': deploy });
  await f.ws.git(['push', '-q', 'origin', 'HEAD:refs/pull/1/head'], f.work);
  assert.equal(await f.reader.resolveRevision(f.url, 'refs/pull/1/head', f.credentials), feature, 'fetched by name despite the interval');
  assert.equal(fetches(f), 2);
  assert.deepEqual([...(await f.reader.readFiles(f.url, feature, 'deploy')).keys()].sort(), ['app.yaml', 'feature.yaml']);
  assert.equal(await f.reader.resolveRevision(f.url, 'main', f.credentials), f.main, 'branches are unaffected');

  const later = await f.ws.commit(f.work, { 'deploy/later.yaml': deploy });
  await f.ws.git(['push', '-q', 'origin', 'HEAD:refs/heads/feature'], f.work);
  assert.equal((await f.reader.readFiles(f.url, later, 'deploy', f.credentials)).size, 3, 'a commit the mirror lacks is fetched');
  const unknown = 'b'.repeat(40);
  await assert.rejects(f.reader.readFiles(f.url, unknown, 'deploy', f.credentials), (e: unknown) => {
    assert.ok(e instanceof NotFoundError);
    assert.equal(e.message, `read deploy of ${f.url} at ${unknown}: commit ${unknown} is not in the repository`);
    return true;
  });
});

test('external repo: wrong or missing credentials fail clearly without leaking the password', async (t) => {
  const f = await externalFixture(t);
  const wrong = `wrong-${randomBytes(8).toString('hex')}`;
  await assert.rejects(f.reader.resolveRevision(f.url, 'main', { username: 'ci', password: wrong }), (e: unknown) => {
    assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
    assert.ok(e.message.startsWith(`resolve revision main of ${f.url}: authentication failed: check the repository credentials`), e.message);
    assert.ok(!e.message.includes(wrong) && !e.message.includes(f.token), e.message);
    assert.ok(!String(e.stack).includes(wrong));
    return true;
  });
  await assert.rejects(f.reader.resolveRevision(f.url, 'main'), (e: unknown) => e instanceof InputError && /: authentication required: the repository asks for credentials and none were given/.test(e.message));

  const withUserInfo = f.url.replace('http://', `http://ci:${f.token}@`);
  assert.equal(await f.reader.resolveRevision(withUserInfo, 'main'), f.main, 'credentials in the URL are used');
  await assert.rejects(f.reader.resolveRevision(withUserInfo, 'nope'), (e: unknown) => {
    assert.ok(e instanceof NotFoundError);
    assert.ok(e.message.startsWith(`resolve revision nope of ${f.url}: `), e.message);
    assert.ok(!e.message.includes(f.token));
    return true;
  });
  const logged = JSON.stringify(f.records);
  assert.ok(!logged.includes(f.token) && !logged.includes(wrong), 'no secret in any log record');
  assert.ok(!(await grepTree(f.cacheDir, f.token)), 'no secret anywhere in the mirror cache on disk');
});

test('external repo: an unreachable server is a retryable error naming the URL', async (t) => {
  const f = await externalFixture(t);
  const dead = 'http://127.0.0.1:9/git/ext.git';
  await assert.rejects(f.reader.resolveRevision(dead, 'main', f.credentials), (e: unknown) => {
    assert.ok(e instanceof Error);
    assert.equal((e as Error & { retryable?: boolean }).retryable, true);
    assert.equal(e.name, 'TransientError');
    assert.match(e.message, /^resolve revision main of http:\/\/127\.0\.0\.1:9\/git\/ext\.git: fetch failed: .*127\.0\.0\.1/);
    return true;
  });
  await assert.rejects(f.reader.resolveRevision(f.url.replace('ext.git', 'missing.git'), 'main', f.credentials), NotFoundError);
  for (const local of [`file://${f.origin}`, f.origin]) {
    await assert.rejects(f.reader.resolveRevision(local, 'main'), (e: unknown) => e instanceof InputError && /does not fetch over this URL's transport/.test(e.message), local);
  }
});

async function grepTree(dir: string, needle: string): Promise<boolean> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const content = await readFile(join(entry.parentPath, entry.name));
    if (content.includes(needle)) return true;
  }
  return false;
}

test('git mirrors: a URL is read from a hosted repository or fetched from another URL, under its own name', async (t) => {
  const f = await hostedFixture(t);
  const reader = createGitReader({
    store: f.store,
    cacheDir: join(f.ws.dir, 'mirror-cache'),
    hostedUrlPrefixes: [HOSTED_PREFIX],
    log: createLogger({ level: 'error', sink: () => undefined }),
    env: f.ws.env,
    allowedProtocols: ['file'],
    urlRewrites: [
      { from: 'https://github.com/acme/platform', to: 'app' },
      { from: 'https://github.com/mirrored/', to: `file://${dirname(f.store.pathOf('app'))}/` },
    ],
  });
  t.after(() => reader.close());
  const hosted = 'https://github.com/acme/platform.git';
  assert.equal(reader.isHosted(hosted), true, 'mirrored to a hosted repository: pushes announce it, nothing to poll');
  assert.equal(await reader.resolveRevision(hosted, 'dev'), f.dev);
  assert.deepEqual([...(await reader.readFiles(hosted, f.first, 'apps/web/sub')).keys()], ['svc.yaml']);
  const fetched = 'https://github.com/mirrored/app.git';
  assert.equal(reader.isHosted(fetched), false);
  assert.equal(await reader.resolveRevision(fetched, 'main'), f.first);
  assert.equal((await reader.readFiles(fetched, f.dev, 'apps/web')).get('deploy.yaml')?.toString(), deploy.replace('web', 'web-dev'));
  await reader.fetch(fetched);
});
