import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../kube-object.js';
import { diffObjects, diffResources } from './diff-objects.js';
import { renderDiff, renderResourceDiffs } from './render-diff.js';
import { maskSecret, maskSecretPair, SECRET_MASK, secretValues } from './secret-mask.js';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const PASSWORD = 'hunter2-very-secret';
const TOKEN = 'tok-3f2a1c-private';

const secret = (fields: Record<string, unknown>, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  type: 'Opaque',
  ...fields,
});

function assertNoLeak(output: unknown, label: string): void {
  const text = typeof output === 'string' ? output : JSON.stringify(output);
  for (const value of [PASSWORD, TOKEN, b64(PASSWORD), b64(TOKEN), 'old-password', b64('old-password')]) {
    assert.ok(!text.includes(value), `${label} leaks ${value}`);
  }
}

test('stringData and data spelling the same value are no diff', () => {
  const desired = secret({ stringData: { password: PASSWORD } });
  const live = secret({ data: { password: b64(PASSWORD) } });
  assert.deepEqual(diffObjects(desired, live), { modified: false, changes: [] });
  const both = secret({ data: { password: b64('other'), user: b64('app') }, stringData: { password: PASSWORD } });
  assert.deepEqual(diffObjects(both, secret({ data: { password: b64(PASSWORD), user: b64('app') } })).modified, false, 'stringData wins over data');
});

test('a changed secret value shows as a change of masks, never the value', () => {
  const lastApplied = JSON.stringify({ data: { password: b64('old-password') } });
  const desired = secret({ stringData: { password: PASSWORD, token: TOKEN } });
  const live = secret({ data: { password: b64('old-password'), token: b64(TOKEN), gone: b64(TOKEN) } }, { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied });
  const result = diffObjects(desired, live);
  assert.equal(result.modified, true);
  assert.deepEqual(result.changes, [
    { path: 'data.password', op: 'replace', live: '+++++++++', desired: SECRET_MASK },
    { path: 'data.gone', op: 'remove', live: SECRET_MASK },
  ]);
  assertNoLeak(result, 'DiffResult');
  assertNoLeak(renderDiff(result), 'renderDiff');
});

test('a created or pruned Secret is all masked', () => {
  const desired = secret({ data: { password: b64(PASSWORD) }, stringData: { token: TOKEN } });
  for (const result of [diffObjects(desired, undefined), diffObjects(undefined, desired)]) {
    assert.equal(result.modified, true);
    assertNoLeak(result, 'DiffResult');
    assertNoLeak(renderDiff(result), 'renderDiff');
  }
  const diffs = diffResources([{ predicted: desired }, { live: desired }, { predicted: desired, live: secret({ data: { password: b64('old-password') } }) }]);
  assertNoLeak(diffs, 'diffResources');
  assertNoLeak(renderResourceDiffs(diffs), 'renderResourceDiffs');
});

test('ignore rules and merge keys cannot expose a secret value', () => {
  const desired = secret({ data: { password: b64(PASSWORD) } });
  const live = secret({ data: { password: b64('old-password') } });
  const result = diffObjects(desired, live, { ignoreDifferences: [{ kind: 'Secret', jqPathExpressions: ['.metadata.labels'] }] });
  assertNoLeak(result, 'DiffResult with ignore rules');
});

test('maskSecret hides data, stringData and the last-applied copy; other kinds are untouched', () => {
  const obj = secret({ data: { a: b64(PASSWORD) }, stringData: { b: TOKEN } }, { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ stringData: { b: TOKEN } }), note: 'kept' });
  const masked = maskSecret(obj);
  assert.deepEqual(masked.data, { a: SECRET_MASK });
  assert.deepEqual(masked.stringData, { b: SECRET_MASK });
  assert.equal(masked.metadata?.annotations?.note, 'kept');
  assertNoLeak(masked, 'maskSecret');
  assert.notDeepEqual(obj.data, masked.data, 'the input is not mutated');
  const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'visible' } };
  assert.deepEqual(maskSecret(configMap), configMap);
  const crd: KubeObject = { apiVersion: 'example.com/v1', kind: 'Secret', metadata: { name: 'c' }, data: { a: 'visible' } };
  assert.deepEqual(maskSecret(crd), crd, 'only the core group Secret is masked');
});

test('maskSecretPair: equal values share a mask, different values get different lengths', () => {
  const [desired, live] = maskSecretPair(
    secret({ data: { same: b64('x'), changed: b64('new'), added: b64('a') } }),
    secret({ data: { same: b64('x'), changed: b64('old'), removed: b64('r') } }),
  );
  assert.deepEqual(desired?.data, { same: '++++++++', changed: '++++++++', added: '++++++++' });
  assert.deepEqual(live?.data, { same: '++++++++', changed: '+++++++++', removed: '++++++++' });
  assert.deepEqual(secretValues(secret({ data: { a: 'x' }, stringData: { b: 'y' } })), ['x', 'y']);
});
