import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GitCredentials, GitReader } from '../../git/index.js';
import { gitReaderWithCredentials } from './repo-credential-lookup.js';

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
