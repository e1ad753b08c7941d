import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registrationDocumentOf } from './registration-document.js';
import { readRegistration } from './read-registration.js';

const testdata = fileURLToPath(new URL('../../../../src/fleet/registration/testdata/', import.meta.url));
const json = readFileSync(join(testdata, 'reference-registration.json'), 'utf8');
const doc = JSON.parse(json) as Record<string, unknown>;

test('the whole JSON is read from config, the other known keys, or a single key of any name', () => {
  const layouts: Record<string, string>[] = [{ config: json }, { registration: json }, { 'registration.json': json }, { secretString: json }, { anything: json }, { config: json, note: 'x' }];
  for (const data of layouts) {
    const got = registrationDocumentOf(data);
    assert.ok(got.ok);
    assert.deepEqual(got.value, doc);
  }
});

test('an ExternalSecret dataFrom.extract layout (one key per field) is read back into the same registration', () => {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(doc)) flat[k] = typeof v === 'string' ? v : JSON.stringify(v);
  const fromFlat = readRegistration('r', flat);
  const fromJson = readRegistration('r', { config: json });
  assert.ok(fromFlat.ok && fromJson.ok);
  assert.deepEqual(fromFlat.value, fromJson.value);
});

test('no JSON, or JSON that does not parse, names the data key', () => {
  const none = registrationDocumentOf({ a: '1', b: '2' });
  assert.ok(!none.ok);
  assert.equal(none.error.field, 'data');
  assert.match(none.error.message, /keys a, b.*"config"/);
  const empty = registrationDocumentOf({});
  assert.ok(!empty.ok);
  assert.match(empty.error.message, /no data/);
  const badFlat = registrationDocumentOf({ cluster_name: 'dev', labels: '{oops' });
  assert.ok(!badFlat.ok);
  assert.equal(badFlat.error.field, 'data.labels');
});
