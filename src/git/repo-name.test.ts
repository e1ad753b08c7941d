import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../core/index.js';
import { isValidRepoName, validateRepoName } from './repo-name.js';

test('repository names: valid ones pass', () => {
  const valid = ['a', '0', 'guestbook', 'team-a.platform_v2', 'a1', 'x'.repeat(63), 'a.b', 'app.git'];
  for (const name of valid) {
    assert.equal(isValidRepoName(name), true, name);
    assert.doesNotThrow(() => validateRepoName(name), name);
  }
});

test('repository names: invalid ones throw an InputError that says what a valid name is', () => {
  const invalid = [
    { name: '', why: 'empty' },
    { name: 'Guestbook', why: 'uppercase' },
    { name: '-app', why: 'leading dash' },
    { name: 'app-', why: 'trailing dash' },
    { name: '.app', why: 'leading dot' },
    { name: 'app.', why: 'trailing dot' },
    { name: 'a..b', why: 'double dot' },
    { name: '..', why: 'parent' },
    { name: 'team/app', why: 'slash' },
    { name: '../etc', why: 'escape' },
    { name: 'a b', why: 'space' },
    { name: 'x'.repeat(64), why: 'too long' },
    { name: 'café', why: 'non-ascii' },
  ];
  for (const { name, why } of invalid) {
    assert.equal(isValidRepoName(name), false, why);
    assert.throws(
      () => validateRepoName(name),
      (error: unknown) => {
        assert.ok(error instanceof InputError, why);
        assert.equal(error.name, 'InputError');
        assert.equal(
          error.message,
          `invalid repository name ${JSON.stringify(name)}: use 1 to 63 characters from lowercase letters, digits, ` +
            "'.', '_' and '-', starting and ending with a letter or digit, without '..'",
        );
        return true;
      },
      why,
    );
  }
});
