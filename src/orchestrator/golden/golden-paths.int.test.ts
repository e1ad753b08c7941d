import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { connectTestCluster, createTestNamespace, eventually, testLogger } from '../../testkit/index.js';
import { createDefaultOrchestrator } from '../default-orchestrator.js';
import type { Orchestrator } from '../rgd/rgd-controller.js';

// The golden paths through the real graph builder, CEL evaluator and controllers on the 1.20
// apiserver. (Deployments become available only with simulated nodes; the end-to-end ACTIVE of a
// WebApplication is in src/cli/golden-paths.int.test.ts, which runs gantry as `gantry up` does.)
let hub: Cluster;
let orchestrator: Orchestrator;
let ns: { name: string; cleanup: () => Promise<void> };
const abort = new AbortController();
const team = `team-${randomBytes(3).toString('hex')}`;

const APPPROJECT_CRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'appprojects.argoproj.io', labels: { 'app.kubernetes.io/part-of': 'gantry' } },
  spec: {
    group: 'argoproj.io',
    names: { kind: 'AppProject', listKind: 'AppProjectList', plural: 'appprojects', singular: 'appproject', shortNames: ['appproj'] },
    scope: 'Namespaced',
    versions: [{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } }],
  },
};

const rgdState = async (name: string): Promise<{ state?: string; conditions?: { type: string; status: string; message: string }[] } | undefined> =>
  (await hub.api.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name }))?.status as never;

before(async () => {
  hub = await connectTestCluster();
  ns = await createTestNamespace(hub, 'golden');
  // The Tenant's AppProject needs Argo CD's kind, which gantry's Application controller serves.
  if (!(await hub.api.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'appprojects.argoproj.io' }))) await hub.api.apply(APPPROJECT_CRD);
  await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
  await eventually('AppProject served', async () => {
    hub.api.discovery.invalidate();
    return (await hub.api.discovery.resources()).some((r) => r.kind === 'AppProject') ? true : undefined;
  });
  // Only the golden paths (labelled part-of gantry): other tests' orchestrators own their RGDs.
  orchestrator = createDefaultOrchestrator({ hub, clock: systemClock, log: testLogger(), rgdSelector: 'app.kubernetes.io/part-of=gantry' });
  await orchestrator.start(abort.signal);
});

after(async () => {
  await orchestrator.stop?.();
  await ns.cleanup();
  hub.close();
});

test('the shipped golden paths are accepted on a 1.20 apiserver and reach Active', async () => {
  for (const name of ['webapplication.gantry.io', 'tenant.gantry.io', 'toolplatform.gantry.io']) {
    const status = await eventually(`${name} Active`, async () => {
      const s = await rgdState(name);
      if (s?.state === 'Active') return s;
      throw new Error(`state ${s?.state}: ${JSON.stringify(s?.conditions?.filter((c) => c.status !== 'True'))}`);
    }, 30_000);
    assert.ok(status.conditions?.every((c) => c.status === 'True'));
  }
});

