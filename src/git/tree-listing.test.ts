import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBatchParser } from './cat-file-batch.js';
import { parseTreeObject } from './tree-listing.js';

const oid = (n: number): string => String(n).repeat(40);

function treeEntry(mode: string, name: string, id: string): Buffer {
  return Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(id, 'hex')]);
}

test('parseTreeObject reads modes, names (any bytes but NUL) and ids of a raw tree object', () => {
  const raw = Buffer.concat([
    treeEntry('100644', 'a.yaml', oid(1)),
    treeEntry('40000', 'sub dir', oid(2)),
    treeEntry('120000', 'link.yaml', oid(3)),
    treeEntry('160000', 'vendor', oid(4)),
    treeEntry('100644', 'new\nline.yaml', oid(5)),
  ]);
  assert.deepEqual(parseTreeObject(raw, 20), [
    { mode: '100644', name: 'a.yaml', oid: oid(1) },
    { mode: '40000', name: 'sub dir', oid: oid(2) },
    { mode: '120000', name: 'link.yaml', oid: oid(3) },
    { mode: '160000', name: 'vendor', oid: oid(4) },
    { mode: '100644', name: 'new\nline.yaml', oid: oid(5) },
  ]);
  assert.throws(() => parseTreeObject(raw.subarray(0, raw.length - 3), 20), /ended inside an entry/);
});

test('the batch parser splits binary contents by size across any chunking and reports missing objects', () => {
  const binary = Buffer.from([0, 10, 255, 10]);
  const out = Buffer.concat([
    Buffer.from(`${oid(1)} blob 4\n`),
    binary,
    Buffer.from('\n'),
    Buffer.from(`${oid(9)}:no/such path missing\n`),
    Buffer.from(`${oid(2)} blob 0\n\n`),
  ]);
  const want = [
    { name: oid(1), oid: oid(1), type: 'blob', content: binary },
    { name: `${oid(9)}:no/such path`, missing: true },
    { name: oid(2), oid: oid(2), type: 'blob', content: Buffer.alloc(0) },
  ];
  for (const size of [1, 3, 7, out.length]) {
    const parser = createBatchParser('contents');
    const got = [];
    for (let i = 0; i < out.length; i += size) got.push(...parser.push(out.subarray(i, i + size)));
    assert.deepEqual(got, want, `chunks of ${size}`);
  }
  const check = createBatchParser('info');
  assert.deepEqual(check.push(Buffer.from(`${oid(1)} tree 70\n${oid(3)} ambiguous\n`)), [
    { name: oid(1), oid: oid(1), type: 'tree', size: 70 },
    { name: oid(3), missing: true },
  ]);
  assert.throws(() => createBatchParser('contents').push(Buffer.from('what is this\n')), /unexpected header/);
});
