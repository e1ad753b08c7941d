import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readManifestsFast, schemaFromYamlTags } from './fast-manifests.js';
import { goYamlTags, parseYamlDocuments } from './manifest-file.js';

const SHARED = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared');
// The production reader's tags, so the test holds exactly the schema parseManifestFile uses.
const schema = schemaFromYamlTags(goYamlTags);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Holds the fast reader to the full one: when it answers, the objects, their order, indexes and lines are the same. */
function agree(text: string, what: string): boolean {
  const fast = readManifestsFast(text, schema);
  if (fast === undefined) return false;
  let full: unknown;
  try {
    full = parseYamlDocuments('f.yaml', text);
  } catch (error) {
    assert.fail(`${what}: the fast reader accepted what the full reader refuses (${String(error)})`);
  }
  assert.deepEqual(fast, full, what);
  assert.equal(JSON.stringify(fast), JSON.stringify(full), `${what}: key order`);
  return true;
}

const manifest = (body: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n${body}`;

test('plain scalars resolve as YAML 1.1 does in Kubernetes (the full reader), in values and keys', () => {
  const scalars = ['yes', 'No', 'on', 'OFF', 'y', 'n', 'true', 'False', '0777', '0o17', '0x1F', '0b101', '1_000', '-12', '+3', '1e3', '1.5e-2', '.5', '1.', '.inf', '-.Inf', '.nan', '~', 'null', 'NULL', '', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '1:20', '190:20:30.15', '12345678901234567890', '0.1', '00', '08', '09.5', 'hello world', "'quoted yes'", '"0777"', '"\\u00e9\\t\\x41"', '[1, on, "x"]', '{a: 1, b: no}', '|\n    two\n    lines\n', '>-\n    folded\n    text\n\n    more\n', '|+\n    keep\n\n'];
  for (const s of scalars) {
    assert.ok(agree(manifest(`data:\n  v: ${s}\n`), `value ${JSON.stringify(s)}`), `the fast reader should take ${JSON.stringify(s)}`);
  }
  for (const key of ['on', 'yes', '1', '0x10', '1.0', 'nullable', 'true']) {
    assert.ok(agree(manifest(`data:\n  ${key}: v\n`), `key ${key}`));
  }
});

test('documents: markers, comments, empty documents, CRLF and duplicate keys keep the full reader\'s indexes, lines and values', () => {
  const cases = [
    `---\n${manifest('')}`,
    `# leading comment\n\n${manifest('')}---\n# only a comment\n---\n\n${manifest('data: {a: b}\n')}---\n`,
    `${manifest('')}--- # a comment on the marker\n${manifest('')}`,
    manifest('data:\n  a: 1\n  a: 2\n').replace(/\n/g, '\r\n'),
    `---\n---\n${manifest('')}`,
    `${manifest('data:\n  s: "a # not a comment"\n  t: a#b\n')}`,
    `${manifest('data:\n  long: this is\n    a folded plain\n    scalar\n')}`,
  ];
  for (const [i, text] of cases.entries()) assert.ok(agree(text, `case ${i}`), `the fast reader should take case ${i}`);
});

test('what the fast reader leaves to the full reader: anchors, tags, merge keys, errors and non-objects', () => {
  const left = [
    manifest('data: &a {x: 1}\nother: *a\n'),
    manifest('data: !!str 1\n'),
    manifest('base: &b {a: 1}\ndata:\n  <<: *b\n'),
    `%YAML 1.1\n---\n${manifest('')}`,
    `${manifest('')}...\n`,
    manifest('data:\n\tv: 1\n'),
    manifest('data: [unclosed\n'),
    'just a string\n',
    '- a\n- list\n',
    'kind: ConfigMap\nmetadata: {}\n',
    `--- {apiVersion: v1, kind: ConfigMap}\n`,
    manifest('data:\n  ~: v\n'),
    manifest('data: {null: v}\n'),
  ];
  for (const text of left) assert.equal(readManifestsFast(text, schema), undefined, JSON.stringify(text));
});

test('every YAML manifest in the shared corpora reads the same through the fast reader as through the full one', () => {
  const files = yamlFiles(SHARED);
  let fast = 0;
  for (const file of files) {
    if (agree(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), file)) fast++;
  }
  // The corpora hold many manifests the fast path takes; if it took almost none, this test would check nothing.
  console.log(`fast reader took ${fast} of ${files.length} files`);
  assert.ok(files.length > 500 && fast > files.length / 2, `fast reader took ${fast} of ${files.length} files`);
});
