import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createManualClock } from '../../core/index.js';
import type { SourceReader } from './ports.js';
import { cacheRevisions } from './revision-cache.js';

function countingReader(commits: string[]): SourceReader & { calls: number } {
  const reader = {
    calls: 0,
    resolveRevision: async (): Promise<string> => {
      const commit = commits[Math.min(reader.calls, commits.length - 1)] as string;
      reader.calls++;
      if (commit === 'fail') throw new Error('git failed');
      return commit;
    },
    readFiles: async (): Promise<Map<string, Buffer>> => new Map(),
  };
  return reader;
}

test('one resolution serves every caller within the ttl; a push invalidates its repository at once', async () => {
  const clock = createManualClock(0);
  const inner = countingReader(['c1', 'c2', 'c3']);
  const reader = cacheRevisions(inner, { clock, ttlMs: 1000 });
  const [a, b] = await Promise.all([reader.resolveRevision('http://git/x.git', 'main'), reader.resolveRevision('http://git/x.git', 'main')]);
  assert.deepEqual([a, b, inner.calls], ['c1', 'c1', 1]);
  reader.invalidate((url) => url.endsWith('/y.git'));
  assert.equal(await reader.resolveRevision('http://git/x.git', 'main'), 'c1', 'another repository was pushed');
  reader.invalidate((url) => url.endsWith('/x.git'));
  assert.equal(await reader.resolveRevision('http://git/x.git', 'main'), 'c2');
  clock.advance(1000);
  assert.equal(await reader.resolveRevision('http://git/x.git', 'main'), 'c3', 'the ttl ran out');
});

test('a failed resolution is not kept', async () => {
  const inner = countingReader(['fail', 'c1']);
  const reader = cacheRevisions(inner, { clock: createManualClock(0), ttlMs: 1000 });
  await assert.rejects(reader.resolveRevision('http://git/x.git', 'main'), /git failed/);
  assert.equal(await reader.resolveRevision('http://git/x.git', 'main'), 'c1');
});
