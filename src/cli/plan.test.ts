import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repositoryMatcher } from './plan.js';

const isHosted = (url: string): boolean => /^http:\/\/(127\.0\.0\.1|localhost):16442\/git\//.test(url);

test('plan takes a hosted repository by name, or any repository by URL', () => {
  const byName = repositoryMatcher('apps', { isHosted });
  assert.ok(byName('http://127.0.0.1:16442/git/apps.git'));
  assert.ok(byName('http://localhost:16442/git/apps'));
  assert.ok(!byName('http://127.0.0.1:16442/git/myapps.git'));
  assert.ok(!byName('https://github.com/acme/git/apps.git'), 'an external URL is not the hosted repo of that name');
  const byUrl = repositoryMatcher('https://github.com/Acme/Apps', { isHosted });
  assert.ok(byUrl('https://github.com/acme/apps.git'));
  assert.ok(byUrl('git@github.com:acme/apps.git'));
  assert.ok(!byUrl('https://github.com/acme/apps-config.git'));
});
