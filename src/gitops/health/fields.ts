/** A plain JSON object as found inside a Kubernetes object. */
export type Fields = Record<string, unknown>;

/** A status condition as most controllers write it. */
export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
  lastTransitionTime?: string;
  [field: string]: unknown;
}

/** Whether a value is a plain object (not null, not an array). */
export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a path of object keys, or undefined when any step is missing. */
export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isFields(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The string at a path, or "" (Go's zero value) when absent or not a string. */
export function text(value: unknown, ...path: string[]): string {
  const found = field(value, ...path);
  return typeof found === 'string' ? found : '';
}

/** The number at a path (numeric strings included), or undefined. */
export function numberAt(value: unknown, ...path: string[]): number | undefined {
  const found = field(value, ...path);
  if (typeof found === 'number') return found;
  if (typeof found === 'string' && found.trim() !== '' && Number.isFinite(Number(found))) return Number(found);
  return undefined;
}

/** The number at a path, or 0 (Go's zero value). */
export function count(value: unknown, ...path: string[]): number {
  return numberAt(value, ...path) ?? 0;
}

/** The array at a path, or undefined when absent or not an array. */
export function listAt(value: unknown, ...path: string[]): unknown[] | undefined {
  const found = field(value, ...path);
  return Array.isArray(found) ? found : undefined;
}

/** The object entries of the array at a path; non-objects are dropped. */
export function recordsAt(value: unknown, ...path: string[]): Fields[] {
  return (listAt(value, ...path) ?? []).filter(isFields);
}

/** The conditions at a path (default `status.conditions`). */
export function conditionsAt(value: unknown, ...path: string[]): Condition[] {
  const at = path.length > 0 ? path : ['status', 'conditions'];
  return recordsAt(value, ...at) as Condition[];
}

/** The first condition of a type, or undefined. */
export function findCondition(conditions: readonly Condition[], type: string): Condition | undefined {
  return conditions.find((c) => c.type === type);
}

/** Whether some condition has this type and status. */
export function hasCondition(conditions: readonly Condition[], type: string, status: string): boolean {
  return conditions.some((c) => c.type === type && c.status === status);
}

/** A condition's message as a string ("" when absent). */
export function messageOf(condition: Condition | undefined): string {
  return typeof condition?.message === 'string' ? condition.message : '';
}
