/**
 * kustomize's default name-reference configuration: for each kind that can be referred to by
 * name, the fields (in other kinds) that hold such references.
 */
import type { FieldSpec } from './field-spec.js';
import type { Gvk } from './resource.js';
import { WORKLOADS } from './builtin-field-specs.js';

/** A kind that is referred to by name, and the fields that refer to it. */
export interface NameBackReference {
  target: Partial<Gvk>;
  fieldSpecs: FieldSpec[];
}

/** Pod specs: Pod, PodTemplate and every workload's template. */
function podSpecs(relative: readonly string[]): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const path of relative) {
    out.push({ kind: 'Pod', version: 'v1', path: `spec/${path}` });
    out.push({ kind: 'PodTemplate', path: `template/spec/${path}` });
    for (const [kind, group, template] of WORKLOADS) {
      const fs: FieldSpec = { kind, path: `${template}/spec/${path}` };
      if (group !== undefined) fs.group = group;
      out.push(fs);
    }
  }
  return out;
}

const CONFIG_MAP_POD_PATHS = [
  'volumes/configMap/name',
  'containers/env/valueFrom/configMapKeyRef/name',
  'initContainers/env/valueFrom/configMapKeyRef/name',
  'containers/envFrom/configMapRef/name',
  'initContainers/envFrom/configMapRef/name',
  'volumes/projected/sources/configMap/name',
];

const SECRET_POD_PATHS = [
  'volumes/secret/secretName',
  'containers/env/valueFrom/secretKeyRef/name',
  'initContainers/env/valueFrom/secretKeyRef/name',
  'containers/envFrom/secretRef/name',
  'initContainers/envFrom/secretRef/name',
  'imagePullSecrets/name',
  'volumes/projected/sources/secret/name',
  'volumes/csi/nodePublishSecretRef/name',
];

