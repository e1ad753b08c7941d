import { fail, isRetryable, messageOf, ok, type Clock, type Logger, type Result } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import type { ReconcileResult } from '../../runtime/index.js';
import { checkConnectionWhenDue } from './check-connection.js';
import { isClusterSecretCurrent } from './cluster-secret-current.js';
import type { ConnectionProbe } from '../connection/connection-probe.js';
import { connectionConfigMapName } from '../connection/connection-status.js';
import { buildClusterSecret, FLEET_MANAGED_LABEL, REGISTRATION_ANNOTATION, type ClusterCredentials } from '../registration/cluster-secret.js';
import { credentialsFromSecret, inlineCredentials } from '../registration/credentials.js';
import { readRegistration } from '../registration/read-registration.js';
import type { ClusterRegistration } from '../registration/registration.js';
import type { RegistrationReport, RegistrationStore } from '../store/registration-store.js';
import { registrationDigest } from '../store/report-annotations.js';

/** What reconciling one registration needs. */
export interface RegistrationDeps {
  hub: Cluster;
  store: RegistrationStore;
  /** Where cluster secrets live (Argo CD's `argocd`). */
  controlNamespace: string;
  probe: ConnectionProbe;
  checkIntervalMs: number;
  /** How long after writing a cluster secret its report and first connection check wait. */
  deferMs: number;
  /** Which credentials secret each registration names, so a change to that secret re-reconciles it. */
  credentialRefs: Map<string, string>;
  /** The fleet-managed cluster secrets as the watch cache has them (for the cheap rename check; deletion lists fresh). */
  cachedManaged?: () => KubeObject[];
  /** One fleet-managed cluster secret as the watch cache has it (a miss is read from the apiserver, which also finds secrets gantry did not write). */
  cachedClusterSecret?: (name: string) => KubeObject | undefined;
  /** Each cluster secret as this controller last wrote it, so the watch's echo of our own write (which may arrive before the write returns) does not reconcile again. */
  written: Map<string, KubeObject>;
  clock: Clock;
}

const secretTarget = (namespace: string, name: string): { apiVersion: string; kind: string; namespace: string; name: string } => ({ apiVersion: 'v1', kind: 'Secret', namespace, name });

/**
 * Brings one registration's cluster secret in line with it: a valid registration writes (server-
 * side apply) its cluster secret and checks the connection; an invalid one is reported and its
 * existing cluster secret left exactly as it was; a registration that is gone takes its cluster
 * secret with it, and nothing that was deployed to the cluster.
 */
export async function reconcileRegistration(name: string, deps: RegistrationDeps, log: Logger): Promise<ReconcileResult> {
  const ref = deps.store.refOf(name);
  const record = await deps.store.get(name);
  if (!record) {
    deps.credentialRefs.delete(name);
    await deregister(ref, deps, log);
    return {};
  }
  const where = `registration secret ${ref}`;
  const observed = registrationDigest(record.data);
  const parsed = readRegistration(where, record.data);
  if (!parsed.ok) return reject(name, { state: 'Invalid', message: parsed.error.message, observed }, deps, log);
  const reg = parsed.value;
  if (reg.credentials_secret) deps.credentialRefs.set(name, reg.credentials_secret);
  else deps.credentialRefs.delete(name);
  const credentials = await resolveCredentials(reg, deps.store);
  if (!credentials.ok) return reject(name, { state: 'Pending', message: `${where}: ${credentials.error}`, observed }, deps, log);
  return register({ name, ref, reg, credentials: credentials.value, observed }, deps, log);
}

interface Registering {
  name: string;
  ref: string;
  reg: ClusterRegistration;
  credentials: ClusterCredentials;
  observed: string;
}

async function register(o: Registering, deps: RegistrationDeps, log: Logger): Promise<ReconcileResult> {
  const desired = buildClusterSecret(o.reg, { namespace: deps.controlNamespace, registrationRef: o.ref, credentials: o.credentials });
  const secretName = desired.metadata.name ?? '';
  const clusterSecret = `${deps.controlNamespace}/${secretName}`;
  const existing = deps.cachedClusterSecret?.(secretName) ?? (await deps.hub.api.get(secretTarget(deps.controlNamespace, secretName)));
  const conflict = conflictOf(existing, o.ref);
  if (conflict) return reject(o.name, { state: 'Pending', message: `registration secret ${o.ref}: ${conflict}`, clusterSecret, observed: o.observed }, deps, log);
  const written = await writeClusterSecret(desired, existing, deps);
  if (!written.ok) return reject(o.name, { state: 'Invalid', message: `registration secret ${o.ref}: the apiserver rejected cluster secret ${clusterSecret}: ${written.error}`, observed: o.observed }, deps, log);
  const applied = written.value;
  const renamed = (s: KubeObject): boolean => s.metadata.annotations?.[REGISTRATION_ANNOTATION] === o.ref && s.metadata.name !== secretName;
  if (!deps.cachedManaged || deps.cachedManaged().some(renamed)) await deleteManaged(deps, log, renamed);
  // A cluster secret just written: its report and connection check come deferMs later (that pass finds it current), so a burst of registrations gets its cluster secrets first.
  if (existing?.metadata.resourceVersion !== applied.metadata.resourceVersion) return { requeueAfterMs: deps.deferMs };
  const warnings = o.reg.warnings?.length ? `; warning: ${o.reg.warnings.join('; ')}` : '';
  const message = `registered as cluster ${o.reg.cluster_name} (${o.reg.cluster_endpoint})${warnings}`;
  if (await deps.store.report(o.name, { state: 'Registered', message, clusterSecret, observed: o.observed })) log.info('registered', { registration: o.ref, clusterSecret });
  return checkConnectionWhenDue({ clusterSecret: applied, reg: o.reg, credentials: o.credentials }, deps, log);
}

