import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../kube-object.js';
import { diffObjects, diffResources } from './diff-objects.js';
import { renderDiff, renderResourceDiffs } from './render-diff.js';

const deployment = (replicas: number, image: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { replicas, template: { spec: { containers: [{ name: 'web', image, ...extra }] } } },
});

test('renderDiff prints one path per line, live as -, desired as +', () => {
  const result = diffObjects(deployment(3, 'web:2', { args: ['--fast'] }), deployment(1, 'web:1', { command: ['run'] }));
  assert.equal(
    renderDiff(result),
    [
      '- spec.replicas: 1',
      '+ spec.replicas: 3',
      '- spec.template.spec.containers[name=web].image: "web:1"',
      '+ spec.template.spec.containers[name=web].image: "web:2"',
      '+ spec.template.spec.containers[name=web].args: ["--fast"]',
      '- spec.template.spec.containers[name=web].command: ["run"]',
    ].join('\n'),
  );
  assert.equal(renderDiff(diffObjects(deployment(1, 'a'), deployment(1, 'a'))), '');
});

test('long values continue on indented lines', () => {
  const big = { name: 'sidecar', image: 'registry.example.com/team/sidecar:1.2.3', args: ['--a', '--b'] };
  const live = deployment(1, 'a');
  const desired = deployment(1, 'a');
  (desired.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers.push(big);
  assert.equal(
    renderDiff(diffObjects(desired, live)),
    [
      '+ spec.template.spec.containers[name=sidecar]:',
      '+   {',
      '+     "name": "sidecar",',
      '+     "image": "registry.example.com/team/sidecar:1.2.3",',
      '+     "args": [',
      '+       "--a",',
      '+       "--b"',
      '+     ]',
      '+   }',
    ].join('\n'),
  );
});

test('renderResourceDiffs heads each modified resource and leaves in-sync ones out', () => {
  const cm = (v: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' }, data: { k: v } });
  const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
  const text = renderResourceDiffs(
    diffResources([
      { predicted: deployment(1, 'a'), live: deployment(1, 'a') },
      { predicted: cm('new'), live: cm('old') },
      { predicted: ns },
    ]),
  );
  assert.equal(
    text,
    [
      '===== ConfigMap shop/c =====',
      '- data.k: "old"',
      '+ data.k: "new"',
      '',
      '===== Namespace shop =====',
      '+ apiVersion: "v1"',
      '+ kind: "Namespace"',
      '+ metadata: {"name":"shop"}',
    ].join('\n'),
  );
});
