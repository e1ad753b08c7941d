import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, TransientError, type LogRecord } from '../core/index.js';
import { createManager } from './manager.js';
import type { Runnable } from './runnable.js';

interface Recorded {
  runnable: Runnable;
  signal: () => AbortSignal | undefined;
}

function recording(name: string, events: string[], fail: { start?: Error; stop?: Error } = {}): Recorded {
  let seen: AbortSignal | undefined;
  const runnable: Runnable = {
    name,
    async start(signal) {
      seen = signal;
      await Promise.resolve();
      if (fail.start) throw fail.start;
      events.push(`start ${name}`);
    },
    async stop() {
      await Promise.resolve();
      events.push(`stop ${name}`);
      if (fail.stop) throw fail.stop;
    },
  };
  return { runnable, signal: () => seen };
}

function quietLog(records: LogRecord[] = []): ReturnType<typeof createLogger> {
  return createLogger({ level: 'debug', sink: (r) => records.push(r), now: () => 0 });
}

test('start runs runnables in order and stop runs them in reverse, aborting their signal', async () => {
  const events: string[] = [];
  const manager = createManager({ log: quietLog() });
  const parts = ['cache', 'apps', 'portal'].map((n) => recording(n, events));
  for (const p of parts) manager.add(p.runnable);
  manager.add({ name: 'no-stop', start: () => void events.push('start no-stop') });
  await manager.start();
  const signal = parts[0]?.signal();
  assert.equal(signal?.aborted, false);
  await manager.stop();
  assert.equal(signal?.aborted, true);
  assert.deepEqual(events, [
    'start cache', 'start apps', 'start portal', 'start no-stop',
    'stop portal', 'stop apps', 'stop cache',
  ]);
  await manager.stop();
  assert.equal(events.length, 7, 'a second stop stops nothing again');
});

test('a runnable that fails to start stops the ones started before it and names itself', async () => {
  const events: string[] = [];
  const records: LogRecord[] = [];
  const manager = createManager({ log: quietLog(records) });
  manager.add(recording('cache', events).runnable);
  manager.add(recording('apps', events).runnable);
  const broken = recording('webhook', events, { start: new TransientError('listen EADDRINUSE :8443') });
  manager.add(broken.runnable);
  manager.add(recording('portal', events).runnable);
  await assert.rejects(manager.start(), (error: unknown) => {
    assert.ok(error instanceof TransientError, 'class kept so callers can tell a retry may help');
    assert.equal(error.message, 'start webhook: listen EADDRINUSE :8443');
    return true;
  });
  assert.deepEqual(events, ['start cache', 'start apps', 'stop apps', 'stop cache']);
  assert.equal(broken.signal()?.aborted, true);
  assert.equal(records.find((r) => r.level === 'error')?.fields.runnable, 'webhook');
});

test('a synchronous throw from start is reported the same way', async () => {
  const manager = createManager({ log: quietLog() });
  manager.add({
    name: 'config',
    start: () => {
      throw new Error('missing kubeconfig');
    },
  });
  await assert.rejects(manager.start(), /^GantryError: start config: missing kubeconfig$/);
});

test('stop carries on past a failing runnable and reports every failure', async () => {
  const events: string[] = [];
  const manager = createManager({ log: quietLog() });
  manager.add(recording('a', events, { stop: new Error('flush timed out') }).runnable);
  manager.add(recording('b', events).runnable);
  manager.add(recording('c', events, { stop: new Error('socket hang up') }).runnable);
  await manager.start();
  await assert.rejects(manager.stop(), /stop runnables: c: socket hang up; a: flush timed out/);
  assert.deepEqual(events.slice(3), ['stop c', 'stop b', 'stop a']);
});

test('aborting the start signal stops the manager', async () => {
  const events: string[] = [];
  const manager = createManager({ log: quietLog() });
  manager.add(recording('a', events).runnable);
  const abort = new AbortController();
  await manager.start(abort.signal);
  abort.abort();
  await manager.stop();
  assert.deepEqual(events, ['start a', 'stop a']);
});

test('add rejects duplicate names and additions after start; start runs once', async () => {
  const manager = createManager({ log: quietLog() });
  manager.add(recording('a', []).runnable);
  assert.throws(() => manager.add(recording('a', []).runnable), /already registered/);
  await manager.start();
  assert.throws(() => manager.add(recording('b', []).runnable), /after start/);
  await assert.rejects(manager.start(), /already started/);
  await manager.stop();
});
