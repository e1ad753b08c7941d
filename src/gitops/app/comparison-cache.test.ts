import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createManualClock } from '../../core/index.js';
import { compileIgnoreDifferences } from '../diff/ignore-differences.js';
import type { KubeObject } from '../kube-object.js';
import { createComparisonCache } from './comparison-cache.js';

const target: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns' }, data: { x: '1' } };
const live = (rv: string, uid = 'u1'): KubeObject => ({ ...target, metadata: { ...target.metadata, uid, resourceVersion: rv } });
const none = compileIgnoreDifferences([]);

test('a comparison answer holds for the same manifest, live version and ignore rules only', () => {
  const clock = createManualClock(0);
  const cache = createComparisonCache({ clock, maxAgeMs: 1000 });
  assert.equal(cache.modified({ cluster: 'hub', target, live: live('1'), ignore: none }), undefined);
  cache.remember({ cluster: 'hub', target, live: live('1'), ignore: none }, true);
  assert.equal(cache.modified({ cluster: 'hub', target, live: live('1'), ignore: none }), true);
  assert.equal(cache.modified({ cluster: 'hub', target, live: live('2'), ignore: none }), undefined, 'the live object changed');
  assert.equal(cache.modified({ cluster: 'hub', target, live: live('1', 'u2'), ignore: none }), undefined, 'the object was recreated');
  assert.equal(cache.modified({ cluster: 'hub', target: { ...target, data: { x: '2' } }, live: live('1'), ignore: none }), undefined, 'the manifest changed');
  assert.equal(cache.modified({ cluster: 'spoke', target, live: live('1'), ignore: none }), undefined, 'another cluster');
  const ignoring = compileIgnoreDifferences([{ kind: 'ConfigMap', jsonPointers: ['/data'] }]);
  assert.equal(cache.modified({ cluster: 'hub', target, live: live('1'), ignore: ignoring }), undefined, 'other ignore rules');
  clock.advance(1000);
  assert.equal(cache.modified({ cluster: 'hub', target, live: live('1'), ignore: none }), undefined, 'too old');
});

test('after an apply the manifest is in sync with what the apply left, whatever is ignored', () => {
  const cache = createComparisonCache({ clock: createManualClock(0), maxAgeMs: 1000 });
  cache.remember({ cluster: 'hub', target, live: live('1'), ignore: none }, true);
  cache.applied('hub', target, live('7'));
  assert.equal(cache.modified({ cluster: 'hub', target, live: live('7'), ignore: none }), false);
  assert.equal(cache.modified({ cluster: 'hub', target, live: live('7'), ignore: compileIgnoreDifferences([{ kind: 'ConfigMap', jsonPointers: ['/data'] }]) }), false);
  assert.equal(cache.modified({ cluster: 'hub', target, live: live('8'), ignore: none }), undefined, 'something else wrote since');
});

test('a new manifest supersedes a live version known to match an earlier one', () => {
  const clock = createManualClock(0);
  const cache = createComparisonCache({ clock, maxAgeMs: 1000 });
  const changed: KubeObject = { ...target, data: { x: '2' } };
  assert.equal(cache.superseded({ cluster: 'hub', target: changed, live: live('7'), ignore: none }), false, 'nothing known');
  cache.applied('hub', target, live('7'));
  assert.equal(cache.superseded({ cluster: 'hub', target: changed, live: live('7'), ignore: none }), true);
  assert.equal(cache.superseded({ cluster: 'hub', target, live: live('7'), ignore: none }), false, 'the same manifest');
  assert.equal(cache.superseded({ cluster: 'hub', target: changed, live: live('8'), ignore: none }), false, 'something else wrote since');
  assert.equal(cache.superseded({ cluster: 'hub', target: changed, live: live('7', 'u2'), ignore: none }), false, 'the object was recreated');
  cache.remember({ cluster: 'hub', target, live: live('9'), ignore: none }, false);
  assert.equal(cache.superseded({ cluster: 'hub', target: changed, live: live('9'), ignore: none }), true, 'a dry run found it in sync');
  cache.remember({ cluster: 'hub', target, live: live('10'), ignore: none }, true);
  assert.equal(cache.superseded({ cluster: 'hub', target: changed, live: live('10'), ignore: none }), false, 'live differed from the earlier manifest');
  clock.advance(1000);
  cache.applied('hub', target, live('11'));
  clock.advance(1000);
  assert.equal(cache.superseded({ cluster: 'hub', target: changed, live: live('11'), ignore: none }), false, 'too old');
});

test("a live version is gantry's own apply only when it is what the last apply returned", () => {
  const cache = createComparisonCache({ clock: createManualClock(0), maxAgeMs: 1000 });
  assert.equal(cache.isOwnApply('hub', live('7')), false, 'nothing applied');
  cache.remember({ cluster: 'hub', target, live: live('7'), ignore: none }, false);
  assert.equal(cache.isOwnApply('hub', live('7')), false, 'a dry run is not an apply');
  cache.applied('hub', target, live('8'));
  assert.equal(cache.isOwnApply('hub', live('8')), true);
  assert.equal(cache.isOwnApply('spoke', live('8')), false, 'another cluster');
  assert.equal(cache.isOwnApply('hub', live('9')), false, 'written since');
  assert.equal(cache.isOwnApply('hub', live('8', 'u2')), false, 'recreated');
});
