/**
 * Helm's `.Capabilities`: the Kubernetes version and API versions of the target cluster (from its
 * discovery when known, else Helm's defaults), and the Helm version gantry stands in for.
 */
import { GoStruct, goFunc } from '../gotemplate/value.js';

/** What a render knows about the target cluster. */
export interface HelmCapabilities {
  /** The cluster's version, "v1.31.0" or "1.31"; Helm's default when absent. */
  readonly kubeVersion?: string;
  /** API group/versions (and group/version/Kind entries) the cluster serves. */
  readonly apiVersions?: readonly string[];
}

/** The Kubernetes version Helm assumes without a cluster (its client-go's). */
export const DEFAULT_KUBE_VERSION = 'v1.31.0';
/** The Helm version `.Capabilities.HelmVersion` reports. */
export const HELM_VERSION = 'v3.16.0';

/** The built-in API versions of Kubernetes 1.31, Helm's default version set without a cluster. */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1', 'admissionregistration.k8s.io/v1', 'apiextensions.k8s.io/v1', 'apiregistration.k8s.io/v1', 'apps/v1',
  'authentication.k8s.io/v1', 'authorization.k8s.io/v1', 'autoscaling/v1', 'autoscaling/v2', 'batch/v1',
  'certificates.k8s.io/v1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1', 'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1beta3', 'networking.k8s.io/v1',
  'node.k8s.io/v1', 'policy/v1', 'rbac.authorization.k8s.io/v1', 'scheduling.k8s.io/v1', 'storage.k8s.io/v1',
];

/** Parses "v1.31.0", "1.31" or "v1.29.3-eks-1234" into Helm's KubeVersion parts. */
export function parseKubeVersion(text: string): { version: string; major: string; minor: string } {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(.*)$/.exec(text.trim());
  if (m === null) throw new Error(`invalid kube version ${JSON.stringify(text)}: expected vMAJOR.MINOR[.PATCH]`);
  const [, major = '', minor = '', patch = '0', rest = ''] = m;
  return { version: `v${major}.${minor}.${patch}${rest}`, major, minor };
}

function versionSet(versions: readonly string[]): GoStruct {
  const set = new Set(versions);
  return new GoStruct('chartutil.VersionSet', {}, { Has: goFunc(['string'], (a) => set.has(String(a[0]))) });
}

/** Builds the `.Capabilities` value. */
export function capabilitiesValue(caps: HelmCapabilities = {}): GoStruct {
  const kube = parseKubeVersion(caps.kubeVersion ?? DEFAULT_KUBE_VERSION);
  const kubeVersion = new GoStruct(
    'chartutil.KubeVersion',
    { Version: kube.version, Major: kube.major, Minor: kube.minor },
    { String: goFunc([], () => kube.version), GitVersion: goFunc([], () => kube.version) },
  );
  const helmVersion = new GoStruct('chartutil.HelmVersion', {
    Version: HELM_VERSION,
    GitCommit: '',
    GitTreeState: 'clean',
    GoVersion: 'go1.22.7',
  });
  const apiVersions = caps.apiVersions ?? DEFAULT_API_VERSIONS;
  return new GoStruct('*chartutil.Capabilities', {
    KubeVersion: kubeVersion,
    APIVersions: versionSet(apiVersions),
    HelmVersion: helmVersion,
  });
}
