import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../core/index.js';
import type { LogRecord } from '../core/index.js';
import { renderHelmChart } from '../render/index.js';
import { gzippedTar } from '../testkit/index.js';
import { createHelmRepositoryClient } from './index.js';
import type { ChartRequest } from './index.js';

const USER = 'reader';
const PASSWORD = 'hunter2-Secret';

function chartArchive(version: string): Buffer {
  return gzippedTar({
    'web/Chart.yaml': `apiVersion: v2\nname: web\nversion: ${version}\n`,
    'web/values.yaml': 'greeting: hello\n',
    'web/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-{{ .Chart.Version }}\ndata:\n  greeting: {{ .Values.greeting }}\n',
  });
}

const VERSIONS = ['1.0.0', '1.1.0', '1.2.0-rc.1', '2.0.0'];
const ARCHIVES = new Map(VERSIONS.map((v) => [v, chartArchive(v)]));

function indexYaml(tamper: boolean): string {
  const entry = (v: string): string => {
    const digest = createHash('sha256').update(tamper && v === '2.0.0' ? 'other bytes' : (ARCHIVES.get(v) as Buffer)).digest('hex');
    const url = v === '1.0.0' ? `charts/web-${v}.tgz` : `/charts/web-${v}.tgz`;
    return `    - name: web\n      version: ${v}\n      digest: ${digest}\n      urls:\n        - ${url}\n`;
  };
  return `apiVersion: v1\nentries:\n  web:\n${VERSIONS.map(entry).join('')}generated: "2024-01-01T00:00:00Z"\n`;
}

interface Repo {
  url: string;
  requests: string[];
  close: () => Promise<void>;
}

function handle(req: IncomingMessage, res: ServerResponse, requests: string[]): void {
  requests.push(req.url ?? '');
  const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
  if (req.headers.authorization !== expected) {
    res.writeHead(401, { 'www-authenticate': 'Basic realm="charts"' }).end('unauthorized');
    return;
  }
  const [, base = '', file = ''] = /^\/(repo|tampered)\/(.*)$/.exec(req.url ?? '') ?? [];
  if (file === 'index.yaml') {
    res.writeHead(200, { 'content-type': 'text/yaml' }).end(indexYaml(base === 'tampered'));
    return;
  }
  const version = /^charts\/web-(.+)\.tgz$/.exec(file)?.[1] ?? /^\/charts\/web-(.+)\.tgz$/.exec(req.url ?? '')?.[1];
  const archive = version === undefined ? undefined : ARCHIVES.get(version);
  if (archive === undefined) res.writeHead(404).end('not found');
  else res.writeHead(200, { 'content-type': 'application/gzip' }).end(archive);
}

