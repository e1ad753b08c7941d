import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCatFileBatch, parseLsTree } from './tree-listing.js';

const oid = (n: number): string => String(n).repeat(40);

test('parseLsTree reads blobs and symlinks with sizes, skips submodules, keeps odd names', () => {
  const out = Buffer.from(
    [
      `100644 blob ${oid(1)}      12\ta.yaml`,
      `100755 blob ${oid(2)}       3\tsub dir/run.sh`,
      `120000 blob ${oid(3)}       9\tlink.yaml`,
      `160000 commit ${oid(4)}       -\tvendor/lib`,
      `100644 blob ${oid(5)}       0\tnew\nline.yaml`,
      '',
    ].join('\0'),
  );
  assert.deepEqual(parseLsTree(out), [
    { path: 'a.yaml', mode: '100644', oid: oid(1), size: 12 },
    { path: 'sub dir/run.sh', mode: '100755', oid: oid(2), size: 3 },
    { path: 'link.yaml', mode: '120000', oid: oid(3), size: 9 },
    { path: 'new\nline.yaml', mode: '100644', oid: oid(5), size: 0 },
  ]);
});

test('parseCatFileBatch splits binary contents by size and reports missing objects', () => {
  const binary = Buffer.from([0, 10, 255, 10]);
  const out = Buffer.concat([
    Buffer.from(`${oid(1)} blob 4\n`),
    binary,
    Buffer.from('\n'),
    Buffer.from(`${oid(9)}:no/such missing\n`),
    Buffer.from(`${oid(2)} blob 0\n\n`),
  ]);
  assert.deepEqual(parseCatFileBatch(out), [
    { name: oid(1), type: 'blob', content: binary },
    { name: `${oid(9)}:no/such`, missing: true },
    { name: oid(2), type: 'blob', content: Buffer.alloc(0) },
  ]);
});

test('parseCatFileBatch refuses truncated output', () => {
  assert.throws(() => parseCatFileBatch(Buffer.from(`${oid(1)} blob 10\nshort\n`)), /unexpected header/);
  assert.throws(() => parseCatFileBatch(Buffer.from(`${oid(1)} blob`)), /ended inside a header/);
});
