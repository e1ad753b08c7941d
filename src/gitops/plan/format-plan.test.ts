import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPlan } from './format-plan.js';
import type { AppPlan } from './plan-types.js';

const base: AppPlan = { app: 'web', cluster: 'dev', namespace: 'web', revision: 'b'.repeat(40), currentRevision: 'a'.repeat(40), autoPrune: false, resources: [], hooks: 0 };

test('formatPlan says when no app uses the repository', () => {
  assert.equal(formatPlan([], { repo: 'apps', revision: 'main' }), 'No Application uses apps: nothing to plan.\n');
});

test('formatPlan names prunes that wait for a manual prune, shared resources, hooks and apps that could not be planned', () => {
  const plans: AppPlan[] = [
    { ...base, hooks: 1, resources: [{ action: 'prune', group: '', kind: 'ConfigMap', namespace: 'web', name: 'old' }, { action: 'shared', group: 'apps', kind: 'Deployment', namespace: 'web', name: 'api', sharedWith: 'other' }] },
    { ...base, app: 'broken', error: 'render app/x.yaml: line 3: bad indentation' },
  ];
  const text = formatPlan(plans, { repo: 'apps', revision: 'feature' });
  assert.match(text, /Application web \(cluster dev, namespace web\) at aaaaaaa -> bbbbbbb: 0 to create, 0 to change, 1 to prune, 1 shared with other apps; 1 hook would run/);
  assert.match(text, /- ConfigMap web\/old {2}\(pruned only by a sync with prune: automated prune is off\)/);
  assert.match(text, /! apps\/Deployment web\/api {2}\(tracked by application other: left to it, not applied\)/);
  assert.match(text, /Application broken \(cluster dev, namespace web\)\n {2}cannot plan: render app\/x\.yaml: line 3/);
  assert.match(text, /2 applications, 1 would change, 1 could not be planned\. Nothing was applied\.\n$/);
});
