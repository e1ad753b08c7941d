/**
 * Label and annotation transformers: add key-value pairs at every field a set of field specs
 * selects (metadata, selectors, pod templates), creating maps where the spec says so.
 */
import { visitFieldSpec, type FieldSpec } from './field-spec.js';
import { isObject } from './json-value.js';
import type { Resource } from './resource.js';

/** Adds the pairs at every field the specs select in every resource. */
export function addPairs(resources: readonly Resource[], pairs: Record<string, string>, specs: readonly FieldSpec[]): void {
  if (Object.keys(pairs).length === 0) return;
  for (const resource of resources) {
    const gvk = resource.id();
    for (const spec of specs) {
      visitFieldSpec(resource.obj, gvk, spec, (holder, key) => {
        const current = holder[key];
        const map = isObject(current) ? current : {};
        Object.assign(map, pairs);
        holder[key] = map;
      });
    }
  }
}
