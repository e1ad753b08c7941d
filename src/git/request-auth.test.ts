import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorizeGitRequest, parseBasicAuth, tokenMatches, type AuthDecision } from './request-auth.js';
import type { GitAccess } from './git-route.js';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

test('parseBasicAuth reads user and password, and nothing else', () => {
  assert.deepEqual(parseBasicAuth(basic('x', 's3cret:with:colons')), { user: 'x', password: 's3cret:with:colons' });
  assert.deepEqual(parseBasicAuth(`basic ${Buffer.from(':tok').toString('base64')}`), { user: '', password: 'tok' });
  assert.equal(parseBasicAuth(undefined), undefined);
  assert.equal(parseBasicAuth('Bearer abc'), undefined);
  assert.equal(parseBasicAuth(`Basic ${Buffer.from('nocolon').toString('base64')}`), undefined);
  assert.equal(parseBasicAuth('Basic !!!'), undefined);
});

test('tokenMatches compares whole tokens of any length', () => {
  assert.equal(tokenMatches('abc', 'abc'), true);
  assert.equal(tokenMatches('abd', 'abc'), false);
  assert.equal(tokenMatches('ab', 'abc'), false);
  assert.equal(tokenMatches('', 'abc'), false);
});

test('authorizeGitRequest: pushes always need the token, reads only with readAccess token', () => {
  const token = 'tok-123';
  const cases: { access: GitAccess; readAccess: 'open' | 'token'; authorization?: string; want: AuthDecision }[] = [
    { access: 'read', readAccess: 'open', want: { ok: true } },
    { access: 'read', readAccess: 'open', authorization: basic('me', 'wrong'), want: { ok: true } },
    { access: 'read', readAccess: 'token', want: { ok: false, reason: 'missing-credentials' } },
    { access: 'read', readAccess: 'token', authorization: basic('me', 'wrong'), want: { ok: false, reason: 'wrong-token' } },
    { access: 'read', readAccess: 'token', authorization: basic('me', token), want: { ok: true, user: 'me' } },
    { access: 'write', readAccess: 'open', want: { ok: false, reason: 'missing-credentials' } },
    { access: 'write', readAccess: 'open', authorization: basic('x', 'wrong'), want: { ok: false, reason: 'wrong-token' } },
    { access: 'write', readAccess: 'open', authorization: basic('x', token), want: { ok: true, user: 'x' } },
    { access: 'write', readAccess: 'token', authorization: 'Bearer tok-123', want: { ok: false, reason: 'missing-credentials' } },
  ];
  for (const c of cases) {
    const got = authorizeGitRequest({ access: c.access, readAccess: c.readAccess, authorization: c.authorization, token });
    assert.deepEqual(got, c.want, JSON.stringify(c));
  }
});
