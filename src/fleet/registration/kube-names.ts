/**
 * The name rules the apiserver enforces on labels, annotations and object names, so a
 * registration is rejected with the field to fix before the apiserver would reject its cluster
 * secret (and with it, as one bad apply, nothing else).
 */

const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** Why a DNS-1123 subdomain (an object name, a key prefix) is invalid, or undefined when it is valid. */
export function dnsSubdomainProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 253) return `must be at most 253 characters (has ${value.length})`;
  if (!value.split('.').every((part) => DNS_LABEL.test(part))) {
    return 'must be lowercase letters, digits, "-" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}

/** Why a label or annotation key (`[prefix/]name`) is invalid, or undefined when it is valid. */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined) {
    const p = dnsSubdomainProblem(prefix);
    if (p) return `prefix "${prefix}" ${p}`;
  }
  if (name.length === 0) return 'name part must not be empty';
  if (name.length > 63) return `name part must be at most 63 characters (has ${name.length})`;
  if (!NAME_PART.test(name)) return 'name part must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  return undefined;
}

/** Why a label value is invalid, or undefined when it is valid (empty is allowed). */
export function labelValueProblem(value: string): string | undefined {
  if (value.length === 0) return undefined;
  if (value.length > 63) return `must be at most 63 characters (has ${value.length})`;
  if (!NAME_PART.test(value)) return 'must be letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  return undefined;
}

/** Why a set of annotations is too large for the apiserver, or undefined. */
export function annotationsSizeProblem(annotations: Record<string, string>): string | undefined {
  let bytes = 0;
  for (const [k, v] of Object.entries(annotations)) bytes += Buffer.byteLength(k) + Buffer.byteLength(v);
  return bytes > MAX_ANNOTATIONS_BYTES ? `total size ${bytes} bytes exceeds the apiserver's 256 KiB` : undefined;
}
