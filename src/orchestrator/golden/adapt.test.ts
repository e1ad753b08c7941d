import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadGoldenPaths } from './golden-paths.js';
import { adaptToCluster, type ServedVersions } from './adapt.js';

const web = (): ReturnType<typeof loadGoldenPaths>[number] => {
  const found = loadGoldenPaths().find((r) => r.metadata.name === 'webapplication.gantry.io');
  assert.ok(found, 'the WebApplication golden path ships with gantry');
  return found;
};

const apiVersions = (rgd: ReturnType<typeof web>): Record<string, string> =>
  Object.fromEntries(((rgd.spec as { resources: { id: string; template: { apiVersion: string } }[] }).resources).map((r) => [r.id, r.template.apiVersion]));

/** A 1.20 apiserver without the Prometheus operator. */
const kube120: ServedVersions = (group, kind) => {
  const table: Record<string, string[]> = {
    'autoscaling/HorizontalPodAutoscaler': ['v1', 'v2beta1', 'v2beta2'],
    'policy/PodDisruptionBudget': ['v1beta1'],
    'apps/Deployment': ['v1'],
    '/Service': ['v1'],
    'networking.k8s.io/Ingress': ['v1', 'v1beta1'],
    'networking.k8s.io/NetworkPolicy': ['v1'],
  };
  const versions = table[`${group}/${kind}`] ?? [];
  // Discovery's preference for autoscaling is v1, but v1 cannot express the v2 metrics: prefer the newest v2 line.
  return kind === 'HorizontalPodAutoscaler' ? versions.filter((v) => v.startsWith('v2')).reverse() : versions;
};

test('on a 1.20 apiserver the HPA and PDB move to v2beta2 and v1beta1, and the ServiceMonitor is left out', () => {
  const { rgd, changes } = adaptToCluster(web(), kube120);
  const versions = apiVersions(rgd);
  assert.equal(versions.autoscaler, 'autoscaling/v2beta2');
  assert.equal(versions.disruptionBudget, 'policy/v1beta1');
  assert.equal(versions.deployment, 'apps/v1');
  assert.equal(versions.serviceMonitor, undefined);
  assert.equal(changes.length, 3);
});

test('a current cluster with the Prometheus operator keeps the RGD as written', () => {
  const modern: ServedVersions = (group, kind) => (kind === 'ServiceMonitor' ? ['v1'] : group === 'policy' || group === '' || group === 'apps' || group.startsWith('networking') ? ['v1'] : ['v2', 'v1']);
  const { rgd, changes } = adaptToCluster(web(), modern);
  assert.deepEqual(changes, []);
  assert.equal(apiVersions(rgd).serviceMonitor, 'monitoring.coreos.com/v1');
  assert.equal(apiVersions(rgd).autoscaler, 'autoscaling/v2');
});

test('every shipped golden path parses, names itself, and has resources', () => {
  const names = loadGoldenPaths().map((r) => `${r.metadata.name}:${(r.spec as { schema: { kind: string } }).schema.kind}`);
  assert.deepEqual(names.sort(), ['tenant.gantry.io:Tenant', 'toolplatform.gantry.io:ToolPlatform', 'webapplication.gantry.io:WebApplication']);
});
