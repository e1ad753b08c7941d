import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GitCommandError } from './git-command.js';
import { redact, runGitProcess, subcommandOf } from './git-process.js';

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', GIT_CONFIG_NOSYSTEM: '1' };

test('redact replaces secrets and their URL-encoded forms', () => {
  assert.equal(redact('user p@ss:1 and p%40ss%3A1 here', ['p@ss:1']), 'user *** and *** here');
  assert.equal(redact('ab', ['ab']), 'ab', 'too short to redact safely');
});

test('runGitProcess returns raw stdout, feeds stdin, and scrubs secrets from failures', async () => {
  const out = await runGitProcess(['hash-object', '--stdin'], { env, input: 'hello\n' });
  assert.equal(out.toString().trim(), 'ce013625030ba8dba906f756967f9e9ca394464a');
  await assert.rejects(runGitProcess(['--git-dir=/nonexistent/s3cret-path', 'rev-parse', 'HEAD'], { env, secrets: ['s3cret'] }), (e: unknown) => {
    assert.ok(e instanceof GitCommandError);
    assert.equal(e.exitCode, 128);
    assert.match(e.message, /^git rev-parse failed \(exit 128\): /);
    assert.ok(e.message.includes('***') && !e.message.includes('s3cret') && !e.stderr.includes('s3cret'));
    return true;
  });
});

test('runGitProcess kills git and the processes it started after the timeout', async () => {
  const started = Date.now();
  await assert.rejects(runGitProcess(['-c', 'alias.wait=!sleep 5', 'wait'], { env, timeoutMs: 200 }), (e: unknown) => {
    assert.ok(e instanceof GitCommandError);
    assert.equal(e.message, 'git wait timed out after 200 ms');
    return true;
  });
  assert.ok(Date.now() - started < 2000, 'did not wait for the sleep to end');
});

test('subcommandOf skips global options and -c values', () => {
  assert.equal(subcommandOf(['-c', 'credential.helper=', '--git-dir=/x', 'ls-remote', 'url']), 'ls-remote');
  assert.equal(subcommandOf(['-C', '/dir', 'status']), 'status');
  assert.equal(subcommandOf(['--version']), 'command');
});
