import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, type LogRecord } from './log.js';

test('logger redacts secret fields, filters by level and merges child fields', () => {
  const records: LogRecord[] = [];
  const log = createLogger({ level: 'info', sink: (r) => records.push(r), now: () => 0 });
  const child = log.child({ app: 'guestbook' });
  child.debug('dropped');
  child.info('applied', { token: 'abc123', bearerToken: 'x', count: 3 });
  assert.equal(records.length, 1);
  assert.deepEqual(records[0]?.fields, { app: 'guestbook', token: '<redacted>', bearerToken: '<redacted>', count: 3 });
  assert.equal(records[0]?.msg, 'applied');
  assert.equal(records[0]?.time, '1970-01-01T00:00:00.000Z');
});
