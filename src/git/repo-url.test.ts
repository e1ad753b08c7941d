import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../core/index.js';
import { locateRepo, mirrorDirName, normalizeUrl, redactUrl } from './repo-url.js';

const prefixes = ['http://127.0.0.1:16442/git/', 'http://gantry.local/git'];

const hosted: [string, string][] = [
  ['http://127.0.0.1:16442/git/app.git', 'app'],
  ['http://127.0.0.1:16442/git/app', 'app'],
  ['http://127.0.0.1:16442/git/app.git/', 'app'],
  ['http://x:token@127.0.0.1:16442/git/app.git', 'app'],
  ['http://GANTRY.local/git/web-1.git', 'web-1'],
  ['http://gantry.local:80/git/web.git', 'web'],
];

for (const [url, name] of hosted) {
  test(`locateRepo: ${url} is hosted repo ${name}`, () => {
    const location = locateRepo(url, prefixes);
    assert.equal(location.kind, 'hosted');
    assert.equal(location.kind === 'hosted' && location.name, name);
    assert.ok(!location.display.includes('token'));
  });
}

const external = [
  'http://127.0.0.1:16443/git/app.git', // another port
  'https://127.0.0.1:16442/git/app.git', // another scheme
  'http://127.0.0.1:16442/other/app.git', // outside the prefix path
  'https://github.com/org/repo.git',
  'git@github.com:org/repo.git',
  'ssh://git@github.com/org/repo.git',
];

for (const url of external) {
  test(`locateRepo: ${url} is external`, () => {
    assert.equal(locateRepo(url, prefixes).kind, 'external');
  });
}

test('locateRepo: a path under the hosted prefix that names no repository is an InputError', () => {
  for (const url of ['http://127.0.0.1:16442/git/a/b.git', 'http://127.0.0.1:16442/git/', 'http://127.0.0.1:16442/git/Bad_Name.git']) {
    assert.throws(() => locateRepo(url, prefixes), InputError, url);
  }
});

test('locateRepo: credentials in an external URL move out of it', () => {
  const location = locateRepo('https://user:p%40ss@GitHub.com/org/repo.git', prefixes);
  assert.deepEqual(location, {
    kind: 'external',
    fetchUrl: 'https://github.com/org/repo.git',
    display: 'https://github.com/org/repo.git',
    key: 'https://github.com/org/repo',
    urlCredentials: { username: 'user', password: 'p@ss' },
  });
  const token = locateRepo('https://ghp_abc123@github.com/org/repo', prefixes);
  assert.equal(token.kind === 'external' && token.urlCredentials?.username, 'ghp_abc123');
  assert.equal(token.display, 'https://github.com/org/repo');
});

test('redactUrl strips passwords everywhere and user names from http(s) URLs only', () => {
  assert.equal(redactUrl('https://u:p@h.com/r.git'), 'https://h.com/r.git');
  assert.equal(redactUrl('https://tok@h.com/r.git'), 'https://h.com/r.git');
  assert.equal(redactUrl('ssh://git:pw@h.com/r.git'), 'ssh://git@h.com/r.git');
  assert.equal(redactUrl('ssh://git@h.com/r.git'), 'ssh://git@h.com/r.git');
  assert.equal(redactUrl('git@h.com:r.git'), 'git@h.com:r.git');
  assert.equal(redactUrl('https://h.com/r.git'), 'https://h.com/r.git');
});

test('normalizeUrl and mirrorDirName give one readable, safe folder per repository', () => {
  assert.equal(normalizeUrl('https://GitHub.com/Org/Repo.git/'), 'https://github.com/Org/Repo');
  const a = mirrorDirName('https://github.com/org/repo.git');
  assert.equal(a, mirrorDirName('https://GITHUB.com/org/repo'));
  assert.equal(a, mirrorDirName('https://user:secret@github.com/org/repo.git'));
  assert.notEqual(a, mirrorDirName('https://github.com/org/repo2.git'));
  assert.match(a, /^github\.com-org-repo-[0-9a-f]{16}\.git$/);
  assert.match(mirrorDirName('git@github.com:org/repo.git'), /^git-github\.com-org-repo-[0-9a-f]{16}\.git$/);
  assert.match(mirrorDirName(`https://h.com/${'x'.repeat(200)}`), /^[A-Za-z0-9][A-Za-z0-9._-]{0,59}-[0-9a-f]{16}\.git$/);
});
