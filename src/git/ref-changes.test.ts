import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffRefs, parseRefListing, ZERO_COMMIT, type RefChange } from './ref-changes.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

test('diffRefs reports each moved ref as git would, sorted by refname', () => {
  const cases: { name: string; before: [string, string][]; after: [string, string][]; want: RefChange[] }[] = [
    { name: 'both empty', before: [], after: [], want: [] },
    { name: 'unchanged', before: [['refs/heads/main', A]], after: [['refs/heads/main', A]], want: [] },
    {
      name: 'first push creates a branch',
      before: [],
      after: [['refs/heads/main', A]],
      want: [{ ref: 'refs/heads/main', oldCommit: ZERO_COMMIT, newCommit: A }],
    },
    {
      name: 'fast-forward',
      before: [['refs/heads/main', A]],
      after: [['refs/heads/main', B]],
      want: [{ ref: 'refs/heads/main', oldCommit: A, newCommit: B }],
    },
    {
      name: 'deletion',
      before: [['refs/heads/main', A], ['refs/heads/old', B]],
      after: [['refs/heads/main', A]],
      want: [{ ref: 'refs/heads/old', oldCommit: B, newCommit: ZERO_COMMIT }],
    },
    {
      name: 'several at once, sorted',
      before: [['refs/tags/v1', C], ['refs/heads/main', A]],
      after: [['refs/heads/main', B], ['refs/heads/feature', C]],
      want: [
        { ref: 'refs/heads/feature', oldCommit: ZERO_COMMIT, newCommit: C },
        { ref: 'refs/heads/main', oldCommit: A, newCommit: B },
        { ref: 'refs/tags/v1', oldCommit: C, newCommit: ZERO_COMMIT },
      ],
    },
  ];
  for (const c of cases) {
    assert.deepEqual(diffRefs(new Map(c.before), new Map(c.after)), c.want, c.name);
  }
});

test('parseRefListing reads for-each-ref output and ignores blank lines', () => {
  const output = `${A} refs/heads/main\n${B} refs/tags/v1.0\n\n`;
  assert.deepEqual(
    parseRefListing(output),
    new Map([
      ['refs/heads/main', A],
      ['refs/tags/v1.0', B],
    ]),
  );
  assert.equal(parseRefListing('').size, 0);
});
