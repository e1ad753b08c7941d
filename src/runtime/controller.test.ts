import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, createManualClock, InputError, TerminalError, TransientError, type LogRecord } from '../core/index.js';
import { createController, type Controller, type Reconciler } from './controller.js';
import { createDefaultRateLimiter } from './rate-limiter.js';
import { createManualScheduler, type ManualScheduler } from './scheduler.js';
import { createWorkQueue, type WorkQueue } from './work-queue.js';

interface Harness {
  controller: Controller;
  queue: WorkQueue;
  time: ManualScheduler;
  records: LogRecord[];
}

function harness(reconcile: Reconciler, workers = 1): Harness {
  const clock = createManualClock();
  const time = createManualScheduler(clock);
  const queue = createWorkQueue({ clock, scheduler: time, rateLimiter: createDefaultRateLimiter({ clock }) });
  const records: LogRecord[] = [];
  const log = createLogger({ level: 'debug', sink: (r) => records.push(r), now: clock.now });
  const controller = createController({ name: 'demo', reconcile, queue, workers, clock, log });
  return { controller, queue, time, records };
}

/** Lets every pending promise callback run (no timers are involved: time is manual). */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A promise the test resolves by hand. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

test('a successful reconcile forgets the key backoff and logs with controller and key', async () => {
  let failFirst = true;
  const h = harness(() => {
    if (failFirst) {
      failFirst = false;
      return Promise.reject(new TransientError('apiserver unavailable'));
    }
    return Promise.resolve({});
  });
  await h.controller.start();
  h.controller.enqueue('ns/a');
  await flush();
  assert.equal(h.queue.numRequeues('ns/a'), 1);
  assert.deepEqual(h.controller.metrics().lastErrors, { 'ns/a': 'apiserver unavailable' });
  h.time.advance(5);
  await flush();
  assert.equal(h.queue.numRequeues('ns/a'), 0, 'success forgot the backoff');
  assert.deepEqual(h.controller.metrics(), { reconciles: 2, errors: 1, terminalErrors: 0, inFlight: 0, lastErrors: {} });
  const reconciled = h.records.find((r) => r.msg === 'reconciled');
  assert.deepEqual({ controller: reconciled?.fields.controller, key: reconciled?.fields.key }, { controller: 'demo', key: 'ns/a' });
  await h.controller.stop();
});

test('a retryable error requeues the key with growing backoff', async () => {
  const attempts: number[] = [];
  let now = 0;
  const h = harness((key) => {
    attempts.push(now);
    return Promise.reject(new Error(`boom ${key}`));
  });
  await h.controller.start();
  h.controller.enqueue('a');
  await flush();
  for (let ms = 1; ms <= 80; ms++) {
    h.time.advance(1);
    now = ms;
    await flush();
  }
  assert.deepEqual(attempts, [0, 5, 15, 35, 75], 'retries after 5, 10, 20, 40 ms');
  assert.equal(h.controller.metrics().errors, 5);
  const warn = h.records.filter((r) => r.msg === 'reconcile failed, will retry');
  assert.deepEqual(warn.map((r) => r.fields.requeues), [1, 2, 3, 4, 5]);
  await h.controller.stop();
});

test('a TerminalError or other non-retryable error is not requeued', async () => {
  for (const error of [new TerminalError('spec.source is empty'), new InputError('bad manifest')]) {
    let calls = 0;
    const h = harness(() => {
      calls++;
      return Promise.reject(error);
    });
    await h.controller.start();
    h.controller.enqueue('a');
    await flush();
    h.time.advance(2_000_000);
    await flush();
    assert.equal(calls, 1, error.name);
    assert.equal(h.time.pending(), 0, error.name);
    assert.equal(h.queue.numRequeues('a'), 0, error.name);
    assert.equal(h.controller.metrics().terminalErrors, 1, error.name);
    assert.equal(h.records.filter((r) => r.level === 'error').length, 1, error.name);
    h.controller.enqueue('a');
    await flush();
    assert.equal(calls, 2, `${error.name}: a new enqueue reconciles again`);
    await h.controller.stop();
  }
});

test('requeueAfterMs reconciles the key again after that delay', async () => {
  const times: number[] = [];
  let now = 0;
  const h = harness(() => {
    times.push(now);
    return Promise.resolve(times.length < 3 ? { requeueAfterMs: 30 } : {});
  });
  await h.controller.start();
  h.controller.enqueue('a');
  await flush();
  for (let ms = 10; ms <= 200; ms += 10) {
    h.time.advance(10);
    now = ms;
    await flush();
  }
  assert.deepEqual(times, [0, 30, 60]);
  assert.equal(h.time.pending(), 0);
  await h.controller.stop();
});

test('one key is never reconciled by two workers at once; different keys run in parallel', async () => {
  const active = new Map<string, number>();
  let maxSameKey = 0;
  let maxTotal = 0;
  const calls: string[] = [];
  const gates: (() => void)[] = [];
  const h = harness(async (key) => {
    calls.push(key);
    active.set(key, (active.get(key) ?? 0) + 1);
    maxSameKey = Math.max(maxSameKey, active.get(key) ?? 0);
    maxTotal = Math.max(maxTotal, [...active.values()].reduce((a, b) => a + b, 0));
    const g = gate();
    gates.push(g.open);
    await g.promise;
    active.set(key, (active.get(key) ?? 1) - 1);
    return {};
  }, 4);
  await h.controller.start();
  h.controller.enqueue('a');
  h.controller.enqueue('b');
  await flush();
  for (let i = 0; i < 5; i++) h.controller.enqueue('a');
  await flush();
  assert.deepEqual(calls, ['a', 'b'], 'a re-added while running waits for it to finish');
  for (let g = gates.shift(); g; g = gates.shift()) {
    g();
    await flush();
  }
  assert.deepEqual(calls, ['a', 'b', 'a'], 'the re-adds collapsed into one more reconcile');
  assert.equal(maxSameKey, 1);
  assert.equal(maxTotal, 2);
  await h.controller.stop();
});

test('stop aborts the reconcile signal, waits for in-flight reconciles, and ends the workers', async () => {
  const g = gate();
  let sawAbort = false;
  const h = harness(async (_key, ctx) => {
    await g.promise;
    sawAbort = ctx.signal.aborted;
    return {};
  });
  await h.controller.start();
  h.controller.enqueue('a');
  await flush();
  const stopped = h.controller.stop();
  let done = false;
  void stopped.then(() => (done = true));
  await flush();
  assert.equal(done, false, 'stop waits for the in-flight reconcile');
  assert.equal(h.controller.metrics().inFlight, 1);
  g.open();
  await stopped;
  assert.equal(sawAbort, true);
  assert.equal(h.queue.isShuttingDown(), true);
  assert.equal(h.controller.stop(), stopped, 'stop is idempotent');
  await assert.rejects(h.controller.start(), /already started/);
});

test('aborting the start signal stops the controller', async () => {
  const h = harness(() => Promise.resolve({}));
  const abort = new AbortController();
  await h.controller.start(abort.signal);
  abort.abort();
  await flush();
  assert.equal(h.queue.isShuttingDown(), true);
  assert.throws(() => harness(() => Promise.resolve({}), 0), /workers must be a positive integer/);
});
