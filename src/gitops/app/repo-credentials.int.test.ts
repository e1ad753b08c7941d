import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLogger, type LogRecord } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { createAppRig } from './int-rig.js';
import type { Application, ApplicationSource } from './types.js';

// Argo CD repository secrets and trust ConfigMaps read by the Application controller from a real
// apiserver: an HTTPS repository that wants a client certificate (the key from the secret, the
// server's CA from argocd-tls-certs-cm), and secrets with fields gantry refuses by name.

const run = promisify(execFile);
const logs: LogRecord[] = [];
// Reads need the token; the controller starts once the HTTPS front and the control namespace are there.
const rig = createAppRig({
  name: 'rc',
  render: 'helm-repositories',
  readAccess: 'token',
  log: createLogger({ level: 'debug', sink: (r) => void logs.push(r) }),
  controller: false,
  refreshOnPush: false,
  waitMs: 40_000,
});
const { suffix, controlNamespace } = rig;
let front: Server | undefined;
let frontUrl: string;
let hub: Cluster;
let pki: Record<'ca' | 'clientCert' | 'clientKey', string> | undefined;

/** A CA, a server certificate for 127.0.0.1 and a client certificate, from the openssl CLI. */
async function makePki(at: string): Promise<Record<'ca' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey', string>> {
  mkdirSync(at, { recursive: true });
  const ssl = (args: string[]): Promise<unknown> => run('openssl', args, { cwd: at });
  await ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=test CA']);
  writeFileSync(join(at, 'server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  writeFileSync(join(at, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const name of ['server', 'client']) {
    await ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
    await ssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.pem`]);
  }
  const read = (f: string): string => readFileSync(join(at, f), 'utf8');
  return { ca: read('ca.pem'), serverCert: read('server.pem'), serverKey: read('server.key'), clientCert: read('client.pem'), clientKey: read('client.key') };
}

/** An HTTPS server that requires a client certificate signed by the CA and relays to gantry's git server (with its read token). */
async function startFront(tls: Awaited<ReturnType<typeof makePki>>): Promise<void> {
  const auth = `Basic ${Buffer.from(`gantry:${rig.git.token}`).toString('base64')}`;
  const tlsServer = createHttpsServer({ key: tls.serverKey, cert: tls.serverCert, ca: [tls.ca], requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const target = new URL(req.url ?? '/', rig.git.baseUrl);
    const out = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host, authorization: auth } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  front = tlsServer;
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  frontUrl = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
}

function application(name: string, source: ApplicationSource, destNamespace: string): KubeObject {
  return rig.application(name, { destNamespace, source, syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] } });
}

const waitApp = (name: string, what: string, ok: (a: Application) => boolean): Promise<Application> => rig.waitApp(name, what, ok);

function repoSecret(name: string, type: 'repository' | 'repo-creds', data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: controlNamespace, labels: { 'argocd.argoproj.io/secret-type': type } }, stringData: data } as KubeObject;
}

const conditionMessages = (a: Application): string => (a.status?.conditions ?? []).filter((c) => c.type === 'ComparisonError').map((c) => c.message).join(' | ');

before(async () => {
  ({ hub } = await rig.start());
  const tls = await makePki(join(rig.git.dir, 'pki')).catch(() => undefined);
  if (tls) {
    pki = { ca: tls.ca, clientCert: tls.clientCert, clientKey: tls.clientKey };
    await startFront(tls);
  }
  await hub.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: controlNamespace } });
  await rig.startController();
});

after(async () => {
  await rig.stop();
  front?.closeAllConnections();
  await new Promise<void>((resolve) => (front ? front.close(() => resolve()) : resolve()));
});

test('an HTTPS repository behind a client certificate: the key from the repository secret, the server\'s CA from argocd-tls-certs-cm', async (t) => {
  if (!pki) {
    t.skip('the openssl CLI is not installed (Debian/Ubuntu: apt-get install -y openssl): no certificates for the HTTPS repository');
    return;
  }
  const ns = `rc-tls-${suffix}`;
  const rev = await rig.push('tls-src', { 'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: over-mtls\ndata:\n  ok: "yes"\n' });
  const url = `${frontUrl}/git/tls-src.git`;
  await hub.api.apply(repoSecret('tls-src', 'repository', { url, tlsClientCertData: pki.clientCert, tlsClientCertKey: pki.clientKey }));
  await hub.api.apply(application('mtls', { repoURL: url, path: 'app', targetRevision: 'main' }, ns));
  const untrusted = await waitApp('mtls', 'a ComparisonError: the server is not trusted yet', (a) => /TLS certificate is not trusted/.test(conditionMessages(a)));
  assert.match(conditionMessages(untrusted), /argocd-tls-certs-cm/);

  await hub.api.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-tls-certs-cm', namespace: controlNamespace }, data: { '127.0.0.1': pki.ca } });
  await new Promise((resolve) => setTimeout(resolve, 3500)); // past the reader's minimum fetch interval
  await rig.refreshApp('mtls', 'hard');
  await waitApp('mtls', 'Synced over mutual TLS', (a) => a.status?.sync?.status === 'Synced' && a.status.sync.revision === rev && a.status.operationState?.phase === 'Succeeded');
  const cm = await hub.api.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: 'over-mtls' });
  assert.deepEqual(cm?.data, { ok: 'yes' });
  const keyBody = pki.clientKey.split('\n')[1] ?? '?';
  const written = JSON.stringify(await hub.api.get(rig.appRef('mtls')));
  assert.ok(!written.includes(keyBody) && !JSON.stringify(logs).includes(keyBody), 'the client key is in no status and no log');
});

test('repository secrets with fields gantry cannot honour: a ComparisonError naming each field (GitHub App, enableOCI), nothing fetched', async () => {
  await hub.api.apply(repoSecret('gh-app', 'repo-creds', { url: 'https://git.invalid/org', githubAppID: '12', githubAppInstallationID: '34', githubAppPrivateKey: 'APP-PRIVATE-KEY-xyz' }));
  await hub.api.apply(application('gh-app', { repoURL: 'https://git.invalid/org/app.git', path: '.', targetRevision: 'main' }, `rc-gh-${suffix}`));
  const gh = await waitApp('gh-app', 'a ComparisonError naming the GitHub App fields', (a) => /githubAppID/.test(conditionMessages(a)));
  assert.match(conditionMessages(gh), /repository secret "gh-app" \(repo-creds\) for https:\/\/git\.invalid\/org\/app\.git cannot be used: githubAppID, githubAppInstallationID, githubAppPrivateKey: GitHub App authentication is not supported/);
  assert.ok(!JSON.stringify(gh).includes('APP-PRIVATE-KEY-xyz'));

  await hub.api.apply(repoSecret('oci-charts', 'repository', { url: 'https://charts.invalid/stable', type: 'helm', enableOCI: 'true', username: 'u', password: 'oci-pass-789' }));
  await hub.api.apply(application('oci', { repoURL: 'https://charts.invalid/stable', chart: 'web', targetRevision: '1.0.0' }, `rc-oci-${suffix}`));
  const oci = await waitApp('oci', 'a ComparisonError naming enableOCI', (a) => /enableOCI/.test(conditionMessages(a)));
  assert.match(conditionMessages(oci), /cannot be used: enableOCI: OCI Helm repositories are not supported/);
  assert.ok(!JSON.stringify(oci).includes('oci-pass-789') && !JSON.stringify(logs).includes('oci-pass-789'));
});
