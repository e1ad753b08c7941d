import { fail, ok, type Result } from '../../core/index.js';
import { annotationsSizeProblem, dnsSubdomainProblem, labelValueProblem, qualifiedNameProblem } from './kube-names.js';
import { METADATA_FIELDS, type ClusterRegistration, type RegistrationProblem } from './registration.js';

/** Label keys gantry sets on every cluster secret itself; a registration may not set them. */
export const RESERVED_LABELS = ['argocd.argoproj.io/secret-type', 'gantry.io/fleet-managed'];

const CLUSTER_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type Fields = Record<string, unknown>;

/**
 * Validates a registration document (the parsed JSON) and returns it typed, or every problem
 * found, each naming its field. Label values that are numbers or booleans (`enable_x: true`) are
 * kept as their text, as Terraform's jsonencode of a string map would write them.
 */
export function parseRegistration(doc: unknown): Result<ClusterRegistration, RegistrationProblem[]> {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return fail([{ field: '(document)', message: 'must be a JSON object with cluster_name, cluster_endpoint, labels and annotations' }]);
  }
  const fields = doc as Fields;
  const problems: RegistrationProblem[] = [];
  const text = (name: string): string | undefined => optionalString(fields, name, problems);
  const reg: ClusterRegistration = {
    cluster_name: clusterName(fields, problems),
    cluster_endpoint: endpoint(fields, problems),
    labels: labels(fields.labels, problems),
    annotations: annotations(fields.annotations, problems),
  };
  const warnings: string[] = [];
  const ca = caCertificate(fields, problems, warnings);
  if (ca !== undefined) reg.cluster_ca_certificate = ca;
  if (warnings.length) reg.warnings = warnings;
  for (const name of [...METADATA_FIELDS, 'bearer_token'] as const) {
    const value = text(name);
    if (value !== undefined) reg[name] = value;
  }
  const ref = credentialsSecret(fields, problems);
  if (ref !== undefined) reg.credentials_secret = ref;
  return problems.length ? fail(problems) : ok(reg);
}

function optionalString(fields: Fields, name: string, problems: RegistrationProblem[]): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  problems.push({ field: name, message: `must be a string (got ${jsonType(value)})` });
  return undefined;
}

/** A string field that must be present and non-empty; a problem (saying why it is needed) otherwise. */
function requiredString(fields: Fields, name: string, why: string, problems: RegistrationProblem[]): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') {
    problems.push({ field: name, message: `is missing: ${why}` });
    return undefined;
  }
  if (typeof value === 'string') return value;
  problems.push({ field: name, message: `must be a string (got ${jsonType(value)})` });
  return undefined;
}

function clusterName(fields: Fields, problems: RegistrationProblem[]): string {
  const value = requiredString(fields, 'cluster_name', 'every registration names its cluster', problems);
  if (value === undefined) return '';
  if (value.length > 200 || !CLUSTER_NAME.test(value)) {
    problems.push({ field: 'cluster_name', message: `"${value}" must be at most 200 letters, digits, "-", "_" and ".", starting and ending with a letter or digit` });
  }
  return value;
}

function endpoint(fields: Fields, problems: RegistrationProblem[]): string {
  const value = requiredString(fields, 'cluster_endpoint', 'the cluster cannot be a destination without its apiserver URL', problems);
  if (value === undefined) return '';
  const problem = endpointProblem(value);
  if (problem) problems.push({ field: 'cluster_endpoint', message: `"${value}" ${problem}` });
  return value.replace(/\/+$/, '');
}

/** Why an apiserver URL is unusable, or undefined. */
export function endpointProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL: write it as https://host[:port]';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must be an https URL (got ${url.protocol})`;
  if (!url.hostname) return 'has no host';
  if (url.username || url.password) return 'must not carry credentials in the URL';
  if (url.search || url.hash) return 'must not have a query or fragment';
  return undefined;
}

/**
 * The CA as the cluster secret's caData. One that is not the base64 of a PEM certificate (the
 * reference's own example elides it as "LS0tLS1CRUdJTi...") does not stop the registration: the
 * cluster joins without it, TLS is then verified against the system roots, and the registration
 * says so.
 */
function caCertificate(fields: Fields, problems: RegistrationProblem[], warnings: string[]): string | undefined {
  const value = optionalString(fields, 'cluster_ca_certificate', problems);
  if (value === undefined || value === '') return undefined;
  const compact = value.replace(/\s+/g, '');
  const ignored = 'ignored, so TLS to the cluster is verified against the system roots: give the base64 of the PEM (as certificate-authority-data)';
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    warnings.push(`cluster_ca_certificate: is not valid base64; ${ignored}`);
    return undefined;
  }
  if (!Buffer.from(compact, 'base64').toString('utf8').includes('-----BEGIN CERTIFICATE-----')) {
    warnings.push(`cluster_ca_certificate: does not decode to a PEM certificate; ${ignored}`);
    return undefined;
  }
  return compact;
}

function credentialsSecret(fields: Fields, problems: RegistrationProblem[]): string | undefined {
  const value = optionalString(fields, 'credentials_secret', problems);
  if (value === undefined) return undefined;
  const problem = dnsSubdomainProblem(value);
  if (problem) problems.push({ field: 'credentials_secret', message: `"${value}" is not a Secret name: ${problem}` });
  return problem ? undefined : value;
}

function stringMap(value: unknown, field: string, problems: RegistrationProblem[]): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ field, message: `must be an object of strings (got ${jsonType(value)})` });
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Fields)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
    else problems.push({ field: `${field}.${key}`, message: `must be a string (got ${jsonType(v)})` });
  }
  return out;
}

function labels(value: unknown, problems: RegistrationProblem[]): Record<string, string> {
  const out = stringMap(value, 'labels', problems);
  for (const [key, v] of Object.entries(out)) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) problems.push({ field: `labels.${key}`, message: `is not a valid label key: ${keyProblem}` });
    else if (RESERVED_LABELS.includes(key)) problems.push({ field: `labels.${key}`, message: 'is set by gantry on every cluster secret: remove it' });
    const valueProblem = labelValueProblem(v);
    if (valueProblem) problems.push({ field: `labels.${key}`, message: `value "${v}" is not a valid label value: ${valueProblem}` });
  }
  return out;
}

function annotations(value: unknown, problems: RegistrationProblem[]): Record<string, string> {
  const out = stringMap(value, 'annotations', problems);
  for (const key of Object.keys(out)) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) problems.push({ field: `annotations.${key}`, message: `is not a valid annotation key: ${keyProblem}` });
  }
  const size = annotationsSizeProblem(out);
  if (size) problems.push({ field: 'annotations', message: size });
  return out;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}
