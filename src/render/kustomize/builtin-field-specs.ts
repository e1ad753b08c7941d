/**
 * kustomize's default field specs for labels, annotations, namespaces, images and replicas (its
 * built-in transformer configuration), written as data.
 */
import type { FieldSpec } from './field-spec.js';

type Workload = readonly [kind: string, group: string | undefined, podTemplate: string];

/** Workload kinds with a pod template, and where the template sits. */
export const WORKLOADS: readonly Workload[] = [
  ['Deployment', undefined, 'spec/template'],
  ['ReplicaSet', undefined, 'spec/template'],
  ['DaemonSet', undefined, 'spec/template'],
  ['StatefulSet', 'apps', 'spec/template'],
  ['Job', 'batch', 'spec/template'],
  ['ReplicationController', undefined, 'spec/template'],
  ['CronJob', 'batch', 'spec/jobTemplate/spec/template'],
];

function spec(kind: string | undefined, path: string, create: boolean, group?: string, version?: string): FieldSpec {
  const fs: FieldSpec = { path, create };
  if (kind !== undefined) fs.kind = kind;
  if (group !== undefined) fs.group = group;
  if (version !== undefined) fs.version = version;
  return fs;
}

const AFFINITY = [
  'affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'topologySpreadConstraints/labelSelector/matchLabels',
];

function selectorLabelSpecs(): FieldSpec[] {
  const out: FieldSpec[] = [
    spec('Service', 'spec/selector', true, undefined, 'v1'),
    spec('ReplicationController', 'spec/selector', true, undefined, 'v1'),
    spec('ReplicationController', 'spec/template/metadata/labels', true, undefined, 'v1'),
  ];
  for (const kind of ['Deployment', 'ReplicaSet', 'DaemonSet']) {
    out.push(spec(kind, 'spec/selector/matchLabels', true), spec(kind, 'spec/template/metadata/labels', true));
    for (const a of AFFINITY) out.push(spec(kind, `spec/template/spec/${a}`, false, 'apps'));
  }
  out.push(spec('StatefulSet', 'spec/selector/matchLabels', true, 'apps'), spec('StatefulSet', 'spec/template/metadata/labels', true, 'apps'));
  for (const a of AFFINITY) out.push(spec('StatefulSet', `spec/template/spec/${a}`, false, 'apps'));
  out.push(
    spec('StatefulSet', 'spec/volumeClaimTemplates[]/metadata/labels', true, 'apps'),
    spec('Job', 'spec/selector/matchLabels', false, 'batch'),
    spec('Job', 'spec/template/metadata/labels', true, 'batch'),
    spec('CronJob', 'spec/jobTemplate/spec/selector/matchLabels', false, 'batch'),
    spec('CronJob', 'spec/jobTemplate/metadata/labels', true, 'batch'),
    spec('CronJob', 'spec/jobTemplate/spec/template/metadata/labels', true, 'batch'),
    spec('PodDisruptionBudget', 'spec/selector/matchLabels', false, 'policy'),
    spec('NetworkPolicy', 'spec/podSelector/matchLabels', false, 'networking.k8s.io'),
    spec('NetworkPolicy', 'spec/ingress/from/podSelector/matchLabels', false, 'networking.k8s.io'),
    spec('NetworkPolicy', 'spec/egress/to/podSelector/matchLabels', false, 'networking.k8s.io'),
  );
  return out;
}

/** Where commonLabels go: metadata, selectors and pod templates. */
export const COMMON_LABEL_SPECS: readonly FieldSpec[] = [spec(undefined, 'metadata/labels', true), ...selectorLabelSpecs()];

/** Where `labels` with includeTemplates go (besides metadata). */
export const TEMPLATE_LABEL_SPECS: readonly FieldSpec[] = [
  spec('Deployment', 'spec/template/metadata/labels', true),
  spec('ReplicaSet', 'spec/template/metadata/labels', true),
  spec('DaemonSet', 'spec/template/metadata/labels', true),
  spec('StatefulSet', 'spec/template/metadata/labels', true, 'apps'),
  spec('Job', 'spec/template/metadata/labels', true, 'batch'),
  spec('CronJob', 'spec/jobTemplate/metadata/labels', true, 'batch'),
  spec('CronJob', 'spec/jobTemplate/spec/template/metadata/labels', true, 'batch'),
];

/** Where commonAnnotations go. */
export const COMMON_ANNOTATION_SPECS: readonly FieldSpec[] = [
  spec(undefined, 'metadata/annotations', true),
  spec('ReplicationController', 'spec/template/metadata/annotations', true, undefined, 'v1'),
  spec('Deployment', 'spec/template/metadata/annotations', true),
  spec('ReplicaSet', 'spec/template/metadata/annotations', true),
  spec('DaemonSet', 'spec/template/metadata/annotations', true),
  spec('StatefulSet', 'spec/template/metadata/annotations', true, 'apps'),
  spec('Job', 'spec/template/metadata/annotations', true, 'batch'),
  spec('CronJob', 'spec/jobTemplate/metadata/annotations', true, 'batch'),
  spec('CronJob', 'spec/jobTemplate/spec/template/metadata/annotations', true, 'batch'),
];

/** Namespace fields besides metadata/namespace (a v1 Namespace object is renamed to the namespace). */
export const NAMESPACE_SPECS: readonly FieldSpec[] = [
  spec('Namespace', 'metadata/name', true),
  spec('CustomResourceDefinition', 'spec/conversion/webhook/clientConfig/service/namespace', false, 'apiextensions.k8s.io'),
  spec('APIService', 'spec/service/namespace', true, 'apiregistration.k8s.io'),
];

/** Image fields (besides every containers/initContainers list, which kustomize also scans). */
export const IMAGE_SPECS: readonly FieldSpec[] = [
  spec(undefined, 'spec/containers[]/image', true),
  spec(undefined, 'spec/initContainers[]/image', true),
  spec(undefined, 'spec/template/spec/containers[]/image', true),
  spec(undefined, 'spec/template/spec/initContainers[]/image', true),
];

/** Replica count fields. */
export const REPLICA_SPECS: readonly FieldSpec[] = [
  spec('Deployment', 'spec/replicas', true),
  spec('ReplicationController', 'spec/replicas', true),
  spec('ReplicaSet', 'spec/replicas', true),
  spec('StatefulSet', 'spec/replicas', true, 'apps'),
];
