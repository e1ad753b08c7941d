import { objectGroup, type KubeObject } from '../kube-object.js';
import { assessAPIService } from './apiservice-health.js';
import { assessAnalysisRun, assessExperiment, assessRollout } from './argo-rollouts-health.js';
import { assessCronWorkflow, assessWorkflow } from './argo-workflows-health.js';
import { assessCertificate, assessClusterIssuer, assessIssuer } from './cert-manager-health.js';
import { assessPersistentVolumeClaim } from './claim-health.js';
import {
  assessClusterStackInstall,
  assessCrossplaneProvider,
  assessCrossplaneResource,
  assessUpboundResource,
  managedResourceCheck,
} from './crossplane-health.js';
import { assessApplicationSet, assessEventBus, assessPrometheus, assessSealedSecret } from './ecosystem-health.js';
import {
  assessClusterExternalSecret,
  assessClusterSecretStore,
  assessExternalSecret,
  assessPushSecret,
  assessSecretStore,
} from './external-secrets-health.js';
import { assessBackendTLSPolicy, assessGateway, assessGatewayClass, assessGRPCRoute, assessHTTPRoute } from './gateway-api-health.js';
import { health, type HealthCheck } from './health-status.js';
import { assessHorizontalPodAutoscaler } from './hpa-health.js';
import { assessJob } from './job-health.js';
import { assessEC2NodeClass, assessNodeClaim, assessNodePool } from './karpenter-health.js';
import { assessScaledJob, assessScaledObject } from './keda-health.js';
import { assessCronJob, assessCustomResourceDefinition, assessPodDisruptionBudget } from './kubernetes-extras-health.js';
import { assessIngress, assessService } from './load-balancer-health.js';
import { assessPod } from './pod-health.js';
import { assessDaemonSet, assessDeployment, assessReplicaSet, assessStatefulSet } from './workload-health.js';

/** A built-in check and the API versions it understands; other versions are reported Unknown, as upstream does. */
interface BuiltinCheck {
  check: HealthCheck;
  versions?: readonly string[];
}

/** gitops-engine's built-in checks, keyed `group/Kind`. */
const BUILTIN_CHECKS: Readonly<Record<string, BuiltinCheck>> = {
  'apps/Deployment': { check: assessDeployment, versions: ['apps/v1'] },
  'apps/StatefulSet': { check: assessStatefulSet, versions: ['apps/v1'] },
  'apps/ReplicaSet': { check: assessReplicaSet, versions: ['apps/v1'] },
  'apps/DaemonSet': { check: assessDaemonSet, versions: ['apps/v1'] },
  'extensions/Ingress': { check: assessIngress },
  'networking.k8s.io/Ingress': { check: assessIngress },
  'argoproj.io/Workflow': { check: assessWorkflow },
  'apiregistration.k8s.io/APIService': {
    check: assessAPIService,
    versions: ['apiregistration.k8s.io/v1', 'apiregistration.k8s.io/v1beta1'],
  },
  '/Service': { check: assessService, versions: ['v1'] },
  '/PersistentVolumeClaim': { check: assessPersistentVolumeClaim, versions: ['v1'] },
  '/Pod': { check: assessPod, versions: ['v1'] },
  'batch/Job': { check: assessJob, versions: ['batch/v1'] },
  'autoscaling/HorizontalPodAutoscaler': {
    check: assessHorizontalPodAutoscaler,
    versions: ['autoscaling/v1', 'autoscaling/v2beta1', 'autoscaling/v2beta2', 'autoscaling/v2'],
  },
};

