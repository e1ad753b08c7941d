/**
 * namePrefix and nameSuffix: renames every resource except CRDs, API services and namespaces,
 * recording the old id and the affix so name references can follow.
 */
import type { Resource } from './resource.js';

function skipped(resource: Resource): boolean {
  const id = resource.id();
  return id.kind === 'CustomResourceDefinition' || id.kind === 'Namespace' || (id.kind === 'APIService' && id.group === 'apiregistration.k8s.io');
}

/** Adds a prefix to every renameable resource's name. */
export function applyNamePrefix(resources: readonly Resource[], prefix: string): void {
  if (prefix === '') return;
  for (const resource of resources) {
    if (skipped(resource)) continue;
    resource.storePreviousId();
    resource.prefixes.push(prefix);
    resource.setName(`${prefix}${resource.name()}`);
  }
}

/** Adds a suffix to every renameable resource's name. */
export function applyNameSuffix(resources: readonly Resource[], suffix: string): void {
  if (suffix === '') return;
  for (const resource of resources) {
    if (skipped(resource)) continue;
    resource.storePreviousId();
    resource.suffixes.push(suffix);
    resource.setName(`${resource.name()}${suffix}`);
  }
}
