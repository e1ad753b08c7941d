import type { KubeObject } from '../kube-object.js';
import { builtinHealthCheck, customHealthCheck } from './health-checks.js';
import type { Health, HealthCheck } from './health-status.js';

/** Finalizer gantry (like Argo CD) puts on hooks so it can read their outcome before they vanish. */
export const HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer';

/**
 * The check that applies to an object: a bundled customization wins over a built-in check, as
 * Argo CD's customizations override gitops-engine. Undefined when the kind has no health.
 */
export function healthCheckFor(obj: KubeObject): HealthCheck | undefined {
  return customHealthCheck(obj) ?? builtinHealthCheck(obj);
}

/**
 * Assesses one live object's health, as Argo CD does: an object being deleted is Progressing
 * (unless a hook finalizer holds it, so the hook's result can still be read), otherwise the
 * kind's check decides. Undefined when no check applies (a ConfigMap, an unknown custom resource).
 */
export function assessHealth(obj: KubeObject): Health | undefined {
  const finalizers = obj.metadata?.finalizers ?? [];
  if (obj.metadata?.deletionTimestamp && !finalizers.includes(HOOK_FINALIZER)) {
    return { status: 'Progressing', message: 'Pending deletion' };
  }
  return healthCheckFor(obj)?.(obj);
}
