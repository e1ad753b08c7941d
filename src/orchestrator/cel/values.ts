/**
 * Conversions between Kubernetes JSON values and CEL values: JSON integers become CEL ints (so
 * `replicas + 1` type-checks as in kro), CEL results become plain JSON again.
 */
import { isCelList, isCelMap, isCelUint, type CelInput } from '@bufbuild/cel';

/** A JSON value as CEL input (integers as bigint). */
export function toCel(value: unknown): CelInput {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v)])) as CelInput;
  }
  return value as CelInput;
}

function fromBigint(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
}

/** A CEL result as a JSON value (maps become objects, ints become numbers, bytes become text). */
export function fromCel(value: unknown): unknown {
  if (typeof value === 'bigint') return fromBigint(value);
  if (isCelUint(value)) return fromBigint(value.value);
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (isCelList(value)) return [...value].map(fromCel);
  if (isCelMap(value)) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(fromCel(k)), fromCel(v)]));
  if (Array.isArray(value)) return value.map(fromCel);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromCel(v)]));
  }
  return value;
}
