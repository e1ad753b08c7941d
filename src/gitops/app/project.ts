import type { ApplicationDestination, ApplicationSource } from './types.js';

/** The AppProject fields gantry enforces. */
export interface ProjectSpec {
  sourceRepos?: string[];
  destinations?: { server?: string; name?: string; namespace?: string }[];
  clusterResourceWhitelist?: { group: string; kind: string }[];
  clusterResourceBlacklist?: { group: string; kind: string }[];
  namespaceResourceWhitelist?: { group: string; kind: string }[];
  namespaceResourceBlacklist?: { group: string; kind: string }[];
  sourceNamespaces?: string[];
}

/** Matches Argo CD-style globs: `*` any run of characters, `?` one, `!` prefix negates (handled by callers). */
export function globMatch(pattern: string, value: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

function matchesList(patterns: string[] | undefined, value: string): boolean {
  const list = patterns ?? [];
  const denied = list.filter((p) => p.startsWith('!')).some((p) => globMatch(p.slice(1), value));
  return !denied && list.filter((p) => !p.startsWith('!')).some((p) => globMatch(p, value));
}

/** Why an Application's source and destination are not allowed by its project, or undefined when they are. */
export function checkSourceAndDestination(
  project: { name: string; spec: ProjectSpec },
  source: ApplicationSource,
  dest: ApplicationDestination & { resolvedServer?: string },
): string | undefined {
  if (!matchesList(project.spec.sourceRepos, source.repoURL)) {
    return `application repo ${source.repoURL} is not permitted in project '${project.name}'`;
  }
  const ns = dest.namespace ?? '';
  const ok = (project.spec.destinations ?? []).some((d) => {
    const serverOk = d.server ? globMatch(d.server, dest.resolvedServer ?? dest.server ?? '') : true;
    const nameOk = d.name && dest.name ? globMatch(d.name, dest.name) : true;
    return (d.server !== undefined || d.name !== undefined) && serverOk && nameOk && globMatch(d.namespace ?? '*', ns);
  });
  if (!ok) return `application destination server '${dest.server ?? dest.name ?? ''}' and namespace '${ns}' do not match any of the allowed destinations in project '${project.name}'`;
  return undefined;
}

function listed(list: { group: string; kind: string }[] | undefined, group: string, kind: string): boolean {
  return (list ?? []).some((e) => globMatch(e.group, group) && globMatch(e.kind, kind));
}

/**
 * Whether a project permits a resource kind: cluster-scoped kinds need the cluster whitelist (an
 * empty one denies all) and must not be blacklisted; namespaced kinds are allowed unless a
 * whitelist exists that omits them or the blacklist names them.
 */
export function isResourcePermitted(spec: ProjectSpec, r: { group: string; kind: string; namespaced: boolean }): boolean {
  if (!r.namespaced) return listed(spec.clusterResourceWhitelist, r.group, r.kind) && !listed(spec.clusterResourceBlacklist, r.group, r.kind);
  if (spec.namespaceResourceWhitelist && !listed(spec.namespaceResourceWhitelist, r.group, r.kind)) return false;
  return !listed(spec.namespaceResourceBlacklist, r.group, r.kind);
}
