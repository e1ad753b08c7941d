import { test } from 'node:test';
import assert from 'node:assert/strict';
import { branchNames, describeMissingRevision, isFetchableExtraRef, matchRevision, parseShowRef, type RevisionMatch } from './revision.js';

const c = (n: number): string => String(n).repeat(40).slice(0, 40);

const SHOW_REF = [
  `${c(1)} HEAD`,
  `${c(1)} refs/heads/main`,
  `${c(2)} refs/heads/dev`,
  `${c(3)} refs/heads/v1`,
  `${c(4)} refs/tags/v1`,
  `${c(5)} refs/tags/v2`,
  `${c(2)} refs/tags/v2^{}`,
  `${c(6)} refs/pull/7/head`,
  '',
].join('\n');

test('parseShowRef peels annotated tags and keeps HEAD apart', () => {
  const listing = parseShowRef(SHOW_REF);
  assert.equal(listing.head, c(1));
  assert.equal(listing.refs.get('refs/tags/v2'), c(2));
  assert.equal(listing.refs.get('refs/tags/v1'), c(4));
  assert.equal(listing.refs.has('HEAD'), false);
});

const cases: [string, RevisionMatch][] = [
  ['', { kind: 'commit', commit: c(1) }],
  ['HEAD', { kind: 'commit', commit: c(1) }],
  [' main ', { kind: 'commit', commit: c(1) }],
  ['dev', { kind: 'commit', commit: c(2) }],
  ['refs/heads/dev', { kind: 'commit', commit: c(2) }],
  ['v1', { kind: 'commit', commit: c(3) }], // a branch wins over a tag of the same name, as in Argo CD
  ['refs/tags/v1', { kind: 'commit', commit: c(4) }],
  ['v2', { kind: 'commit', commit: c(2) }],
  ['refs/pull/7/head', { kind: 'commit', commit: c(6) }],
  ['abcdef1', { kind: 'sha', sha: 'abcdef1' }],
  ['ABCDEF1234', { kind: 'sha', sha: 'abcdef1234' }],
  ['abcdef', { kind: 'none' }], // shorter than Argo CD's 7
  ['main~1', { kind: 'none' }],
  ['nope', { kind: 'none' }],
  ['heads/main', { kind: 'none' }],
];

for (const [revision, want] of cases) {
  test(`matchRevision ${JSON.stringify(revision)}`, () => {
    assert.deepEqual(matchRevision(parseShowRef(SHOW_REF), revision), want);
  });
}

test('an empty repository has no HEAD to resolve', () => {
  assert.deepEqual(matchRevision(parseShowRef(''), 'HEAD'), { kind: 'none' });
});

test('branchNames puts main and master first; the missing-revision message lists branches and counts tags', () => {
  const listing = parseShowRef(SHOW_REF);
  assert.deepEqual(branchNames(listing), ['main', 'dev', 'v1']);
  assert.equal(describeMissingRevision('x', listing), 'no branch, tag or commit named "x" (branches include main, dev, v1; 2 tags)');
  assert.equal(describeMissingRevision('x', parseShowRef('')), 'no branch, tag or commit named "x" (the repository has no branches yet; 0 tags)');
});

test('isFetchableExtraRef accepts full refs outside heads and tags, safely spelled', () => {
  assert.equal(isFetchableExtraRef('refs/pull/7/head'), true);
  assert.equal(isFetchableExtraRef('refs/merge-requests/3/head'), true);
  for (const r of ['refs/heads/main', 'refs/tags/v1', 'main', 'refs/../x', 'refs/a b', '--upload-pack=x', 'refs/x;rm']) {
    assert.equal(isFetchableExtraRef(r), false, r);
  }
});
