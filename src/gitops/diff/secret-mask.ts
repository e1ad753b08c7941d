import type { KubeObject } from '../kube-object.js';
import { cloneJson, isJsonObject, jsonEqual, type JsonObject } from './json-value.js';
import { isSecret, LAST_APPLIED_ANNOTATION } from './normalize.js';

/** What a secret value is shown as: a run of `+`, as Argo CD does, the same length whatever the value. */
export const SECRET_MASK = '++++++++';

const MASKED_FIELDS = ['data', 'stringData'] as const;

/**
 * A copy of an object safe to show: for a core Secret every value under data and stringData is
 * replaced by SECRET_MASK, and kubectl's last-applied annotation (which copies them) is masked too.
 * Other kinds are returned as a copy, unchanged.
 */
export function maskSecret(obj: KubeObject): KubeObject {
  const copy = cloneJson(obj);
  if (!isSecret(obj)) return copy;
  for (const field of MASKED_FIELDS) {
    const values = copy[field];
    if (!isJsonObject(values)) continue;
    for (const key of Object.keys(values)) values[key] = SECRET_MASK;
  }
  maskLastApplied(copy);
  return copy;
}

function maskLastApplied(obj: KubeObject): void {
  const annotations = obj.metadata?.annotations;
  if (isJsonObject(annotations) && LAST_APPLIED_ANNOTATION in annotations) annotations[LAST_APPLIED_ANNOTATION] = SECRET_MASK;
}

/**
 * Masks a desired and a live Secret together, so a diff of the masked pair has the same shape as
 * the real one without showing any value: per key, equal values get the same run of `+`, and each
 * different value a longer run (8, 9, 10...). Non-Secrets come back as copies, unchanged.
 */
export function maskSecretPair(desired: KubeObject | undefined, live: KubeObject | undefined): [KubeObject | undefined, KubeObject | undefined] {
  const masked = [desired, live].map((obj) => (obj === undefined ? undefined : isSecret(obj) ? maskSecret(obj) : cloneJson(obj)));
  const sides = [desired, live].map((obj, i) => ({ original: obj, masked: masked[i] }));
  for (const field of MASKED_FIELDS) {
    const keys = new Set(sides.flatMap(({ original }) => (isSecret(original) && isJsonObject(original?.[field]) ? Object.keys(original[field]) : [])));
    for (const key of keys) assignMasks(sides, field, key);
  }
  return [masked[0], masked[1]];
}

interface Side {
  original: KubeObject | undefined;
  masked: KubeObject | undefined;
}

function assignMasks(sides: readonly Side[], field: string, key: string): void {
  const seen: unknown[] = [];
  for (const { original, masked } of sides) {
    const values = original?.[field];
    const target = masked?.[field];
    if (!isJsonObject(values) || !isJsonObject(target) || !(key in values)) continue;
    let rank = seen.findIndex((value) => jsonEqual(value, values[key]));
    if (rank < 0) rank = seen.push(values[key]) - 1;
    target[key] = SECRET_MASK + '+'.repeat(rank);
  }
}

/** Every value of a Secret's data and stringData, to check that none of them reaches an output. */
export function secretValues(obj: KubeObject | undefined): string[] {
  if (!isSecret(obj)) return [];
  return MASKED_FIELDS.flatMap((field) => {
    const values = (obj as JsonObject)[field];
    return isJsonObject(values) ? Object.values(values).map(String) : [];
  });
}