test('a WebApplication instance expands into the restricted Deployment, Service, TLS Ingress, HPA v2beta2, PDB v1beta1 and NetworkPolicy', async () => {
  await hub.api.apply({ apiVersion: 'platform.gantry.io/v1alpha1', kind: 'WebApplication', metadata: { name: 'shop', namespace: ns.name }, spec: { image: 'ghcr.io/acme/shop:1.0', host: 'shop.example.com' } });
  const get = (apiVersion: string, kind: string): Promise<KubeObject> => eventually(`${kind} shop`, () => hub.api.get({ apiVersion, kind, namespace: ns.name, name: 'shop' }));
  const deploy = (await get('apps/v1', 'Deployment')) as KubeObject & { spec: { replicas: number; template: { spec: { securityContext: Record<string, unknown>; containers: { securityContext: Record<string, unknown>; resources: { requests: Record<string, string>; limits: Record<string, string> }; ports: { containerPort: number }[] }[] } } } };
  const c = deploy.spec.template.spec.containers[0];
  assert.equal(deploy.spec.replicas, 2, 'the SimpleSchema default');
  assert.equal(c?.ports[0]?.containerPort, 8080);
  assert.deepEqual(c?.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
  assert.equal(deploy.spec.template.spec.securityContext.runAsNonRoot, true);
  assert.deepEqual(c?.resources, { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
  await get('v1', 'Service');
  const ingress = (await get('networking.k8s.io/v1', 'Ingress')) as KubeObject & { spec: { tls: { hosts: string[]; secretName: string }[] } };
  assert.deepEqual(ingress.spec.tls, [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }]);
  const hpa = await get('autoscaling/v2beta2', 'HorizontalPodAutoscaler');
  assert.equal((hpa.spec as { maxReplicas: number }).maxReplicas, 10);
  await get('policy/v1beta1', 'PodDisruptionBudget');
  await get('networking.k8s.io/v1', 'NetworkPolicy');
  const instance = await eventually('instance state', async () => {
    const i = await hub.api.get({ apiVersion: 'platform.gantry.io/v1alpha1', kind: 'WebApplication', namespace: ns.name, name: 'shop' });
    return (i?.status as { url?: string } | undefined)?.url ? i : undefined;
  });
  const st = instance.status as { state: string; url: string; conditions: { type: string; status: string; message: string }[] };
  assert.equal(st.url, 'https://shop.example.com');
  // No kubelet here: the Deployment is never available, so the instance says what it waits for.
  assert.equal(st.state, 'IN_PROGRESS');
  assert.match(st.conditions.find((x) => x.type === 'ResourcesReady')?.message ?? '', /deployment: readyWhen/);
  await hub.api.delete({ apiVersion: 'platform.gantry.io/v1alpha1', kind: 'WebApplication', namespace: ns.name, name: 'shop' });
  await eventually('children gone', async () => ((await hub.api.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns.name, name: 'shop' })) ? undefined : true));
});

test('a Tenant instance creates its namespace, guardrails, RoleBinding and an AppProject limited to its namespace and repos, and reaches ACTIVE', async () => {
  await hub.api.apply({ apiVersion: 'platform.gantry.io/v1alpha1', kind: 'Tenant', metadata: { name: team, namespace: ns.name }, spec: { team, group: `${team}-devs`, repos: [`https://git.example.com/${team}/*`] } });
  const active = await eventually('Tenant ACTIVE', async () => {
    const i = await hub.api.get({ apiVersion: 'platform.gantry.io/v1alpha1', kind: 'Tenant', namespace: ns.name, name: team });
    const st = i?.status as { state?: string; conditions?: unknown } | undefined;
    if (st?.state === 'ACTIVE') return i;
    throw new Error(`state ${st?.state} ${JSON.stringify(st?.conditions)}`);
  }, 30_000);
  assert.equal((active.status as { namespace: string }).namespace, team);
  assert.ok(await hub.api.get({ apiVersion: 'v1', kind: 'Namespace', name: team }));
  assert.ok(await hub.api.get({ apiVersion: 'v1', kind: 'ResourceQuota', namespace: team, name: `${team}-quota` }));
  assert.ok(await hub.api.get({ apiVersion: 'v1', kind: 'LimitRange', namespace: team, name: `${team}-defaults` }));
  assert.ok(await hub.api.get({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: team, name: 'default-deny-ingress' }));
  const binding = await hub.api.get({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', namespace: team, name: `${team}-editors` });
  assert.deepEqual((binding?.subjects as { name: string }[]).map((s) => s.name), [`${team}-devs`]);
  assert.equal(await hub.api.get({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', namespace: team, name: `${team}-viewers` }), undefined, 'no viewer group: excluded');
  const project = await hub.api.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace: 'argocd', name: team });
  const spec = project?.spec as { sourceRepos: string[]; destinations: { namespace: string }[] };
  assert.deepEqual(spec.sourceRepos, [`https://git.example.com/${team}/*`]);
  assert.deepEqual(spec.destinations.map((d) => d.namespace), [team, `${team}-*`]);
  await hub.api.delete({ apiVersion: 'platform.gantry.io/v1alpha1', kind: 'Tenant', namespace: ns.name, name: team });
  await eventually('AppProject and namespace removed', async () => {
    const p = await hub.api.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace: 'argocd', name: team });
    const n = await hub.api.get({ apiVersion: 'v1', kind: 'Namespace', name: team });
    return !p && (!n || n.metadata.deletionTimestamp) ? true : undefined;
  }, 30_000);
});
