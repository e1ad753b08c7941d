import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/index.js';
import { clusterRows, formatAge, formatClusterTable, summarizeLabels } from './cluster-rows.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const now = Date.parse('2026-11-23T04:00:00Z');

function secret(name: string, labels: Record<string, string>, registration?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `cluster-${name}`, namespace: 'argocd', labels, ...(registration ? { annotations: { 'gantry.io/registration': registration } } : {}) },
    data: { name: b64(name), server: b64(`https://${name}.example:6443`) },
  };
}

test('labels are summarized with environment, cluster-type and tenant first and gantry markers hidden', () => {
  const labels = { 'argocd.argoproj.io/secret-type': 'cluster', 'gantry.io/fleet-managed': 'true', tenant: 't', zeta: 'z', environment: 'dev', 'cluster-type': 'spoke', alpha: 'a' };
  assert.equal(summarizeLabels(labels), 'environment=dev,cluster-type=spoke,tenant=t,+2');
  assert.equal(summarizeLabels({ 'argocd.argoproj.io/secret-type': 'cluster' }), '-');
});

test('ages read as a person would say them', () => {
  assert.equal(formatAge(undefined, now), 'never');
  assert.equal(formatAge('2026-11-23T03:59:48Z', now), '12s ago');
  assert.equal(formatAge('2026-11-23T03:50:00Z', now), '10m ago');
  assert.equal(formatAge('2026-11-22T22:00:00Z', now), '6h ago');
  assert.equal(formatAge('2026-11-20T04:00:00Z', now), '3d ago');
});

test('the table shows each cluster with its connection, failures with their message, and registrations not applied', () => {
  const connection = (owner: string, data: Record<string, string>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${owner}-connection`, ownerReferences: [{ apiVersion: 'v1', kind: 'Secret', name: owner, uid: 'u' }] },
    data,
  });
  const rows = clusterRows(
    [secret('prod', { environment: 'prod' }, 'gantry-fleet/cluster-registration-prod'), secret('dev', { environment: 'dev' }, 'gantry-fleet/cluster-registration-dev'), secret('manual', {})],
    [
      connection('cluster-dev', { state: 'Successful', reachable: 'true', message: 'connected', serverVersion: 'v1.20.2', lastContact: '2026-11-23T03:59:50Z', attemptedAt: '2026-11-23T03:59:50Z' }),
      connection('cluster-prod', { state: 'Failed', reachable: 'false', message: 'unreachable: connect ECONNREFUSED', attemptedAt: '2026-11-23T03:59:50Z' }),
    ],
  );
  assert.deepEqual(rows.map((r) => r.name), ['dev', 'manual', 'prod']);
  const table = formatClusterTable(rows, [{ registration: 'gantry-fleet/cluster-registration-bad', report: { state: 'Invalid', message: 'labels.tier: bad' } }], now);
  const lines = table.split('\n');
  assert.match(lines[0] ?? '', /^NAME\s+SERVER\s+LABELS\s+CONNECTION\s+VERSION\s+LAST CONTACT$/);
  assert.match(lines[1] ?? '', /^dev\s+https:\/\/dev\.example:6443\s+environment=dev\s+Successful\s+v1\.20\.2\s+10s ago$/);
  assert.match(lines[2] ?? '', /^manual\s+\S+\s+-\s+Unchecked\s+-\s+never$/);
  assert.match(lines[3] ?? '', /^prod\s+\S+\s+environment=prod\s+Failed\s+-\s+never$/);
  assert.equal(lines[4], '  unreachable: connect ECONNREFUSED');
  assert.match(table, /Registrations not applied:\n {2}gantry-fleet\/cluster-registration-bad: Invalid: labels.tier: bad\n$/);
});