/** Checks Argo CD ships as resource customizations (Lua upstream), keyed `group/Kind`. */
const CUSTOM_CHECKS: Readonly<Record<string, HealthCheck>> = {
  'apiextensions.k8s.io/CustomResourceDefinition': assessCustomResourceDefinition,
  'batch/CronJob': assessCronJob,
  'policy/PodDisruptionBudget': assessPodDisruptionBudget,
  'argoproj.io/Rollout': assessRollout,
  'argoproj.io/AnalysisRun': assessAnalysisRun,
  'argoproj.io/Experiment': assessExperiment,
  'argoproj.io/ApplicationSet': assessApplicationSet,
  'argoproj.io/CronWorkflow': assessCronWorkflow,
  'argoproj.io/EventBus': assessEventBus,
  'bitnami.com/SealedSecret': assessSealedSecret,
  'cert-manager.io/Certificate': assessCertificate,
  'cert-manager.io/Issuer': assessIssuer,
  'cert-manager.io/ClusterIssuer': assessClusterIssuer,
  'external-secrets.io/ExternalSecret': assessExternalSecret,
  'external-secrets.io/ClusterExternalSecret': assessClusterExternalSecret,
  'external-secrets.io/SecretStore': assessSecretStore,
  'external-secrets.io/ClusterSecretStore': assessClusterSecretStore,
  'external-secrets.io/PushSecret': assessPushSecret,
  'gateway.networking.k8s.io/Gateway': assessGateway,
  'gateway.networking.k8s.io/GatewayClass': assessGatewayClass,
  'gateway.networking.k8s.io/HTTPRoute': assessHTTPRoute,
  'gateway.networking.k8s.io/GRPCRoute': assessGRPCRoute,
  'gateway.networking.k8s.io/BackendTLSPolicy': assessBackendTLSPolicy,
  'karpenter.sh/NodeClaim': assessNodeClaim,
  'karpenter.sh/NodePool': assessNodePool,
  'karpenter.k8s.aws/EC2NodeClass': assessEC2NodeClass,
  'keda.sh/ScaledObject': assessScaledObject,
  'keda.sh/ScaledJob': assessScaledJob,
  'monitoring.coreos.com/Prometheus': assessPrometheus,
  'pkg.crossplane.io/Provider': assessCrossplaneProvider,
  'stacks.crossplane.io/ClusterStackInstall': assessClusterStackInstall,
  'cloudfront.aws.crossplane.io/Distribution': managedResourceCheck('distribution'),
  'route53.aws.crossplane.io/ResourceRecordSet': managedResourceCheck('resourcrecordset'),
  'rds.aws.crossplane.io/DBCluster': managedResourceCheck('DBCluster'),
  'rds.aws.crossplane.io/DBInstance': managedResourceCheck('DBInstance'),
  's3.aws.crossplane.io/Bucket': managedResourceCheck('Bucket'),
  'iam.aws.crossplane.io/Role': managedResourceCheck('Role'),
  'iam.aws.crossplane.io/Policy': managedResourceCheck('Policy'),
  'iam.aws.crossplane.io/RolePolicyAttachment': managedResourceCheck('RolePolicyAttachment'),
};

/** Checks for any kind in a family of groups (`_.crossplane.io/_` upstream); a specific entry wins. */
const WILDCARD_CHECKS: ReadonlyArray<readonly [string, HealthCheck]> = [
  ['.crossplane.io', assessCrossplaneResource],
  ['.upbound.io', assessUpboundResource],
];

function versionGuard(entry: BuiltinCheck, kind: string): HealthCheck {
  const { check, versions } = entry;
  if (!versions) return check;
  return (obj) => {
    const version = obj.apiVersion ?? '';
    if (versions.includes(version)) return check(obj);
    const [group, v] = version.includes('/') ? version.split('/', 2) : ['', version];
    return health('Unknown', `unsupported ${kind} GVK: ${group}/${v}, Kind=${kind}`);
  };
}

/** gitops-engine's built-in check for an object's group and kind, or undefined when it has none. */
export function builtinHealthCheck(obj: KubeObject): HealthCheck | undefined {
  const kind = obj.kind ?? '';
  const entry = BUILTIN_CHECKS[`${objectGroup(obj)}/${kind}`];
  return entry ? versionGuard(entry, kind) : undefined;
}

/** The bundled customization for an object's group and kind (specific, then wildcard), or undefined. */
export function customHealthCheck(obj: KubeObject): HealthCheck | undefined {
  const group = objectGroup(obj);
  const specific = CUSTOM_CHECKS[`${group}/${obj.kind ?? ''}`];
  if (specific) return specific;
  return WILDCARD_CHECKS.find(([suffix]) => group.endsWith(suffix))?.[1];
}
