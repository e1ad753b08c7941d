import type { KubeObject } from '../kube-object.js';
import {
  annotationValues,
  hasAnnotation,
  HELM_HOOK_ANNOTATION,
  HELM_HOOK_DELETE_POLICY_ANNOTATION,
  HELM_HOOK_WEIGHT_ANNOTATION,
  HOOK_ANNOTATION,
  HOOK_DELETE_POLICY_ANNOTATION,
  parseInteger,
} from './annotations.js';

/** The sync phases, in the order they run. */
export type SyncPhase = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail';

/** Argo CD hook types: a phase, or Skip (never apply this object). */
export type HookType = SyncPhase | 'Skip';

/** When a hook object is deleted. */
export type HookDeletePolicy = 'HookSucceeded' | 'HookFailed' | 'BeforeHookCreation';

/** The Helm hook types Argo CD maps to its own (others, like crd-install or test, are ignored). */
export type HelmHookType = 'pre-install' | 'pre-upgrade' | 'post-upgrade' | 'post-install';

const HOOK_TYPES: readonly HookType[] = ['PreSync', 'Sync', 'PostSync', 'SyncFail', 'Skip'];

const HELM_HOOK_TYPES: Readonly<Record<HelmHookType, HookType>> = {
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-upgrade': 'PostSync',
  'post-install': 'PostSync',
};

const DELETE_POLICIES: readonly HookDeletePolicy[] = ['HookSucceeded', 'HookFailed', 'BeforeHookCreation'];

const HELM_DELETE_POLICIES: Readonly<Record<string, HookDeletePolicy>> = {
  'before-hook-creation': 'BeforeHookCreation',
  'hook-succeeded': 'HookSucceeded',
  'hook-failed': 'HookFailed',
};

/** The Helm hook types an object declares that Argo CD understands, in annotation order. */
export function helmHookTypesOf(obj: KubeObject): HelmHookType[] {
  return annotationValues(obj, HELM_HOOK_ANNOTATION).filter((v): v is HelmHookType => v in HELM_HOOK_TYPES);
}

/** Whether Helm would treat the object as a hook; crd-install is how Helm 2 marked CRDs, not a hook. */
export function isHelmHook(obj: KubeObject): boolean {
  return hasAnnotation(obj, HELM_HOOK_ANNOTATION) && obj.metadata?.annotations?.[HELM_HOOK_ANNOTATION] !== 'crd-install';
}

/** The helm.sh/hook-weight annotation as an integer, 0 when absent or not a number. */
export function helmHookWeight(obj: KubeObject): number {
  return parseInteger(obj.metadata?.annotations?.[HELM_HOOK_WEIGHT_ANNOTATION]) ?? 0;
}

/**
 * The hook types an object declares: the recognised values of the Argo CD annotation, or, when it
 * names none, the mapped Helm hook types. Unknown values are dropped.
 */
export function hookTypesOf(obj: KubeObject): HookType[] {
  const types = annotationValues(obj, HOOK_ANNOTATION).filter((v): v is HookType => HOOK_TYPES.includes(v as HookType));
  if (types.length > 0) return types;
  return helmHookTypesOf(obj).map((t) => HELM_HOOK_TYPES[t]);
}

/** Whether the object is only marked Skip: it is never applied. */
export function isSkipped(obj: KubeObject): boolean {
  const types = hookTypesOf(obj);
  return types.includes('Skip') && types.length === 1;
}

/**
 * Whether the object is a hook: it has the Argo CD hook annotation (and is not just Skip), or a
 * Helm hook annotation. A hook with only unknown types is still a hook; it runs in no phase.
 */
export function isHook(obj: KubeObject): boolean {
  if (hasAnnotation(obj, HOOK_ANNOTATION)) return !isSkipped(obj);
  return isHelmHook(obj);
}

/** A hook's deletion policies from both annotations; BeforeHookCreation when none is given. */
export function hookDeletePoliciesOf(obj: KubeObject): HookDeletePolicy[] {
  const policies = annotationValues(obj, HOOK_DELETE_POLICY_ANNOTATION).filter((v): v is HookDeletePolicy =>
    DELETE_POLICIES.includes(v as HookDeletePolicy),
  );
  for (const value of annotationValues(obj, HELM_HOOK_DELETE_POLICY_ANNOTATION)) {
    const mapped = HELM_DELETE_POLICIES[value];
    if (mapped) policies.push(mapped);
  }
  return policies.length > 0 ? policies : ['BeforeHookCreation'];
}
