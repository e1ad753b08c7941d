import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { assertPortsFree, findFreeBase, listPorts, planPorts } from './ports.js';

test('planPorts lays out consecutive ports and rejects a base out of range', () => {
  const plan = planPorts(16440, ['dev', 'prod']);
  assert.deepEqual(plan, { etcdClient: 16440, etcdPeer: 16441, git: 16442, hub: 16443, spokes: { dev: 16444, prod: 16445 } });
  assert.deepEqual(listPorts(plan).map((p) => p.use), ['etcd client', 'etcd peer', 'git server', 'hub apiserver', 'spoke dev apiserver', 'spoke prod apiserver']);
  assert.throws(() => planPorts(80, []), /--port-base 80 is out of range/);
  assert.throws(() => planPorts(65533, []), /out of range/);
});

test('assertPortsFree names each busy port and its use', async () => {
  const base = await findFreeBase(4);
  const plan = planPorts(base, []);
  await assertPortsFree(plan);
  const server = net.createServer().listen(base + 2, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    await assert.rejects(assertPortsFree(plan), (e: Error) => e.name === 'InputError' && e.message.includes(`${base + 2} (git server)`) && e.message.includes('--port-base'));
  } finally {
    server.close();
  }
});
