import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createManualClock } from '../core/index.js';
import { createManualScheduler, systemScheduler } from './scheduler.js';

test('manual scheduler fires due timers in deadline order, with the clock at each deadline', () => {
  const clock = createManualClock(1000);
  const scheduler = createManualScheduler(clock);
  const fired: string[] = [];
  scheduler.setTimer(30, () => fired.push(`c@${clock.now()}`));
  scheduler.setTimer(10, () => fired.push(`a@${clock.now()}`));
  scheduler.setTimer(10, () => {
    fired.push(`b@${clock.now()}`);
    scheduler.setTimer(5, () => fired.push(`nested@${clock.now()}`));
  });
  const cancel = scheduler.setTimer(20, () => fired.push('cancelled'));
  cancel();
  scheduler.advance(15);
  assert.deepEqual(fired, ['a@1010', 'b@1010', 'nested@1015']);
  assert.equal(clock.now(), 1015);
  assert.equal(scheduler.pending(), 1);
  scheduler.advance(100);
  assert.deepEqual(fired.slice(3), ['c@1030']);
  assert.equal(clock.now(), 1115);
  assert.equal(scheduler.pending(), 0);
});

test('system scheduler runs and cancels real timers', async () => {
  const fired: string[] = [];
  systemScheduler.setTimer(1, () => fired.push('kept'));
  const cancel = systemScheduler.setTimer(1, () => fired.push('cancelled'));
  cancel();
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(fired, ['kept']);
});
