/**
 * From rendered templates to Kubernetes objects as Helm's releaseutil does: each file split into
 * YAML documents, empty documents and partials dropped, hooks (objects annotated helm.sh/hook)
 * kept with their annotations, and ordinary objects sorted into Helm's install order by kind.
 */
import path from 'node:path';
import { InputError } from '../../core/index.js';
import { isYamlMap, parseGoYaml } from './go-yaml-read.js';
import type { YamlValue } from './go-yaml-read.js';

/** A Kubernetes object from a chart, with the chart file it came from. */
export interface HelmManifest {
  /** Helm's key of the source file ("mychart/templates/deployment.yaml", "mychart/crds/x.yaml"). */
  readonly path: string;
  readonly object: { [key: string]: YamlValue };
  /** True for a Helm hook (it carries helm.sh/hook; the sync engine maps it to a sync phase). */
  readonly hook: boolean;
}

/** The annotation that makes an object a Helm hook. */
export const HOOK_ANNOTATION = 'helm.sh/hook';

/** Helm's InstallOrder: kinds in the order Helm installs them; other kinds follow, by name. */
export const INSTALL_ORDER: readonly string[] = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy',
  'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass',
  'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList',
  'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service',
  'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler',
  'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService', 'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

const RANK = new Map(INSTALL_ORDER.map((k, i) => [k, i]));

/** Splits a rendered file into YAML documents as Helm's SplitManifests does. */
export function splitDocuments(text: string): string[] {
  return text.split(/(?:^|\s*\n)---\s*/).filter((doc) => doc.trim() !== '');
}

function flatten(obj: { [key: string]: YamlValue }, out: Array<{ [key: string]: YamlValue }>): void {
  const kind = obj['kind'];
  const items = obj['items'];
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(items)) {
    for (const item of items) if (isYamlMap(item)) flatten(item, out);
    return;
  }
  out.push(obj);
}

/** Parses the objects of one rendered file; throws an InputError naming the file. */
export function parseManifestFile(file: string, text: string): Array<{ [key: string]: YamlValue }> {
  const out: Array<{ [key: string]: YamlValue }> = [];
  for (const doc of splitDocuments(text)) {
    let value: YamlValue;
    try {
      value = parseGoYaml(doc);
    } catch (error) {
      throw new InputError(`YAML parse error on ${file}: ${(error as Error).message}`, { cause: error });
    }
    if (value === null) continue;
    if (!isYamlMap(value)) throw new InputError(`YAML parse error on ${file}: a document is not a Kubernetes object (a mapping)`);
    flatten(value, out);
  }
  return out;
}

function isHook(obj: { [key: string]: YamlValue }): boolean {
  const metadata = obj['metadata'];
  const annotations = isYamlMap(metadata) ? metadata['annotations'] : undefined;
  return isYamlMap(annotations) && typeof annotations[HOOK_ANNOTATION] === 'string';
}

function kindOf(m: HelmManifest): string {
  return typeof m.object['kind'] === 'string' ? m.object['kind'] : '';
}

/** Helm's lessByKind as a comparator: known kinds by InstallOrder, unknown ones last by name. */
export function compareByKind(a: HelmManifest, b: HelmManifest): number {
  const [ka, kb] = [kindOf(a), kindOf(b)];
  const [ra, rb] = [RANK.get(ka), RANK.get(kb)];
  if (ra === undefined && rb === undefined) return ka === kb ? 0 : ka < kb ? -1 : 1;
  if (ra === undefined) return 1;
  if (rb === undefined) return -1;
  return ra - rb;
}

function hookWeight(m: HelmManifest): number {
  const metadata = m.object['metadata'];
  const annotations = isYamlMap(metadata) ? metadata['annotations'] : undefined;
  const weight = isYamlMap(annotations) ? Number(annotations['helm.sh/hook-weight'] ?? 0) : 0;
  return Number.isFinite(weight) ? weight : 0;
}

/** Parses the objects of one rendered file (parseManifestFile, or a cached form of it). */
export type ManifestParser = (file: string, text: string) => Array<{ [key: string]: YamlValue }>;

/** Turns rendered files into manifests: ordinary objects in install order, then hooks by weight. */
export function sortManifests(rendered: ReadonlyMap<string, string>, parse: ManifestParser = parseManifestFile): HelmManifest[] {
  const all: HelmManifest[] = [];
  for (const file of [...rendered.keys()].sort()) {
    if (path.posix.basename(file).startsWith('_') || file.endsWith('NOTES.txt')) continue;
    for (const object of parse(file, rendered.get(file) ?? '')) all.push({ path: file, object, hook: isHook(object) });
  }
  const generic = all.filter((m) => !m.hook).sort(compareByKind);
  const hooks = all.filter((m) => m.hook).sort((a, b) => hookWeight(a) - hookWeight(b) || compareByKind(a, b));
  return [...generic, ...hooks];
}
