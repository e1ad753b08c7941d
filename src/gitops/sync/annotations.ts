import { annotationsOf, type KubeObject } from '../kube-object.js';

/** Argo CD's hook annotation: a comma-separated list of hook types. */
export const HOOK_ANNOTATION = 'argocd.argoproj.io/hook';
/** Argo CD's hook deletion policy annotation: a comma-separated list of policies. */
export const HOOK_DELETE_POLICY_ANNOTATION = 'argocd.argoproj.io/hook-delete-policy';
/** Argo CD's sync wave annotation: an integer, lower waves first. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/** Argo CD's per-resource sync options annotation (Prune=false, PruneLast=true...). */
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
/** Helm's hook annotation, honoured when no Argo CD hook annotation is set. */
export const HELM_HOOK_ANNOTATION = 'helm.sh/hook';
/** Helm's hook weight, the wave when no sync-wave annotation parses. */
export const HELM_HOOK_WEIGHT_ANNOTATION = 'helm.sh/hook-weight';
/** Helm's hook deletion policy annotation. */
export const HELM_HOOK_DELETE_POLICY_ANNOTATION = 'helm.sh/hook-delete-policy';

/** Whether the object carries an annotation at all (an empty value counts). */
export function hasAnnotation(obj: KubeObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(annotationsOf(obj), key);
}

/** An annotation's comma-separated values, trimmed, without empties or duplicates, in order. */
export function annotationValues(obj: KubeObject, key: string): string[] {
  const raw = annotationsOf(obj)[key] ?? '';
  const values: string[] = [];
  for (const item of raw.split(',')) {
    const value = item.trim();
    if (value && !values.includes(value)) values.push(value);
  }
  return values;
}

/** Whether an annotation's comma-separated values include `option` ("PruneLast=true" in sync-options). */
export function hasAnnotationOption(obj: KubeObject | undefined, key: string, option: string): boolean {
  return obj !== undefined && annotationValues(obj, key).includes(option);
}

/** Parses a decimal integer as Go's strconv.Atoi does (optional sign, digits only), else undefined. */
export function parseInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
