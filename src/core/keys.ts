/** Identifies one Kubernetes object in one cluster. */
export interface ObjectRef {
  cluster?: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** The group part of an apiVersion ("apps/v1" -> "apps", "v1" -> ""). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** A stable, readable key for an object: `cluster|group/Kind|namespace/name`. */
export function formatObjectKey(ref: ObjectRef): string {
  const ns = ref.namespace ? `${ref.namespace}/` : '';
  return `${ref.cluster ?? ''}|${groupOf(ref.apiVersion)}/${ref.kind}|${ns}${ref.name}`;
}

/** A work-queue key for a namespaced or cluster-scoped name: `namespace/name` or `name`. */
export function formatNameKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** The inverse of formatNameKey. */
export function parseNameKey(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf('/');
  if (slash < 0) return { name: key };
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
