import { isJsonObject, ownField } from './json-value.js';

/** Where a list sits: the kind of the object and the field names leading to it (no indices). */
export interface ListContext {
  group: string;
  kind: string;
  fieldPath: readonly string[];
}

/**
 * Gives the merge-key fields of a list (`["name"]` for containers), or undefined for a list
 * compared by position. The controller may pass one built from the cluster's OpenAPI
 * (x-kubernetes-list-map-keys / x-kubernetes-patch-merge-key); the default knows the core types.
 */
export type MergeKeyResolver = (context: ListContext) => readonly string[] | undefined;

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

const BY_FIELD: Readonly<Record<string, readonly string[]>> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  resourceClaims: ['name'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
  readinessGates: ['conditionType'],
  ownerReferences: ['uid'],
  conditions: ['type'],
};

/**
 * The merge keys Kubernetes declares for the core types' lists (pod specs anywhere they are
 * embedded, Service and container ports, webhooks), as its strategic-merge and list-map metadata say.
 */
export const defaultMergeKeys: MergeKeyResolver = ({ kind, fieldPath }) => {
  const field = fieldPath[fieldPath.length - 1] ?? '';
  const parent = fieldPath[fieldPath.length - 2] ?? '';
  if (field === 'ports') {
    if (CONTAINER_LISTS.has(parent)) return ['containerPort', 'protocol'];
    if (kind === 'Service' && fieldPath.length === 2 && parent === 'spec') return ['port', 'protocol'];
    return undefined;
  }
  if (field === 'webhooks' && fieldPath.length === 1 && kind.endsWith('WebhookConfiguration')) return ['name'];
  return Object.prototype.hasOwnProperty.call(BY_FIELD, field) ? BY_FIELD[field] : undefined;
};

/** Key fields the apiserver defaults, so an item without them still matches its defaulted twin. */
const KEY_DEFAULTS: Readonly<Record<string, string>> = { protocol: 'TCP' };

/** An item's merge key as a stable string, or undefined when it is not an object or lacks every key field. */
export function mergeKeyOf(item: unknown, keys: readonly string[]): string | undefined {
  if (!isJsonObject(item)) return undefined;
  const values = keys.map((field) => ownField(item, field) ?? ownField(KEY_DEFAULTS, field));
  if (values.every((v) => v === undefined)) return undefined;
  return JSON.stringify(values);
}

/** Readable form of an item's key for paths: `name=web`, `containerPort=80,protocol=TCP`. */
export function formatMergeKey(item: unknown, keys: readonly string[]): string {
  const record = isJsonObject(item) ? item : {};
  return keys
    .map((field) => [field, ownField(record, field) ?? ownField(KEY_DEFAULTS, field)] as const)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => `${field}=${formatKeyValue(value)}`)
    .join(',');
}

function formatKeyValue(value: unknown): string {
  if (typeof value === 'string' && /^[\w./:@-]+$/.test(value)) return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Indexes a list by merge key, or undefined when some item has no key or two items share one
 * (then the list is compared by position).
 */
export function indexByMergeKey(list: readonly unknown[], keys: readonly string[]): Map<string, number> | undefined {
  const index = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const key = mergeKeyOf(list[i], keys);
    if (key === undefined || index.has(key)) return undefined;
    index.set(key, i);
  }
  return index;
}
