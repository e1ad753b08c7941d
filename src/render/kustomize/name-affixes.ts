/**
 * namePrefix and nameSuffix: renames every resource the configured field specs select (all of
 * them by default) except CRDs, API services and namespaces, recording the old id and the affix
 * so name references can follow; other configured fields get the affix too.
 */
import { visitFieldSpec, type FieldSpec } from './field-spec.js';
import type { Resource } from './resource.js';

function skipped(resource: Resource): boolean {
  const id = resource.originalId();
  return id.kind === 'CustomResourceDefinition' || id.kind === 'Namespace' || (id.kind === 'APIService' && id.group === 'apiregistration.k8s.io');
}

type Side = 'prefix' | 'suffix';

function affix(resource: Resource, spec: FieldSpec, side: Side, text: string): void {
  if (spec.path === 'metadata/name') {
    if (text === '') return;
    resource.storePreviousId();
    (side === 'prefix' ? resource.prefixes : resource.suffixes).push(text);
  }
  visitFieldSpec(resource.obj, resource.originalId(), spec, (holder, key) => {
    const value = holder[key];
    if (typeof value === 'string') holder[key] = side === 'prefix' ? `${text}${value}` : `${value}${text}`;
  });
}

function applyAffix(resources: readonly Resource[], text: string, specs: readonly FieldSpec[], side: Side): void {
  if (text === '') return;
  for (const resource of resources) {
    if (skipped(resource)) continue;
    for (const spec of specs) affix(resource, spec, side, text);
  }
}

/** Adds a prefix to the name (and other configured fields) of every renameable resource. */
export function applyNamePrefix(resources: readonly Resource[], prefix: string, specs: readonly FieldSpec[] = [{ path: 'metadata/name' }]): void {
  applyAffix(resources, prefix, specs, 'prefix');
}

/** Adds a suffix to the name (and other configured fields) of every renameable resource. */
export function applyNameSuffix(resources: readonly Resource[], suffix: string, specs: readonly FieldSpec[] = [{ path: 'metadata/name' }]): void {
  applyAffix(resources, suffix, specs, 'suffix');
}
