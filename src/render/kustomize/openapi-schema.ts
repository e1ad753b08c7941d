/**
 * The OpenAPI schema a build's strategic merge patches follow. kustomize has Kubernetes' own types
 * built in; a kustomization's `openapi` field (a `path` to a schema, or a built-in `version`)
 * replaces that for the whole build, the first kustomization to set it winning (the root, then the
 * kustomizations and components it reaches, in order). A kind the schema in effect does not
 * describe has no merge keys: a patch replaces its lists whole.
 */
import { InputError, messageOf } from '../../core/index.js';
import type { Loader } from './file-system.js';
import { isObject } from './json-value.js';
import type { Kustomization } from './kustomization.js';

const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'extensions', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io',
  'apiextensions.k8s.io', 'admissionregistration.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io', 'certificates.k8s.io',
  'discovery.k8s.io', 'node.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io', 'apiregistration.k8s.io', 'resource.k8s.io',
]);

/** The kinds (`group/kind`) a schema document declares with x-kubernetes-group-version-kind. */
function declaredKinds(text: string, where: string): Set<string> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${where}: not a JSON OpenAPI schema: ${messageOf(error)}`, { cause: error });
  }
  const definitions = isObject(doc) && isObject(doc['definitions']) ? doc['definitions'] : {};
  const kinds = new Set<string>();
  for (const definition of Object.values(definitions)) {
    const gvks = isObject(definition) ? definition['x-kubernetes-group-version-kind'] : undefined;
    for (const gvk of Array.isArray(gvks) ? gvks.filter(isObject) : []) kinds.add(`${String(gvk['group'] ?? '')}/${String(gvk['kind'] ?? '')}`);
  }
  return kinds;
}

/** The schema in effect for one build; shared by every loader of the build. */
export class SchemaChoice {
  private chosen = false;
  private custom: Set<string> | undefined;

  /** Takes the kustomization's `openapi` field unless an earlier kustomization set one. */
  consider(k: Kustomization, loader: Loader): void {
    const openapi = k.doc['openapi'];
    if (this.chosen || !isObject(openapi)) return;
    this.chosen = true;
    if (typeof openapi['path'] === 'string') {
      const where = `${k.file}: openapi.path`;
      this.custom = declaredKinds(loader.loadAs(openapi['path'], where).toString('utf8'), where);
    }
  }

  /** True when the schema in effect describes the kind, so its lists merge by their keys. */
  knows(group: string, kind: string): boolean {
    return this.custom === undefined ? BUILTIN_GROUPS.has(group) : this.custom.has(`${group}/${kind}`);
  }
}
