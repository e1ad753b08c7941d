import { test } from 'node:test';
import assert from 'node:assert/strict';
import { revisionCandidates } from './revision-lookup.js';

test('revision candidates follow matchRevision: HEAD, exact ref, branch, tag, then a sha; revision syntax goes to the listing', () => {
  assert.deepEqual(revisionCandidates(''), ['HEAD^{commit}']);
  assert.deepEqual(revisionCandidates(' HEAD '), ['HEAD^{commit}']);
  assert.deepEqual(revisionCandidates('main'), ['refs/heads/main^{commit}', 'refs/tags/main^{commit}']);
  assert.deepEqual(revisionCandidates('release/v1.2'), ['refs/heads/release/v1.2^{commit}', 'refs/tags/release/v1.2^{commit}']);
  assert.deepEqual(revisionCandidates('refs/pull/7/head'), ['refs/pull/7/head^{commit}', 'refs/heads/refs/pull/7/head^{commit}', 'refs/tags/refs/pull/7/head^{commit}']);
  assert.deepEqual(revisionCandidates('ABCDEF1'), ['refs/heads/ABCDEF1^{commit}', 'refs/tags/ABCDEF1^{commit}', 'abcdef1^{commit}']);
  for (const odd of ['main~1', 'main^', 'a:b', 'HEAD@{1}', 'a..b', '-x', 'x.lock', 'dir/', 'new\nline', 'sp ace']) assert.equal(revisionCandidates(odd), undefined, odd);
});
