/**
 * The replicas transformer: sets the replica count of the workloads with a given name.
 */
import { InputError } from '../../core/index.js';
import { visitFieldSpec, type FieldSpec } from './field-spec.js';
import type { JsonObject } from './json-value.js';
import type { Resource } from './resource.js';

/** Applies one `replicas` entry ({ name, count }). */
export function applyReplicas(resources: readonly Resource[], entry: JsonObject, at: { where: string; specs: readonly FieldSpec[] }): void {
  const { where, specs } = at;
  const name = entry['name'];
  const count = entry['count'];
  if (typeof name !== 'string' || typeof count !== 'number') throw new InputError(`${where}: replicas entries need a name and a numeric count`);
  for (const resource of resources) {
    if (resource.name() !== name && !resource.prevIds.some((id) => id.name === name)) continue;
    const gvk = resource.id();
    for (const spec of specs) {
      visitFieldSpec(resource.obj, gvk, spec, (holder, key) => {
        holder[key] = count;
      });
    }
  }
}

