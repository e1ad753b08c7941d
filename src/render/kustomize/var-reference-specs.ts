/**
 * kustomize's default varReference configuration: the fields in which `$(VAR)` references are
 * expanded (container commands, args, env values and mount paths of every workload, and a few
 * more), written as data.
 */
import type { FieldSpec } from './field-spec.js';

const CONTAINER_FIELDS = ['args', 'command', 'env/value', 'volumeMounts/mountPath'];

function containerFields(kind: string, podSpec: string): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const list of ['containers', 'initContainers']) {
    for (const field of CONTAINER_FIELDS) out.push({ kind, path: `${podSpec}/${list}/${field}` });
  }
  return out;
}

function podFields(kind: string, podSpec: string): FieldSpec[] {
  return [...containerFields(kind, podSpec), { kind, path: `${podSpec}/volumes/nfs/server` }];
}

/** The default varReference field specs. */
export const VAR_REFERENCE_SPECS: readonly FieldSpec[] = [
  ...containerFields('CronJob', 'spec/jobTemplate/spec/template/spec'),
  { kind: 'CronJob', path: 'spec/jobTemplate/spec/template/volumes/nfs/server' },
  ...podFields('DaemonSet', 'spec/template/spec'),
  ...podFields('Deployment', 'spec/template/spec'),
  { kind: 'Deployment', path: 'spec/template/metadata/annotations' },
  { kind: 'Ingress', path: 'spec/rules/host' },
  { kind: 'Ingress', path: 'spec/tls/hosts' },
  { kind: 'Ingress', path: 'spec/tls/secretName' },
  ...podFields('Job', 'spec/template/spec'),
  ...podFields('Pod', 'spec'),
  ...podFields('ReplicaSet', 'spec/template/spec'),
  { kind: 'Service', path: 'spec/ports/port' },
  { kind: 'Service', path: 'spec/ports/targetPort' },
  ...containerFields('StatefulSet', 'spec/template/spec'),
  { kind: 'StatefulSet', path: 'spec/volumeClaimTemplates/spec/nfs/server' },
  { kind: 'PersistentVolume', path: 'spec/nfs/server' },
  { path: 'metadata/labels' },
  { path: 'metadata/annotations' },
];
