import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInstanceConfig, parseSpokes, toInstanceArgs } from './config.js';

const env = { HOME: '/home/u' };

test('parseSpokes accepts DNS labels and explains every rejection', () => {
  assert.deepEqual(parseSpokes('dev,prod'), ['dev', 'prod']);
  assert.deepEqual(parseSpokes(' dev , staging-eu '), ['dev', 'staging-eu']);
  assert.deepEqual(parseSpokes(undefined), []);
  const bad: [string, RegExp][] = [
    ['Dev', /"Dev" is not a valid cluster name/],
    ['dev,dev', /"dev" is named twice/],
    ['hub', /"hub" is the hub cluster's name/],
    ['a_b', /not a valid cluster name/],
  ];
  for (const [input, message] of bad) assert.throws(() => parseSpokes(input), (e: Error) => e.name === 'InputError' && message.test(e.message), input);
});

test('parseInstanceConfig applies defaults and checks numbers and choices', () => {
  const c = parseInstanceConfig([], env);
  assert.equal(c.dataDir, '/home/u/.local/share/gantry');
  assert.equal(c.portBase, 16440);
  assert.equal(c.simulatedNodes, 3);
  assert.equal(c.gitReadAccess, 'open');
  assert.equal(c.install, true);
  assert.equal(parseInstanceConfig([], { ...env, GANTRY_DATA_DIR: '/data/g' }).dataDir, '/data/g');
  assert.throws(() => parseInstanceConfig(['--simulated-nodes', 'many'], env), /--simulated-nodes takes a whole number/);
  assert.throws(() => parseInstanceConfig(['--git-read-access', 'public'], env), /--git-read-access must be one of open, token/);
  assert.throws(() => parseInstanceConfig(['--bogus'], env), /Unknown option '--bogus'/);
  assert.equal(c.repoPollSeconds, 180);
  assert.equal(c.demo, true);
  assert.equal(parseInstanceConfig(['--repo-poll-seconds', '0'], env).repoPollSeconds, 0);
  assert.throws(() => parseInstanceConfig(['--repo-poll-seconds', 'often'], env), /--repo-poll-seconds takes a whole number/);
});

test('a real cluster never gets simulated nodes or local spokes', () => {
  const c = parseInstanceConfig(['--kubeconfig', '/k/config', '--simulated-nodes', '5'], env);
  assert.equal(c.simulatedNodes, 0);
  assert.equal(c.kubeconfig, '/k/config');
  assert.throws(() => parseInstanceConfig(['--kubeconfig', '/k', '--spokes', 'dev'], env), /--spokes starts local spoke clusters/);
});

test('toInstanceArgs round-trips through parseInstanceConfig', () => {
  const c = parseInstanceConfig(['--spokes', 'dev,prod', '--port-base', '20000', '--etcd', '/bin/etcd', '--git-read-access', 'token', '--repo-poll-seconds', '30', '--webhook-secret-file', '/s/hook', '--no-demo', '--git-mirror', 'https://github.com/org/addons=addons', '--git-mirror', 'https://github.com/=https://m.example/gh/'], env);
  assert.deepEqual(c.gitMirrors, [{ from: 'https://github.com/org/addons', to: 'addons' }, { from: 'https://github.com/', to: 'https://m.example/gh/' }]);
  const again = parseInstanceConfig(toInstanceArgs(c), env);
  assert.deepEqual({ ...again, install: true }, c);
  assert.equal(again.install, false);
});

test('--git-mirror takes FROM=TO and says what is wrong otherwise', () => {
  assert.deepEqual(parseInstanceConfig([], env).gitMirrors, []);
  assert.throws(() => parseInstanceConfig(['--git-mirror', 'https://github.com/org/addons'], env), /^InputError: --git-mirror "https:\/\/github.com\/org\/addons": write FROM=TO/);
});
