import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeGitRequest, type GitRoute } from './git-route.js';

test('routeGitRequest maps smart-HTTP requests to repositories and access levels', () => {
  const cases: { method: string; url: string; want: GitRoute }[] = [
    {
      method: 'GET',
      url: '/git/app.git/info/refs?service=git-upload-pack',
      want: { ok: true, repo: 'app', pathInfo: '/app.git/info/refs', query: 'service=git-upload-pack', access: 'read', updatesRefs: false },
    },
    {
      method: 'POST',
      url: '/git/app.git/git-upload-pack',
      want: { ok: true, repo: 'app', pathInfo: '/app.git/git-upload-pack', query: '', access: 'read', updatesRefs: false },
    },
    {
      method: 'GET',
      url: '/git/app.git/info/refs?service=git-receive-pack',
      want: { ok: true, repo: 'app', pathInfo: '/app.git/info/refs', query: 'service=git-receive-pack', access: 'write', updatesRefs: false },
    },
    {
      method: 'POST',
      url: '/git/team.app.git/git-receive-pack',
      want: { ok: true, repo: 'team.app', pathInfo: '/team.app.git/git-receive-pack', query: '', access: 'write', updatesRefs: true },
    },
    {
      method: 'GET',
      url: '/git/app.git/HEAD',
      want: { ok: true, repo: 'app', pathInfo: '/app.git/HEAD', query: '', access: 'read', updatesRefs: false },
    },
  ];
  for (const c of cases) assert.deepEqual(routeGitRequest(c.method, c.url), c.want, `${c.method} ${c.url}`);
});

test('routeGitRequest refuses paths outside /git/ (404), unknown shapes (404) and escapes (400)', () => {
  const cases: { url: string; status: number }[] = [
    { url: '/', status: 404 },
    { url: '/gitx/app.git/info/refs', status: 404 },
    { url: '/git', status: 404 },
    { url: '/git/', status: 404 },
    { url: '/git/app/info/refs', status: 404 },
    { url: '/git/App.git/info/refs', status: 404 },
    { url: '/git/../etc/passwd', status: 400 },
    { url: '/git/app.git/../../secret.git/HEAD', status: 400 },
    { url: '/git/%2e%2e/etc/passwd', status: 400 },
    { url: '/git/app.git/%2E%2E/config', status: 400 },
    { url: '/git/..%2fsecret.git/HEAD', status: 400 },
    { url: '/git/app.git/objects%5c..%5cconfig', status: 400 },
    { url: '/git/./app.git/HEAD', status: 400 },
    { url: '/git/app.git/%zz', status: 400 },
  ];
  for (const c of cases) {
    const route = routeGitRequest('GET', c.url);
    assert.equal(route.ok, false, c.url);
    if (!route.ok) {
      assert.equal(route.status, c.status, c.url);
      assert.ok(route.message.length > 0);
    }
  }
});
