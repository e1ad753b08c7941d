import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUrlRewrite, rewriteUrl, sameOrigin, type UrlRewrite } from './url-rewrite.js';

const HOSTED = 'http://127.0.0.1:16442/git/';

test('a mirror to a hosted repository name replaces the whole repository URL, with or without .git or a trailing slash', () => {
  const rules: UrlRewrite[] = [{ from: 'https://github.com/aws-samples/appmod-blueprints', to: 'demo-addons' }];
  for (const url of ['https://github.com/aws-samples/appmod-blueprints', 'https://github.com/aws-samples/appmod-blueprints.git', 'https://github.com/aws-samples/appmod-blueprints/', 'https://GITHUB.com/aws-samples/appmod-blueprints']) {
    assert.equal(rewriteUrl(url, rules, HOSTED), 'http://127.0.0.1:16442/git/demo-addons.git', url);
  }
  // Another repository that merely shares the prefix is not the mirrored one.
  assert.equal(rewriteUrl('https://github.com/aws-samples/appmod-blueprints-extra', rules, HOSTED), 'https://github.com/aws-samples/appmod-blueprints-extra');
  assert.equal(rewriteUrl('https://github.com/x/y', rules, 'http://h/git'), 'https://github.com/x/y');
  assert.equal(rewriteUrl('https://github.com/aws-samples/appmod-blueprints', rules, 'http://h/git'), 'http://h/git/demo-addons.git');
});

test('a mirror to a URL replaces the prefix and keeps the rest; the longest prefix wins', () => {
  const rules: UrlRewrite[] = [
    { from: 'https://github.com/', to: 'https://mirror.example.com/github/' },
    { from: 'https://github.com/aws-samples/', to: 'file:///srv/mirrors/aws-samples/' },
  ];
  assert.equal(rewriteUrl('https://github.com/argoproj/argo-cd.git', rules, HOSTED), 'https://mirror.example.com/github/argoproj/argo-cd.git');
  assert.equal(rewriteUrl('https://github.com/aws-samples/x.git', rules, HOSTED), 'file:///srv/mirrors/aws-samples/x.git');
  assert.equal(rewriteUrl('https://gitlab.com/a/b.git', rules, HOSTED), 'https://gitlab.com/a/b.git');
  assert.equal(rewriteUrl('https://gitlab.com/a/b.git', [], HOSTED), 'https://gitlab.com/a/b.git');
});

test('mirrors parse as FROM=TO and say what is wrong', () => {
  assert.deepEqual(parseUrlRewrite('https://github.com/org/repo=my-repo'), { ok: true, value: { from: 'https://github.com/org/repo', to: 'my-repo' } });
  assert.deepEqual(parseUrlRewrite('https://github.com/=https://m.example.com/gh/'), { ok: true, value: { from: 'https://github.com/', to: 'https://m.example.com/gh/' } });
  const missing = parseUrlRewrite('https://github.com/org/repo');
  assert.ok(!missing.ok && /write FROM=TO/.test(missing.error));
  const badName = parseUrlRewrite('https://github.com/org/repo=Bad_Name');
  assert.ok(!badName.ok && /neither a URL nor a hosted repository name/.test(badName.error));
});

test('credentials follow a mirror only to the same scheme, host and port', () => {
  assert.equal(sameOrigin('https://github.com/a/b', 'https://github.com/c/d'), true);
  assert.equal(sameOrigin('https://github.com/a/b', 'https://mirror.example.com/a/b'), false);
  assert.equal(sameOrigin('ssh://git@a.example/x', 'ssh://git@b.example/x'), false);
  assert.equal(sameOrigin('git@github.com:a/b.git', 'git@github.com:a/b.git'), true);
});
