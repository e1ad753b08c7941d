import { stringify } from 'yaml';
import type { KubeObject } from '../../src/kube/index.js';

/** The annotation every benchmark object carries; a push changes it on every object. */
export const REVISION_ANNOTATION = 'bench.gantry.io/revision';

/** The revision an object was applied at (its annotation), or undefined. */
export function revisionOf(obj: KubeObject): string | undefined {
  return obj.metadata.annotations?.[REVISION_ANNOTATION];
}

function meta(name: string, revision: number): KubeObject['metadata'] {
  return { name, labels: { 'gantry.io/bench': 'gitops' }, annotations: { [REVISION_ANNOTATION]: String(revision) } };
}

/** A small ConfigMap whose data changes with the revision. */
export function configMap(name: string, revision: number): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, revision), data: { revision: String(revision), payload: 'x'.repeat(64) } };
}

/** A two-replica Deployment whose pod template changes with the revision (a rollout, as an image bump would). */
export function deployment(name: string, revision: number): KubeObject {
  const labels = { app: name };
  const template = { metadata: { labels, annotations: { [REVISION_ANNOTATION]: String(revision) } }, spec: { containers: [{ name: 'main', image: 'nginx:1.25', ports: [{ containerPort: 8080 }] }] } };
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(name, revision), spec: { replicas: 2, selector: { matchLabels: labels }, template } };
}

/** A ClusterIP Service in front of the Deployment of the same name. */
export function service(name: string, revision: number): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: meta(name, revision), spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } };
}

/** The push-latency app at `revision`: `count` objects, three of them Deployments with a Service each, the rest ConfigMaps. */
export function pushAppObjects(count: number, revision: number): KubeObject[] {
  const workloads = Math.min(3, Math.floor(count / 2));
  const objects: KubeObject[] = [];
  for (let i = 0; i < workloads; i++) objects.push(deployment(`web-${i}`, revision), service(`web-${i}`, revision));
  for (let i = 0; objects.length < count; i++) objects.push(configMap(`settings-${i}`, revision));
  return objects;
}

/** The name of fan-out app `index` (zero-padded so paths sort). */
export function fanOutAppName(index: number): string {
  return `fan-${String(index).padStart(4, '0')}`;
}

/** The objects of fan-out app `index` at `revision`: `count` ConfigMaps named after the app. */
export function fanOutObjects(index: number, count: number, revision: number): KubeObject[] {
  return Array.from({ length: count }, (_, j) => configMap(`${fanOutAppName(index)}-cm-${j}`, revision));
}

/** One YAML file per object, keyed `<dir>/<kind>-<name>.yaml`. */
export function filesOf(dir: string, objects: KubeObject[]): Record<string, string> {
  return Object.fromEntries(objects.map((o) => [`${dir}/${o.kind.toLowerCase()}-${o.metadata.name ?? ''}.yaml`, stringify(o)]));
}

/** A multi-document YAML file holding `objects`. */
export function multiDocument(objects: KubeObject[]): string {
  return objects.map((o) => stringify(o)).join('---\n');
}

/** The same objects placed in `namespace`, for the server-side-apply baselines. */
export function inNamespace(objects: KubeObject[], namespace: string): KubeObject[] {
  return objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace } }));
}
