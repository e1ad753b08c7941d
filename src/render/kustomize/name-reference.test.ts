import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyNamePrefix } from './name-affixes.js';
import { fixNameReferences } from './name-reference.js';
import { applyNamespace } from './namespace.js';
import { Resource } from './resource.js';
import type { JsonObject } from './json-value.js';
import { DEFAULT_TRANSFORMER_CONFIG } from './transformer-config.js';

function deployment(configMap: string, serviceAccount: string): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      template: {
        spec: {
          serviceAccountName: serviceAccount,
          containers: [{ name: 'app', envFrom: [{ configMapRef: { name: configMap } }] }],
          volumes: [{ name: 'v', configMap: { name: configMap } }],
        },
      },
    },
  };
}

const cases = [
  { name: 'configMapRef, volume and service account follow a prefix', ref: 'cfg', want: 'p-cfg', sa: 'p-sa' },
  { name: 'unknown names stay', ref: 'other', want: 'other', sa: 'p-sa' },
];

for (const c of cases) {
  test(`name references: ${c.name}`, () => {
    const resources = [
      new Resource(deployment(c.ref, 'sa')),
      new Resource({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } }),
      new Resource({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } }),
    ];
    applyNamePrefix(resources, 'p-');
    fixNameReferences(resources);
    const spec = (resources[0]?.obj as { spec: { template: { spec: Record<string, unknown> } } }).spec.template.spec;
    assert.deepEqual(spec['volumes'], [{ name: 'v', configMap: { name: c.want } }]);
    assert.deepEqual(spec['containers'], [{ name: 'app', envFrom: [{ configMapRef: { name: c.want } }] }]);
    assert.equal(spec['serviceAccountName'], c.sa);
  });
}

test('name references: RoleBinding subjects follow renames and namespaces', () => {
  const resources = [
    new Resource({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } }),
    new Resource({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rb' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'sa' }],
    }),
  ];
  applyNamespace(resources, 'ns', DEFAULT_TRANSFORMER_CONFIG.namespace);
  applyNamePrefix(resources, 'x-');
  fixNameReferences(resources);
  // kubectl kustomize 5.5 writes the referral's namespace into the subject too.
  assert.deepEqual(resources[1]?.obj['subjects'], [{ kind: 'ServiceAccount', name: 'x-sa', namespace: 'ns' }]);
});

// Two overlays of one base, built together: which ClusterRole each binding's roleRef ends up
// naming, as kubectl kustomize 5.5 decides it (a namespace transformer records every resource's
// id, renamed or not, so an overlay's own namesake stays a candidate).
test('name references: overlays of one base built together pick roleRefs as kubectl kustomize does', async () => {
  const { renderKustomization } = await import('./render-kustomization.js');
  const base = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: rb\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: r\n';
  const roleRefs = (top: string, b: string): string[] => {
    const files = new Map(Object.entries({ 'kustomization.yaml': top, 'a/kustomization.yaml': 'resources: [../base]\nnamePrefix: a-\n', 'b/kustomization.yaml': b, 'base/kustomization.yaml': 'resources: [r.yaml]\n', 'base/r.yaml': base }).map(([k, v]) => [k, Buffer.from(v)]));
    return renderKustomization(files, { path: '.' }).objects.filter((o) => o['kind'] === 'ClusterRoleBinding').map((o) => (o['roleRef'] as { name: string }).name);
  };
  assert.deepEqual(roleRefs('resources: [a, b]\n', 'resources: [../base]\n'), ['a-r', 'a-r']);
  assert.deepEqual(roleRefs('resources: [a, b]\n', 'resources: [../base]\nnamespace: foo\n'), ['a-r', 'r']);
  assert.deepEqual(roleRefs('resources: [a, b]\nnamespace: top\n', 'resources: [../base]\n'), ['a-r', 'r']);
  assert.throws(() => roleRefs('resources: [a, b]\nnamePrefix: t-\n', 'resources: [../base]\nnamespace: foo\n'), /found multiple possible referrals: ClusterRole\.v1\.rbac\.authorization\.k8s\.io\/t-a-r\.\[noNs\], ClusterRole\.v1\.rbac\.authorization\.k8s\.io\/t-r\.\[noNs\]/);
});
