import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { installAskPass, prepareCredentials, shellQuote } from './git-credentials.js';

const run = promisify(execFile);

async function paths(t: { after: (fn: () => Promise<void>) => void }): Promise<{ askPass: string; keyDir: string; knownHosts: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gantry-creds-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return { askPass: await installAskPass(join(dir, 'helper')), keyDir: join(dir, 'keys'), knownHosts: join(dir, "it's known") };
}

test('without credentials nothing can prompt', async (t) => {
  const setup = await prepareCredentials(undefined, await paths(t));
  assert.equal(setup.env.GIT_ASKPASS, '');
  assert.match(setup.env.GIT_SSH_COMMAND ?? '', /^ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile='.*it'\\''s known'$/);
  assert.deepEqual(setup.configArgs, []);
  assert.deepEqual(setup.secrets, []);
});

test('a password is answered by the askpass helper from the environment, never stored', async (t) => {
  const p = await paths(t);
  const setup = await prepareCredentials({ username: 'ci', password: "pa ss'word" }, p);
  assert.deepEqual(setup.configArgs, ['-c', 'credential.helper=']);
  assert.deepEqual(setup.secrets, ["pa ss'word"]);
  assert.equal(setup.env.GIT_ASKPASS, p.askPass);
  const ask = async (prompt: string): Promise<string> => (await run(p.askPass, [prompt], { env: setup.env })).stdout;
  assert.equal(await ask("Username for 'https://h.com': "), 'ci\n');
  assert.equal(await ask("Password for 'https://ci@h.com': "), "pa ss'word\n");
  const noUser = await prepareCredentials({ password: 'tok' }, p);
  assert.equal(noUser.env.GANTRY_GIT_USERNAME, 'git', 'a token without a user name still gets one');
});

test('an SSH key goes to a private file for one command and is removed by cleanup', async (t) => {
  const p = await paths(t);
  const setup = await prepareCredentials({ sshPrivateKey: '-----BEGIN KEY-----\nabc\n-----END KEY-----' }, p);
  const [file] = await readdir(p.keyDir);
  assert.ok(file);
  assert.equal((await stat(join(p.keyDir, file))).mode & 0o777, 0o600);
  assert.ok(setup.env.GIT_SSH_COMMAND?.includes(`-i ${shellQuote(join(p.keyDir, file))} -o IdentitiesOnly=yes`));
  await setup.cleanup();
  assert.deepEqual(await readdir(p.keyDir), []);
});
