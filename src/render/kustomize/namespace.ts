/**
 * The namespace transformer: sets metadata.namespace on namespaced resources (recording the old
 * id for name references), service namespaces in webhooks and API services, and the namespace of
 * the `default` ServiceAccount in RoleBinding and ClusterRoleBinding subjects.
 */
import { visitFieldSpec, type FieldSpec } from './field-spec.js';
import { isObject } from './json-value.js';
import { isClusterScoped, type Resource } from './resource.js';

function setSubjects(resource: Resource, namespace: string): void {
  const kind = resource.kind();
  const subjects = resource.obj['subjects'];
  if ((kind !== 'RoleBinding' && kind !== 'ClusterRoleBinding') || !Array.isArray(subjects)) return;
  for (const subject of subjects) {
    if (isObject(subject) && subject['kind'] === 'ServiceAccount' && subject['name'] === 'default') subject['namespace'] = namespace;
  }
}

/** Moves every namespaced resource into the namespace. */
export function applyNamespace(resources: readonly Resource[], namespace: string, specs: readonly FieldSpec[]): void {
  for (const resource of resources) {
    // kustomize records the id of every resource the transformer sees, moved or not (cluster-scoped
    // ones included): name references then consider them (TestIssue3489).
    resource.storePreviousId();
    if (!isClusterScoped(resource.kind()) && resource.namespace() !== namespace) resource.setNamespace(namespace);
    const gvk = resource.id();
    for (const spec of specs) {
      if (spec.path === 'metadata/namespace' || (spec.path === 'metadata/name' && resource.obj['apiVersion'] !== 'v1')) continue;
      visitFieldSpec(resource.obj, gvk, spec, (holder, key) => {
        holder[key] = namespace;
      });
    }
    setSubjects(resource, namespace);
  }
}