/** Applies the cluster secret unless the live one already says the same; an apiserver rejection that a retry cannot help is a value. */
async function writeClusterSecret(desired: KubeObject, existing: KubeObject | undefined, deps: RegistrationDeps): Promise<Result<KubeObject, string>> {
  if (existing && isClusterSecretCurrent(existing, desired)) return ok(existing);
  deps.written.set(desired.metadata.name ?? '', desired);
  try {
    return ok(await deps.hub.api.apply(desired));
  } catch (error) {
    if (isRetryable(error)) throw error;
    return fail(messageOf(error));
  }
}

async function reject(name: string, report: RegistrationReport, deps: RegistrationDeps, log: Logger): Promise<ReconcileResult> {
  const changed = await deps.store.report(name, report);
  // Logged when the verdict changes, not on every retry of the same one.
  const fields = { registration: deps.store.refOf(name), message: report.message };
  if (changed) log.warn(report.state === 'Invalid' ? 'registration invalid' : 'registration pending', fields);
  else log.debug('registration still not applied', fields);
  // Invalid waits for the registration to change (the watch brings it back); Pending retries.
  return report.state === 'Pending' ? { requeueAfterMs: deps.checkIntervalMs } : {};
}

async function resolveCredentials(reg: ClusterRegistration, store: RegistrationStore): Promise<Result<ClusterCredentials, string>> {
  if (!reg.credentials_secret) return ok(inlineCredentials(reg));
  const data = await store.readSecret(reg.credentials_secret);
  if (!data) return fail(`credentials_secret: Secret ${reg.credentials_secret} does not exist in ${store.description} (yet)`);
  const creds = credentialsFromSecret(data, reg.credentials_secret);
  return creds.ok ? creds : fail(`${creds.error.field}: ${creds.error.message}`);
}

/** Why the cluster secret may not be written, or undefined: it belongs to another registration, or to someone other than gantry. */
function conflictOf(existing: KubeObject | undefined, ref: string): string | undefined {
  if (!existing) return undefined;
  const where = `cluster secret ${existing.metadata.namespace ?? ''}/${existing.metadata.name ?? ''}`;
  const owner = existing.metadata.annotations?.[REGISTRATION_ANNOTATION];
  if (owner === ref) return undefined;
  if (owner) return `${where} already belongs to registration ${owner}: two registrations name the same cluster`;
  // A cluster secret an earlier gantry wrote for a local spoke is taken over.
  if (existing.metadata.labels?.['app.kubernetes.io/managed-by'] === 'gantry') return undefined;
  return `${where} exists and was not written by gantry: delete it, or register the cluster under another cluster_name`;
}

/** Deletes the fleet-managed cluster secrets `which` selects, with their connection status. */
async function deleteManaged(deps: RegistrationDeps, log: Logger, which: (s: KubeObject) => boolean): Promise<void> {
  const list = await deps.hub.api.list('v1', 'Secret', { namespace: deps.controlNamespace, labelSelector: `${FLEET_MANAGED_LABEL}=true` });
  for (const secret of list.items.filter(which)) {
    const name = secret.metadata.name ?? '';
    await deps.hub.api.delete(secretTarget(deps.controlNamespace, name));
    await deps.hub.api.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: deps.controlNamespace, name: connectionConfigMapName(name) });
    log.info('cluster secret deleted', { clusterSecret: `${deps.controlNamespace}/${name}`, registration: secret.metadata.annotations?.[REGISTRATION_ANNOTATION] });
  }
}

/**
 * The registration is gone: its cluster secret goes too. What was deployed to the cluster stays;
 * Applications that target it report their destination as missing until it is registered again.
 */
async function deregister(ref: string, deps: RegistrationDeps, log: Logger): Promise<void> {
  await deleteManaged(deps, log, (s) => s.metadata.annotations?.[REGISTRATION_ANNOTATION] === ref);
}
