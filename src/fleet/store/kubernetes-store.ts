import { messageOf, type Clock, type Logger } from '../../core/index.js';
import type { Cluster, Informer, KubeObject, ObjectChange } from '../../kube/index.js';
import { isRegistrationName } from '../registration/registration.js';
import type { RegistrationRecord, RegistrationReport, RegistrationStore } from './registration-store.js';
import { reportOf, reportPatch } from './report-annotations.js';

/**
 * Where registrations live on the hub by default. The seeds write registrations to AWS Secrets
 * Manager and sync them to the hub without naming a namespace; gantry gives them one of their
 * own, apart from `argocd`, so infrastructure code can be allowed to write registrations and
 * nothing else.
 */
export const DEFAULT_REGISTRATION_NAMESPACE = 'gantry-fleet';

type SecretObject = KubeObject & { data?: Record<string, string> };

/** Decodes a Secret's base64 data to text. */
export function decodeSecretData(secret: SecretObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
  return out;
}

/** The newer of the watch cache's copy and the copy a write of ours returned (the watch may not have caught up with it yet). */
function newerOf(cached: SecretObject | undefined, written: SecretObject | undefined): SecretObject | undefined {
  if (!cached || !written) return cached ?? written;
  const a = Number(cached.metadata.resourceVersion);
  const b = Number(written.metadata.resourceVersion);
  return Number.isFinite(a) && Number.isFinite(b) && b > a ? written : cached;
}

const dataChanged = (c: ObjectChange): boolean =>
  c.type !== 'updated' || JSON.stringify((c.old as SecretObject | undefined)?.data) !== JSON.stringify((c.object as SecretObject).data);

/**
 * The Kubernetes provider: registrations are Secrets named `cluster-registration-<cluster>` in a
 * hub namespace; reports are annotations on them plus a Warning Event when one goes wrong.
 */
export function createKubernetesRegistrationStore(options: { hub: Cluster; namespace?: string; clock: Clock; log: Logger }): RegistrationStore {
  const { hub, clock } = options;
  const namespace = options.namespace ?? DEFAULT_REGISTRATION_NAMESPACE;
  const target = (name: string): { apiVersion: string; kind: string; namespace: string; name: string } => ({ apiVersion: 'v1', kind: 'Secret', namespace, name });
  let informer: Informer | undefined;
  let unsubscribe: (() => void) | undefined;
  // What our last report patch returned, per registration: the watch may not have delivered it yet.
  const reported = new Map<string, SecretObject>();

  const writeSecret = async (name: string, data: Record<string, string>): Promise<void> => {
    const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
    await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    await hub.api.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'Opaque', data: encoded });
  };
  const fetchSecret = (name: string): Promise<SecretObject | undefined> => hub.api.get<SecretObject>(target(name));
  // The watch cache answers when it holds the secret; only "absent" is asked of the apiserver, so a cache that has not caught up never reads as a deletion.
  const readSecret = async (name: string): Promise<SecretObject | undefined> => (informer?.get(namespace, name) as SecretObject | undefined) ?? fetchSecret(name);
  const readForReport = async (name: string): Promise<SecretObject | undefined> => {
    const cached = informer?.get(namespace, name) as SecretObject | undefined;
    return cached ? newerOf(cached, reported.get(name)) : fetchSecret(name);
  };
  const emitEvent = async (secret: SecretObject, report: RegistrationReport): Promise<void> => {
    const now = new Date(clock.now()).toISOString();
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${secret.metadata.name ?? ''}.${clock.now().toString(16)}`, namespace },
      involvedObject: { apiVersion: 'v1', kind: 'Secret', namespace, name: secret.metadata.name, uid: secret.metadata.uid, resourceVersion: secret.metadata.resourceVersion },
      reason: report.state === 'Invalid' ? 'InvalidRegistration' : 'RegistrationPending',
      message: report.message.slice(0, 1024),
      type: 'Warning',
      source: { component: 'gantry-fleet' },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    };
    await hub.api.create(event).catch((e: unknown) => options.log.warn('cannot record event', { registration: secret.metadata.name, error: messageOf(e) }));
  };

  return {
    description: `Secrets in namespace ${namespace}`,
    refOf: (name) => `${namespace}/${name}`,
    nameOfRef: (ref) => (ref.startsWith(`${namespace}/`) ? ref.slice(namespace.length + 1) : undefined),
    async watch(onChange) {
      informer = await hub.cache.informer('v1', 'Secret', { namespace });
      unsubscribe = informer.onChange((c) => {
        if (c.type === 'deleted') reported.delete(c.object.metadata.name ?? '');
        if (dataChanged(c)) onChange(c.object.metadata.name ?? '');
      });
    },
    async list() {
      const secrets = informer ? informer.list(namespace) : (await hub.api.list('v1', 'Secret', { namespace })).items;
      return secrets.map((s) => s.metadata.name ?? '').filter(isRegistrationName);
    },
    async get(name): Promise<RegistrationRecord | undefined> {
      const secret = await readSecret(name);
      return secret && { name, data: decodeSecretData(secret), version: secret.metadata.resourceVersion ?? '' };
    },
    async readSecret(name) {
      const secret = await readSecret(name);
      return secret && decodeSecretData(secret);
    },
    put: (name, json) => writeSecret(name, { config: json }),
    putSecret: (name, data) => writeSecret(name, data),
    remove: (name) => hub.api.delete(target(name)),
    async report(name, report) {
      const secret = await readForReport(name);
      const patch = secret && reportPatch(secret.metadata.annotations, report);
      if (!secret || !patch) return false;
      reported.set(name, await hub.api.patch<SecretObject>(target(name), { metadata: { annotations: patch } }, { type: 'merge' }));
      const before = reportOf(secret.metadata.annotations);
      if (report.state !== 'Registered' && before?.message !== report.message) await emitEvent(secret, report);
      return true;
    },
    lastReport: async (name) => reportOf((await fetchSecret(name))?.metadata.annotations),
    stop() {
      unsubscribe?.();
    },
  };
}
