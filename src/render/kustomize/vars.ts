/**
 * vars (deprecated in kustomize, still supported): `$(NAME)` references in container commands,
 * args and env values replaced with a field of another resource.
 */
import type { Kustomization } from './kustomization.js';
import type { Resource } from './resource.js';

/** Resolves the kustomization's vars in the resources (not yet implemented: a no-op). */
export function resolveVars(_k: Kustomization, _resources: readonly Resource[]): void {
  // Vars are resolved after name references; see issue 5.
}