async function startRepo(): Promise<Repo> {
  const requests: string[] = [];
  const server = createServer((req, res) => handle(req, res, requests));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/repo`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function setUp(): { dir: string; records: LogRecord[]; client: ReturnType<typeof createHelmRepositoryClient> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gantry-helmrepo-'));
  const records: LogRecord[] = [];
  const log = createLogger({ level: 'debug', sink: (r) => records.push(r) });
  return { dir, records, client: createHelmRepositoryClient({ cacheDir: dir, log }) };
}

async function withRepo(run: (repo: Repo, env: ReturnType<typeof setUp>) => Promise<void>): Promise<void> {
  const repo = await startRepo();
  const env = setUp();
  try {
    await run(repo, env);
  } finally {
    await repo.close();
    rmSync(env.dir, { recursive: true, force: true });
  }
}

const credentials = { username: USER, password: PASSWORD };

test('fetches an exact version, renders it, and serves it from the disk cache next time', () =>
  withRepo(async (repo, { client, records }) => {
    const request: ChartRequest = { repoURL: repo.url, chart: 'web', version: '1.0.0', credentials };
    const first = await client.fetchChart(request);
    assert.equal(first.version, '1.0.0');
    assert.equal(first.cached, false);
    assert.deepEqual([...first.files.keys()].sort(), ['Chart.yaml', 'templates/cm.yaml', 'values.yaml']);
    assert.equal(first.digest, createHash('sha256').update(ARCHIVES.get('1.0.0') as Buffer).digest('hex'));
    const rendered = renderHelmChart(first.files, { releaseName: 'r' });
    assert.deepEqual(rendered.manifests[0]?.object, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'r-1.0.0' }, data: { greeting: 'hello' } });
    assert.deepEqual(repo.requests, ['/repo/index.yaml', '/repo/charts/web-1.0.0.tgz']);
    const second = await client.fetchChart(request);
    assert.equal(second.cached, true);
    assert.equal(repo.requests.length, 2, 'an exact version in the cache needs no request');
    assert.deepEqual(second.files, first.files);
    assert.equal(records.filter((r) => r.msg === 'downloaded Helm chart').length, 1);
    assert.doesNotMatch(JSON.stringify(records), new RegExp(PASSWORD));
  }));

test('constraints pick the highest matching version; * skips pre-releases', () =>
  withRepo(async (repo, { client }) => {
    const version = async (v: string): Promise<string> => (await client.resolveVersion({ repoURL: repo.url, chart: 'web', version: v, credentials })).version;
    assert.equal(await version('~1.0'), '1.0.0');
    assert.equal(await version('>=1.0.0 <2.0.0'), '1.1.0');
    assert.equal(await version('^1.0.0-0'), '1.2.0-rc.1');
    assert.equal(await version('*'), '2.0.0');
    assert.equal(await version(''), '2.0.0');
    const fetched = await client.fetchChart({ repoURL: `${repo.url}/`, chart: 'web', version: '1.x', credentials });
    assert.equal(fetched.version, '1.1.0');
    assert.ok(repo.requests.includes('/charts/web-1.1.0.tgz'), 'absolute-path URLs resolve against the server');
    await assert.rejects(client.resolveVersion({ repoURL: repo.url, chart: 'web', version: '>=3', credentials }), (error: Error) => {
      assert.equal(error.name, 'NotFoundError');
      assert.match(error.message, /no version of chart web matches ">=3" \(the index offers 2\.0\.0, 1\.2\.0-rc\.1, 1\.1\.0, 1\.0\.0\)/);
      return true;
    });
    await assert.rejects(client.resolveVersion({ repoURL: repo.url, chart: 'api', version: '1.0.0', credentials }), /chart "api" not found/);
  }));

test('a wrong password fails with the status and a hint, and never shows the password', () =>
  withRepo(async (repo, { client, records }) => {
    const wrong = { username: USER, password: 'not-the-password' };
    await assert.rejects(client.fetchChart({ repoURL: repo.url, chart: 'web', version: '1.0.0', credentials: wrong }), (error: Error) => {
      assert.equal(error.name, 'InputError');
      assert.match(error.message, /^fetch Helm chart web 1\.0\.0 from http:\/\/127\.0\.0\.1:\d+\/repo: GET http:\/\/127\.0\.0\.1:\d+\/repo\/index\.yaml: 401 Unauthorized: check the repository's credentials/);
      assert.doesNotMatch(error.message, /not-the-password/);
      return true;
    });
    const inline = repo.url.replace('http://', `http://${USER}:not-the-password@`);
    await assert.rejects(client.fetchChart({ repoURL: inline, chart: 'web', version: '1.0.0' }), (error: Error) => !/not-the-password/.test(error.message) && /401/.test(error.message));
    const withUrlCredentials = repo.url.replace('http://', `http://${USER}:${PASSWORD}@`);
    assert.equal((await client.fetchChart({ repoURL: withUrlCredentials, chart: 'web', version: '2.0.0' })).version, '2.0.0');
    assert.doesNotMatch(JSON.stringify(records), new RegExp(PASSWORD));
  }));

test('an archive whose digest differs from the index is refused and not cached', () =>
  withRepo(async (repo, { client }) => {
    const request = { repoURL: repo.url.replace('/repo', '/tampered'), chart: 'web', version: '2.0.0', credentials };
    await assert.rejects(client.fetchChart(request), /web-2\.0\.0\.tgz: digest [0-9a-f]{64} does not match the index's [0-9a-f]{64}/);
    await assert.rejects(client.fetchChart(request), /does not match/);
  }));

test('an unreachable repository is a retryable error', async () => {
  const { client, dir } = setUp();
  try {
    await assert.rejects(client.fetchChart({ repoURL: 'http://127.0.0.1:9/charts', chart: 'web', version: '1.0.0' }), (error: Error & { retryable?: boolean }) => {
      assert.equal(error.retryable, true);
      assert.match(error.message, /GET http:\/\/127\.0\.0\.1:9\/charts\/index\.yaml/);
      return true;
    });
    await assert.rejects(client.fetchChart({ repoURL: 'oci://registry/charts', chart: 'web', version: '1.0.0' }), /only http and https Helm repositories/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
