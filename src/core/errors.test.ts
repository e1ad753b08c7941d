import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError, TransientError, TerminalError, isRetryable, withContext, GantryError } from './errors.js';

test('withContext keeps class, name and retryability and prefixes the message', () => {
  const cases = [
    { error: new InputError('missing field spec.source'), retryable: false, name: 'InputError', cls: InputError },
    { error: new TransientError('connection reset'), retryable: true, name: 'TransientError', cls: TransientError },
    { error: new TerminalError('bad spec'), retryable: false, name: 'TerminalError', cls: TerminalError },
  ];
  for (const c of cases) {
    const wrapped = withContext('render app guestbook at 3f2a1c', c.error);
    assert.ok(wrapped instanceof c.cls);
    assert.equal(wrapped.name, c.name);
    assert.equal(isRetryable(wrapped), c.retryable);
    assert.equal(wrapped.message, `render app guestbook at 3f2a1c: ${c.error.message}`);
    assert.equal(wrapped.cause, c.error);
  }
});

test('withContext wraps foreign errors as retryable GantryErrors', () => {
  const wrapped = withContext('fetch repo', new Error('ECONNRESET'));
  assert.ok(wrapped instanceof GantryError);
  assert.equal(wrapped.message, 'fetch repo: ECONNRESET');
  assert.equal(isRetryable(wrapped), true);
  assert.equal(isRetryable('a string'), true);
});
