/**
 * Argo CD's checks on each generated Application before it is written: its project must exist and
 * its destination must name a known cluster (by server or by name, not both). An Application that
 * fails is neither created nor updated, but still counts as generated, so it is never deleted.
 */
import type { GeneratedApp } from './render-apps.js';

/** What validation asks of the world. */
export interface AppValidationContext {
  projectExists(name: string): boolean;
  /** True when a cluster with this server URL (or name) is registered, in-cluster included. */
  clusterExists(by: { server?: string; name?: string }): boolean;
}

function validateOne(app: GeneratedApp, ctx: AppValidationContext): string | undefined {
  const project = typeof app.spec['project'] === 'string' ? (app.spec['project'] as string) : '';
  if (!ctx.projectExists(project)) return `application references project ${project} which does not exist`;
  const dest = (app.spec['destination'] ?? {}) as { server?: string; name?: string };
  if (dest.server && dest.name) return "application destination spec is invalid: application destination can't have both name and server defined";
  if (!dest.server && !dest.name) return 'application destination spec is invalid: either application destination server or name must be set';
  if (!ctx.clusterExists(dest)) return `application destination spec is invalid: there are no clusters with this ${dest.server ? `URL: ${dest.server}` : `name: ${dest.name ?? ''}`}`;
  return undefined;
}

/** Validation errors by Application name. */
export function validateApplications(apps: readonly GeneratedApp[], ctx: AppValidationContext): Map<string, string> {
  const errors = new Map<string, string>();
  for (const app of apps) {
    const error = validateOne(app, ctx);
    if (error) errors.set(app.metadata.name, error);
  }
  return errors;
}

/** The condition message Argo CD writes for validation errors. */
export function describeValidationErrors(errors: ReadonlyMap<string, string>): string | undefined {
  const first = errors.values().next();
  if (first.done) return undefined;
  return errors.size > 1 ? `${first.value} (and ${errors.size - 1} more)` : first.value;
}