const ROLE_RESOURCE_NAMES: FieldSpec[] = [
  { kind: 'Role', group: 'rbac.authorization.k8s.io', path: 'rules/resourceNames' },
  { kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', path: 'rules/resourceNames' },
];

const SECRET_EXTRA: FieldSpec[] = [
  { kind: 'Ingress', path: 'spec/tls/secretName' },
  { kind: 'Ingress', path: 'metadata/annotations/ingress.kubernetes.io\\/auth-secret' },
  { kind: 'Ingress', path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret' },
  { kind: 'Ingress', path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret' },
  { kind: 'ServiceAccount', path: 'imagePullSecrets/name' },
  { kind: 'ServiceAccount', path: 'secrets/name' },
  { kind: 'StorageClass', path: 'parameters/secretName' },
  { kind: 'StorageClass', path: 'parameters/adminSecretName' },
  { kind: 'StorageClass', path: 'parameters/userSecretName' },
  { kind: 'StorageClass', path: 'parameters/secretRef' },
  { kind: 'PersistentVolume', path: 'spec/azureFile/secretName' },
  { kind: 'PersistentVolume', path: 'spec/cephfs/secretRef/name' },
  { kind: 'PersistentVolume', path: 'spec/csi/nodePublishSecretRef/name' },
  { kind: 'PersistentVolume', path: 'spec/csi/controllerPublishSecretRef/name' },
  { kind: 'PersistentVolume', path: 'spec/csi/nodeStageSecretRef/name' },
  { kind: 'PersistentVolume', path: 'spec/rbd/secretRef/name' },
  { kind: 'PersistentVolume', path: 'spec/scaleIO/secretRef/name' },
  { kind: 'PersistentVolume', path: 'spec/iscsi/secretRef/name' },
  { kind: 'PersistentVolume', path: 'spec/storageos/secretRef/name' },
  { kind: 'PersistentVolume', path: 'spec/flexVolume/secretRef/name' },
];

const SCALE_TARGET: FieldSpec[] = [{ kind: 'HorizontalPodAutoscaler', path: 'spec/scaleTargetRef/name' }];

const RBAC = 'rbac.authorization.k8s.io';

/** The default name-reference configuration. */
export const NAME_REFERENCES: readonly NameBackReference[] = [
  { target: { kind: 'Deployment' }, fieldSpecs: SCALE_TARGET },
  { target: { kind: 'ReplicationController' }, fieldSpecs: SCALE_TARGET },
  { target: { kind: 'ReplicaSet' }, fieldSpecs: SCALE_TARGET },
  { target: { kind: 'StatefulSet' }, fieldSpecs: SCALE_TARGET },
  {
    target: { kind: 'ConfigMap', version: 'v1' },
    fieldSpecs: [...podSpecs(CONFIG_MAP_POD_PATHS), { kind: 'Node', path: 'spec/configSource/configMap' }, ...ROLE_RESOURCE_NAMES],
  },
  { target: { kind: 'Secret', version: 'v1' }, fieldSpecs: [...podSpecs(SECRET_POD_PATHS), ...SECRET_EXTRA, ...ROLE_RESOURCE_NAMES] },
  {
    target: { kind: 'Service', version: 'v1' },
    fieldSpecs: [
      { kind: 'StatefulSet', group: 'apps', path: 'spec/serviceName' },
      { kind: 'Ingress', path: 'spec/rules/http/paths/backend/serviceName' },
      { kind: 'Ingress', path: 'spec/backend/serviceName' },
      { kind: 'Ingress', path: 'spec/rules/http/paths/backend/service/name' },
      { kind: 'Ingress', path: 'spec/defaultBackend/service/name' },
      { kind: 'APIService', group: 'apiregistration.k8s.io', path: 'spec/service' },
      { kind: 'ValidatingWebhookConfiguration', path: 'webhooks/clientConfig/service' },
      { kind: 'MutatingWebhookConfiguration', path: 'webhooks/clientConfig/service' },
      { kind: 'CustomResourceDefinition', path: 'spec/conversion/webhook/clientConfig/service' },
    ],
  },
  { target: { kind: 'Role', group: RBAC }, fieldSpecs: [{ kind: 'RoleBinding', group: RBAC, path: 'roleRef/name' }] },
  {
    target: { kind: 'ClusterRole', group: RBAC },
    fieldSpecs: [
      { kind: 'RoleBinding', group: RBAC, path: 'roleRef/name' },
      { kind: 'ClusterRoleBinding', group: RBAC, path: 'roleRef/name' },
    ],
  },
  {
    target: { kind: 'ServiceAccount', version: 'v1' },
    fieldSpecs: [
      { kind: 'RoleBinding', group: RBAC, path: 'subjects' },
      { kind: 'ClusterRoleBinding', group: RBAC, path: 'subjects' },
      ...podSpecs(['serviceAccountName', 'serviceAccount']),
    ],
  },
  { target: { kind: 'PersistentVolumeClaim', version: 'v1' }, fieldSpecs: podSpecs(['volumes/persistentVolumeClaim/claimName']) },
  {
    target: { kind: 'PersistentVolume', version: 'v1' },
    fieldSpecs: [{ kind: 'PersistentVolumeClaim', path: 'spec/volumeName' }, { kind: 'ClusterRole', group: RBAC, path: 'rules/resourceNames' }],
  },
  {
    target: { kind: 'StorageClass', group: 'storage.k8s.io' },
    fieldSpecs: [
      { kind: 'PersistentVolume', path: 'spec/storageClassName' },
      { kind: 'PersistentVolumeClaim', path: 'spec/storageClassName' },
      { kind: 'StatefulSet', group: 'apps', path: 'spec/volumeClaimTemplates/spec/storageClassName' },
    ],
  },
  { target: { kind: 'PriorityClass', group: 'scheduling.k8s.io' }, fieldSpecs: podSpecs(['priorityClassName']) },
  { target: { kind: 'IngressClass', group: 'networking.k8s.io' }, fieldSpecs: [{ kind: 'Ingress', path: 'spec/ingressClassName' }] },
  {
    target: { kind: 'ValidatingAdmissionPolicy', group: 'admissionregistration.k8s.io' },
    fieldSpecs: [{ kind: 'ValidatingAdmissionPolicyBinding', group: 'admissionregistration.k8s.io', path: 'spec/policyName' }],
  },
];
