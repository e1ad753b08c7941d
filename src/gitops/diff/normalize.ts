import type { KubeObject } from '../kube-object.js';
import { objectGroup, objectKind } from '../kube-object.js';
import { cloneJson, isJsonObject, type JsonObject } from './json-value.js';
import { deletePaths, type ObjectPath } from './object-path.js';

/** kubectl's client-side apply record: a copy of the last applied manifest, never drift in itself. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Options for normalizeForDiff. */
export interface NormalizeOptions {
  /** Compare `status` too (it is dropped by default; CustomResourceDefinitions always drop it). */
  compareStatus?: boolean;
}

const NOISE: readonly ObjectPath[] = [
  ['metadata', 'managedFields'],
  ['metadata', 'resourceVersion'],
  ['metadata', 'generation'],
  ['metadata', 'uid'],
  ['metadata', 'creationTimestamp'],
  ['metadata', 'selfLink'],
  ['metadata', 'annotations', LAST_APPLIED_ANNOTATION],
];

/** Whether an object is a core-group Secret, whose data is masked in every diff. */
export function isSecret(obj: KubeObject | undefined): boolean {
  return obj !== undefined && objectGroup(obj) === '' && objectKind(obj) === 'Secret';
}

/**
 * A copy of the object without what never means drift: server bookkeeping in metadata
 * (managedFields, resourceVersion, generation, uid, creationTimestamp, selfLink), kubectl's
 * last-applied annotation, and `status`. A Secret's stringData is folded into data (base64), as
 * the apiserver does on write, so both spellings of the same value compare equal.
 */
export function normalizeForDiff(obj: KubeObject, options: NormalizeOptions = {}): KubeObject {
  const copy = cloneJson(obj) as JsonObject;
  const dropStatus = !options.compareStatus || objectKind(obj) === 'CustomResourceDefinition';
  deletePaths(copy, dropStatus ? [...NOISE, ['status']] : NOISE);
  if (isSecret(obj)) foldStringData(copy);
  return copy as KubeObject;
}

/** Moves a Secret's stringData into data, base64-encoded; stringData wins on the same key, as on the apiserver. */
export function foldStringData(secret: JsonObject): void {
  const stringData = secret.stringData;
  delete secret.stringData;
  if (!isJsonObject(stringData) || Object.keys(stringData).length === 0) return;
  const data: JsonObject = isJsonObject(secret.data) ? secret.data : {};
  for (const [key, value] of Object.entries(stringData)) {
    data[key] = Buffer.from(String(value ?? ''), 'utf8').toString('base64');
  }
  secret.data = data;
}
