import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { systemClock } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { connectTestCluster, eventually, testLogger } from '../../testkit/index.js';
import { createDefaultOrchestrator } from '../default-orchestrator.js';
import type { Orchestrator } from './rgd-controller.js';

// kro's example RGDs (../shared/conformance/kro/examples), each applied to the real apiserver
// through the real builder and controllers: accepted, CRD registered, controller running.
const repoRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..');
const examples = join(repoRoot, '..', 'shared', 'conformance', 'kro', 'examples');
const TEST_LABEL = { 'gantry.io/test': 'kro-examples' };
let hub: Cluster;
let orchestrator: Orchestrator;
const abort = new AbortController();

interface Example {
  file: string;
}

function rgdsOf(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(join(examples, file), 'utf8'))
    .map((d) => d.toJSON() as KubeObject)
    .filter((o) => o?.kind === 'ResourceGraphDefinition')
    .map((o) => ({ ...o, metadata: { ...o.metadata, labels: { ...(o.metadata.labels ?? {}), ...TEST_LABEL } } }));
}

const statusOf = async (name: string): Promise<{ state?: string; conditions?: { type: string; status: string; message: string }[] } | undefined> =>
  (await hub.api.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name }))?.status as never;

before(async () => {
  if (!existsSync(examples)) return;
  hub = await connectTestCluster();
  orchestrator = createDefaultOrchestrator({ hub, clock: systemClock, log: testLogger(), goldenPaths: false, rgdSelector: 'gantry.io/test=kro-examples' });
  await orchestrator.start(abort.signal);
});

after(async () => {
  await orchestrator?.stop?.();
  hub?.close();
});

/** Applies an example's RGDs, waits for Active, and removes them (RGD and generated CRD) again. */
async function tryExample(file: string): Promise<string | undefined> {
  const rgds = rgdsOf(file);
  try {
    for (const rgd of rgds) await hub.api.apply(rgd);
    for (const rgd of rgds) {
      const name = rgd.metadata.name ?? '';
      await eventually(`${name} Active`, async () => {
        const s = await statusOf(name);
        if (s?.state === 'Active') return true;
        throw new Error(`${s?.state}: ${(s?.conditions ?? []).filter((c) => c.status !== 'True').map((c) => `${c.type}: ${c.message}`).join('; ')}`);
      }, 20_000);
    }
    return undefined;
  } catch (error) {
    return `${file}: ${(error as Error).message}`;
  } finally {
    for (const rgd of rgds.reverse()) await removeRgd(rgd);
  }
}

async function removeRgd(rgd: KubeObject): Promise<void> {
  const name = rgd.metadata.name ?? '';
  await hub.api.delete({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name });
  await eventually(`${name} deleted`, async () => ((await hub.api.get({ apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', name })) ? undefined : true));
  const schema = (rgd.spec as { schema: { kind: string; group?: string } }).schema;
  const crds = await hub.api.list('apiextensions.k8s.io/v1', 'CustomResourceDefinition', { labelSelector: `kro.run/resource-graph-definition-name=${name}` });
  for (const crd of crds.items) {
    if ((crd.spec as { names: { kind: string } }).names.kind === schema.kind) await hub.api.delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: crd.metadata.name ?? '' });
  }
}

test('kro example RGDs are accepted and reach Active', { skip: existsSync(examples) ? false : 'the shared conformance folder is absent' }, async () => {
  const index = JSON.parse(readFileSync(join(examples, 'INDEX.json'), 'utf8')) as { examples: Example[] };
  // An example that uses another example's kinds goes with them, in one batch.
  const files = index.examples.map((e) => e.file);
  const failures: string[] = [];
  for (const file of files) {
    const saas = file.includes('saas-multi-tenant/');
    if (saas && !file.includes('tenant-rgd')) continue; // tried with the tenant RGD that composes them
    const failure = saas ? await trySaas(files) : await tryExample(file);
    if (failure) failures.push(failure);
  }
  const tried = files.filter((f) => !f.includes('saas-multi-tenant/') || f.includes('tenant-rgd')).length;
  const passed = tried - failures.length;
  console.log(`kro examples conformance: ${passed}/${tried} reached Active (the multi-tenant example's three RGDs as one)`);
  for (const f of failures) console.log(`  ${f}`);
  assert.ok(passed >= tried - 1, failures.join('\n'));
});

/** The multi-tenant example's tenant RGD composes the two others: applied together. */
async function trySaas(files: string[]): Promise<string | undefined> {
  const parts = files.filter((f) => f.includes('saas-multi-tenant/'));
  const rgds = [...parts.filter((f) => !f.includes('tenant-rgd')), ...parts.filter((f) => f.includes('tenant-rgd'))].flatMap(rgdsOf);
  const failure = await tryBatch(rgds);
  return failure ? `saas-multi-tenant: ${failure}` : undefined;
}

async function tryBatch(rgds: KubeObject[]): Promise<string | undefined> {
  try {
    for (const rgd of rgds) {
      await hub.api.apply(rgd);
      const name = rgd.metadata.name ?? '';
      await eventually(`${name} Active`, async () => ((await statusOf(name))?.state === 'Active' ? true : undefined), 20_000);
    }
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    for (const rgd of [...rgds].reverse()) await removeRgd(rgd);
  }
}

/** An RGD labelled for this test's orchestrator, with a ConfigMap resource per given template. */
function invalidRgd(name: string, spec: Record<string, unknown>, resources: Record<string, unknown>[]): KubeObject {
  return { apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', metadata: { name, labels: TEST_LABEL }, spec: { schema: { apiVersion: 'v1alpha1', kind: `Bad${name.replace(/[^a-z]/g, '')}`, spec }, resources } };
}

const cm = (id: string, data: Record<string, string>): Record<string, unknown> => ({ id, template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `\${schema.metadata.name}-${id}` }, data } });

test('an RGD with a cycle, an unknown reference, a type error or an invalid SimpleSchema is Inactive, naming what to fix', { skip: existsSync(examples) ? false : 'the shared conformance folder is absent' }, async () => {
  const cases: { rgd: KubeObject; expect: RegExp[] }[] = [
    { rgd: invalidRgd('cycle', { n: 'string' }, [cm('a', { x: '${b.data.x}' }), cm('b', { x: '${a.data.x}' })]), expect: [/cycle/i, /\ba\b/, /\bb\b/] },
    { rgd: invalidRgd('unknownref', { n: 'string' }, [cm('a', { x: '${nothere.data.x}' })]), expect: [/nothere/, /\ba\b/] },
    { rgd: invalidRgd('typeerror', { n: 'integer' }, [{ id: 'a', template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { x: '${schema.spec.n}' } } }]), expect: [/\ba\b/, /schema\.spec\.n/] },
    { rgd: invalidRgd('badschema', { n: 'strin | required=true' }, [cm('a', { x: '${schema.spec.n}' })]), expect: [/spec\.schema|schema/i, /strin/] },
  ];
  for (const c of cases) await hub.api.apply(c.rgd);
  try {
    for (const c of cases) {
      const name = c.rgd.metadata.name ?? '';
      const message = await eventually(`${name} Inactive`, async () => {
        const s = await statusOf(name);
        return s?.state === 'Inactive' ? s.conditions?.find((x) => x.type === 'GraphAccepted')?.message : undefined;
      });
      console.log(`  ${name}: ${message}`);
      for (const re of c.expect) assert.match(message, re, `${name}: ${message}`);
    }
  } finally {
    for (const c of cases) await removeRgd(c.rgd);
  }
});
