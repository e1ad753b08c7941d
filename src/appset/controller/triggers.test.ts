import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApplicationSetSpec } from '../types.js';
import { appSetsForClusterChange, readsRepo, requeueAfterSeconds } from './triggers.js';

const spoke: ApplicationSetSpec = { generators: [{ clusters: { selector: { matchLabels: { 'cluster-type': 'spoke' } } } }] };
const prod: ApplicationSetSpec = { generators: [{ clusters: { selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] } } }] };
const every: ApplicationSetSpec = { generators: [{ clusters: {} }] };
const list: ApplicationSetSpec = { generators: [{ list: { elements: [{ a: 'b' }] } }] };
const nested: ApplicationSetSpec = { generators: [{ matrix: { generators: [{ list: { elements: [] } }, { clusters: { selector: { matchLabels: { env: 'dev' } } } }] } }] };
const templated: ApplicationSetSpec = { generators: [{ matrix: { generators: [{ list: { elements: [] } }, { clusters: { selector: { matchLabels: { env: '{{env}}' } } } }] } }] };
const all = [
  { key: 'spoke', spec: spoke },
  { key: 'prod', spec: prod },
  { key: 'every', spec: every },
  { key: 'list', spec: list },
  { key: 'nested', spec: nested },
  { key: 'templated', spec: templated },
];

test('a label change re-evaluates only the ApplicationSets whose selectors match the old or new labels', () => {
  const cases: [string, { oldLabels?: Record<string, string>; newLabels?: Record<string, string> }, string[]][] = [
    ['new spoke', { newLabels: { 'cluster-type': 'spoke', env: 'dev' } }, ['spoke', 'every', 'nested', 'templated']],
    ['hub becomes prod', { oldLabels: { 'cluster-type': 'hub' }, newLabels: { 'cluster-type': 'hub', env: 'prod' } }, ['prod', 'every', 'templated']],
    ['spoke leaves', { oldLabels: { 'cluster-type': 'spoke' }, newLabels: { 'cluster-type': 'retired' } }, ['spoke', 'every', 'templated']],
    ['deleted prod', { oldLabels: { env: 'prod' } }, ['prod', 'every', 'templated']],
    ['unrelated', { oldLabels: { team: 'a' }, newLabels: { team: 'b' } }, ['every', 'templated']],
  ];
  for (const [what, change, want] of cases) assert.deepEqual(appSetsForClusterChange(all, change), want, what);
});

test('readsRepo and requeueAfterSeconds follow the git generators', () => {
  const git: ApplicationSetSpec = { generators: [{ git: { repoURL: 'http://127.0.0.1:1/git/apps.git', directories: [{ path: '*' }], requeueAfterSeconds: 30 } }] };
  assert.equal(readsRepo(git, (u) => u.endsWith('/git/apps.git')), true);
  assert.equal(readsRepo(git, (u) => u.endsWith('/git/other.git')), false);
  assert.equal(readsRepo(list, () => true), false);
  assert.equal(requeueAfterSeconds(git), 30);
  assert.equal(requeueAfterSeconds({ generators: [{ git: { repoURL: 'x', files: [{ path: 'a' }] } }] }), 180);
  assert.equal(requeueAfterSeconds(spoke), undefined);
});
