import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gitEnvironment } from './git-command.js';

test('gitEnvironment drops inherited GIT_* variables and disables prompts', () => {
  const env = gitEnvironment({ PATH: '/bin', HOME: '/h', GIT_DIR: '/elsewhere', GIT_TERMINAL_PROMPT: '1', UNSET: undefined }, { GIT_X: 'y' });
  assert.deepEqual(env, { PATH: '/bin', HOME: '/h', GIT_TERMINAL_PROMPT: '0', GIT_X: 'y' });
});
