import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError, NotFoundError, messageOf, silentLogger, type Clock } from '../core/index.js';
import {
  DEFAULT_REGISTRATION_NAMESPACE,
  clusterSecretName,
  createKubernetesRegistrationStore,
  formatClusterTable,
  formatProblems,
  listClusters,
  parseRegistration,
  registrationDigest,
  registrationSecretName,
  type RegistrationReport,
  type RegistrationStore,
} from '../fleet/index.js';
import { dataLayout, defaultDataDir } from '../local/index.js';
import { connectInstanceHub } from './instance-access.js';
import type { CommandIO } from './io.js';

const USAGE = 'usage: gantry cluster register <file.json|-> [--name NAME] | list | deregister NAME  [--namespace NS] [--data-dir DIR]';
const CONTROL_NAMESPACE = 'argocd';
/** How long `register` waits for the fleet controller's verdict. */
const REPORT_WAIT_MS = 15_000;

/** Reads and validates a registration file (`-` is stdin); `name` replaces its cluster_name. */
function readRegistrationFile(file: string, name: string | undefined): { clusterName: string; json: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
  } catch (error) {
    throw new InputError(`cannot read registration ${file === '-' ? 'from stdin' : file}: ${error instanceof SyntaxError ? 'not valid JSON' : messageOf(error)}`);
  }
  if (name !== undefined && typeof doc === 'object' && doc !== null && !Array.isArray(doc)) (doc as Record<string, unknown>).cluster_name = name;
  const parsed = parseRegistration(doc);
  if (!parsed.ok) throw new InputError(formatProblems(`registration ${file === '-' ? '(stdin)' : file}`, parsed.error));
  return { clusterName: parsed.value.cluster_name, json: `${JSON.stringify(doc, null, 2)}\n` };
}

async function waitForReport(store: RegistrationStore, name: string, digest: string, clock: Clock): Promise<RegistrationReport | undefined> {
  for (const deadline = clock.now() + REPORT_WAIT_MS; clock.now() < deadline; await clock.sleep(250)) {
    const report = await store.lastReport(name);
    if (report?.observed === digest) return report;
  }
  return undefined;
}

async function register(store: RegistrationStore, o: { clusterName: string; json: string; io: CommandIO; clock: Clock }): Promise<number> {
  const { clusterName, json } = o;
  const secret = registrationSecretName(clusterName);
  await store.put(secret, json);
  o.io.out(`registration ${store.refOf(secret)} written for cluster ${clusterName}\n`);
  const report = await waitForReport(store, secret, registrationDigest({ config: json }), o.clock);
  if (!report) {
    o.io.out('the fleet controller has not answered yet: is gantry running (gantry status)? See gantry cluster list.\n');
    return 0;
  }
  o.io.out(`${report.state}: ${report.message}\n`);
  return report.state === 'Invalid' ? 1 : 0;
}

async function deregister(store: RegistrationStore, name: string, io: CommandIO): Promise<number> {
  const secret = registrationSecretName(name);
  if (!(await store.remove(secret))) throw new NotFoundError(`no registration ${store.refOf(secret)}: see gantry cluster list`);
  io.out(`registration ${store.refOf(secret)} deleted: the fleet controller removes cluster secret ${CONTROL_NAMESPACE}/${clusterSecretName(name)}; what was deployed to the cluster stays\n`);
  return 0;
}

/** `gantry cluster register|list|deregister`: cluster registrations in the hub's registration namespace. */
export async function runCluster(args: string[], io: CommandIO, clock: Clock): Promise<number> {
  const options = { 'data-dir': { type: 'string' }, name: { type: 'string' }, namespace: { type: 'string' } } as const;
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
  const [action, arg] = positionals;
  if (!action || (action !== 'list' && !arg)) throw new InputError(USAGE);
  // A registration is read and checked before anything connects, so a bad file fails fast.
  const file = action === 'register' ? readRegistrationFile(arg ?? '-', values.name) : undefined;
  const hub = await connectInstanceHub(dataLayout(values['data-dir'] ?? defaultDataDir(io.env)), clock);
  const store = createKubernetesRegistrationStore({ hub, namespace: values.namespace ?? DEFAULT_REGISTRATION_NAMESPACE, clock, log: silentLogger });
  try {
    switch (action) {
      case 'register':
        return await register(store, { ...(file as { clusterName: string; json: string }), io, clock });
      case 'list': {
        const { rows, issues } = await listClusters({ hub, store, controlNamespace: CONTROL_NAMESPACE });
        io.out(formatClusterTable(rows, issues, clock.now()));
        return 0;
      }
      case 'deregister':
        return await deregister(store, arg ?? '', io);
      default:
        throw new InputError(`unknown cluster command "${action}": ${USAGE}`);
    }
  } finally {
    hub.close();
  }
}
