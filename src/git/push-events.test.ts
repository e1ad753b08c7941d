import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, type LogRecord } from '../core/index.js';
import { createPushEvents, type PushEvent } from './push-events.js';

const event: PushEvent = { repo: 'app', ref: 'refs/heads/main', oldCommit: '0'.repeat(40), newCommit: 'a'.repeat(40), at: 5 };

test('push events reach every subscriber until it unsubscribes; a failing listener does not stop the others', async () => {
  const records: LogRecord[] = [];
  const events = createPushEvents({ log: createLogger({ level: 'debug', sink: (r) => records.push(r) }) });
  const seen: string[] = [];
  events.subscribe(() => {
    throw new Error('boom');
  });
  events.subscribe(() => Promise.reject(new Error('async boom')));
  const off = events.subscribe((e) => void seen.push(`first:${e.ref}`));
  events.subscribe((e) => void seen.push(`second:${e.newCommit.slice(0, 1)}`));
  events.emit(event);
  off();
  events.emit({ ...event, ref: 'refs/heads/dev' });
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(seen, ['first:refs/heads/main', 'second:a', 'second:a']);
  const failures = records.filter((r) => r.msg === 'push listener failed').map((r) => r.fields.error);
  assert.deepEqual(failures.sort(), ['async boom', 'async boom', 'boom', 'boom']);
});
