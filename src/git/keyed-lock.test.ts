import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKeyedLock } from './keyed-lock.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

test('keyed lock runs tasks for one key in order, other keys alongside, and survives failures', async () => {
  const lock = createKeyedLock();
  const log: string[] = [];
  const task = (name: string, fail = false) => async (): Promise<string> => {
    log.push(`start ${name}`);
    await tick();
    log.push(`end ${name}`);
    if (fail) throw new Error(name);
    return name;
  };
  const results = await Promise.allSettled([lock.run('a', task('a1', true)), lock.run('a', task('a2')), lock.run('b', task('b1'))]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['rejected', 'fulfilled', 'fulfilled'],
  );
  const at = (entry: string): number => log.indexOf(entry);
  assert.equal(log.length, 6);
  assert.ok(at('start a2') > at('end a1'), 'a2 waits for a1 even though a1 failed');
  assert.ok(at('start b1') < at('end a1'), 'b1 does not wait for key a');
  assert.equal(await lock.run('a', async () => 'again'), 'again');
});
