/**
 * What the Application controller's integration tests share: a hosted git server, the run's control
 * plane, an Application controller in a control namespace of the test file's own, and the few
 * helpers every such test writes (an Application manifest, reading and waiting for its state).
 * Not a `*.test.ts`, so the runner never runs it; only integration tests import it.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { systemClock, type Logger } from '../../core/index.js';
import type { GitReader, ReadAccess } from '../../git/index.js';
import { createHelmRepositoryClient } from '../../helmrepo/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import type { Runnable } from '../../runtime/index.js';
import { connectTestCluster, eventually, startTestGitHost, testLogger, type TestGitHost } from '../../testkit/index.js';
import { createApplicationController, type ApplicationController } from './application-controller.js';
import { compareWithDiff } from './diff-comparer.js';
import { createSourceRenderer, renderWithDirectory } from './directory-renderer.js';
import type { SourceRenderer } from './ports.js';
import type { Application, ApplicationSource } from './types.js';

/** How the controller renders: plain directories (and Helm/Kustomize from git), plus Helm repositories, or plus remote Kustomize bases. */
export type RigRenderer = 'directory' | 'helm-repositories' | 'remote-bases';

/** How a test file's rig is set up. */
export interface AppRigOptions {
  /** Names the control namespace (`gantry-<name>-<suffix>`) and the temporary folder. */
  name: string;
  /** Default `directory`. */
  render?: RigRenderer;
  /** Whether the git server wants its token for reads too; default `open`. */
  readAccess?: ReadAccess;
  /** Default: warnings and errors to stderr. */
  log?: Logger;
  /** Whether `start` starts a controller; default true (false: the test calls startController or createController). */
  controller?: boolean;
  /** Whether a push refreshes the apps of the pushed repository, as `gantry up` wires it; default true. */
  refreshOnPush?: boolean;
  /** Other runnables on the hub (simulated nodes), started before the controller and stopped after the namespaces are deleted. */
  alongside?: (hub: Cluster, log: Logger) => Runnable[];
  /** Whether `stop` waits (up to 60 s) for the control namespace to be gone before stopping what runs alongside. */
  awaitNamespaceGone?: boolean;
  /** How long `waitApp` waits by default; 30 s unless given. */
  waitMs?: number;
}

/** An Application spec as tests write it: the destination namespace is enough for the destination. */
export type AppSpec = Partial<Application['spec']> & { destNamespace: string };

/** One test file's hosted git, hub and Application controller. */
export interface AppRig {
  /** A random suffix for the names of this run. */
  readonly suffix: string;
  readonly controlNamespace: string;
  /** The following are there once `start` resolved. */
  readonly hub: Cluster;
  readonly git: TestGitHost;
  readonly reader: GitReader;
  readonly log: Logger;
  /** Aborted by `stop`: what a test starts itself runs until then. */
  readonly signal: AbortSignal;
  start(): Promise<AppRig>;
  /** An Application controller wired as `start` wires one, not started (the test owns it). */
  createController(): ApplicationController;
  /** Creates and starts a controller that `stop` stops. */
  startController(): Promise<ApplicationController>;
  /** Commits `files` (null deletes one) to the hosted `repo` and pushes to main; resolves with the commit. */
  push(repo: string, files: Record<string, string | null>): Promise<string>;
  /** A hosted source: `repo` at `path`, branch main. */
  source(repo: string, path?: string): ApplicationSource;
  /** An Application in the control namespace; its destination namespace is deleted by `stop`. */
  application(name: string, spec: AppSpec): KubeObject;
  /** Has `stop` delete a namespace the test created itself. */
  deleteAtStop(namespace: string): void;
  /** The get/patch/delete target of an Application. */
  appRef(name: string): { apiVersion: string; kind: string; namespace: string; name: string };
  getApp(name: string): Promise<Application>;
  /** Waits until the Application satisfies `ok`; a timeout says what it last looked like. */
  waitApp(name: string, what: string, ok: (a: Application) => boolean, timeoutMs?: number): Promise<Application>;
  /** Merge-patches an Application. */
  patchApp(name: string, patch: Record<string, unknown>): Promise<unknown>;
  /** Asks for a refresh with the `argocd.argoproj.io/refresh` annotation. */
  refreshApp(name: string, mode: 'normal' | 'hard'): Promise<unknown>;
  stop(): Promise<void>;
}

const APPLICATION = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' };

/** A ConfigMap manifest as a YAML file, `extra` lines going into its metadata. */
export function configMapYaml(name: string, data: Record<string, string>, extra = ''): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data:\n${Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`).join('\n')}\n`;
}

/** What an Application last looked like, for a timeout's message. */
function describeApp(a: Application | undefined): string {
  const s = a?.status ?? {};
  const resources = (s.resources ?? []).map((r) => `${r.kind}/${r.name}:${r.status}:${r.health?.status ?? '-'}`).join(' ');
  return `sync ${s.sync?.status} health ${s.health?.status} ${describeOperation(s.operationState)} conditions ${JSON.stringify(s.conditions ?? [])} resources ${resources}`;
}

function describeOperation(op: NonNullable<Application['status']>['operationState']): string {
  return `op ${op?.phase}: ${op?.message ?? ''} results ${JSON.stringify(op?.syncResult?.resources ?? [])}`;
}

function rendererFor(kind: RigRenderer, rig: { git: TestGitHost; reader: GitReader; log: Logger }): SourceRenderer {
  if (kind === 'helm-repositories') return createSourceRenderer({ helmRepos: createHelmRepositoryClient({ cacheDir: join(rig.git.dir, 'helm'), log: rig.log }) });
  if (kind === 'remote-bases') return createSourceRenderer({ git: rig.reader });
  return renderWithDirectory;
}

interface Started {
  hub: Cluster;
  git: TestGitHost;
  reader: GitReader;
  render: SourceRenderer;
  alongside: Runnable[];
}

/** Creates the rig of one test file; call `start` in `before` and `stop` in `after`. */
export function createAppRig(o: AppRigOptions): AppRig {
  const suffix = randomBytes(3).toString('hex');
  const controlNamespace = `gantry-${o.name}-${suffix}`;
  const log = o.log ?? testLogger();
  const abort = new AbortController();
  const namespaces = new Set<string>();
  const controllers: ApplicationController[] = [];
  let up: Started | undefined;
  const started = (): Started => {
    if (!up) throw new Error('the app rig is not started: call rig.start() in before()');
    return up;
  };
  const rig: AppRig = {
    suffix,
    controlNamespace,
    log,
    signal: abort.signal,
    get hub() {
      return started().hub;
    },
    get git() {
      return started().git;
    },
    get reader() {
      return started().reader;
    },
    async start() {
      up = await startParts(o, log);
      for (const r of up.alongside) await r.start(abort.signal);
      if (o.controller ?? true) await rig.startController();
      return rig;
    },
    createController() {
      const { hub, reader, render, git } = started();
      const controller = createApplicationController({ hub, reader, render, compare: compareWithDiff, controlNamespace, clock: systemClock, log });
      if (o.refreshOnPush ?? true) git.server.onPush((e) => controller.refreshWhere((url) => url.endsWith(`/git/${e.repo}.git`)));
      return controller;
    },
    async startController() {
      const controller = rig.createController();
      controllers.push(controller);
      await controller.start(abort.signal);
      return controller;
    },
    push: (repo, files) => started().git.push(repo, files),
    source: (repo, path = 'app') => ({ repoURL: started().git.url(repo), path, targetRevision: 'main' }),
    application(name, spec) {
      const { destNamespace, ...rest } = spec;
      namespaces.add(destNamespace);
      const destination = { server: 'https://kubernetes.default.svc', namespace: destNamespace };
      return { ...APPLICATION, metadata: { name, namespace: controlNamespace }, spec: { project: 'default', destination, ...rest } };
    },
    deleteAtStop: (namespace) => void namespaces.add(namespace),
    appRef: (name) => ({ ...APPLICATION, namespace: controlNamespace, name }),
    getApp: async (name) => (await started().hub.api.get(rig.appRef(name))) as unknown as Application,
    waitApp(name, what, ok, timeoutMs = o.waitMs ?? 30_000) {
      return eventually(`${name}: ${what}`, async () => {
        const a = await rig.getApp(name);
        if (a && ok(a)) return a;
        // Thrown so that a timeout reports what the app last looked like.
        throw new Error(describeApp(a));
      }, timeoutMs);
    },
    patchApp: (name, patch) => started().hub.api.patch(rig.appRef(name), patch, { type: 'merge' }),
    refreshApp: (name, mode) => rig.patchApp(name, { metadata: { annotations: { 'argocd.argoproj.io/refresh': mode } } }),
    async stop() {
      if (!up) return;
      await stopParts({ rig, up, controllers, namespaces: [...namespaces, controlNamespace], awaitNamespaceGone: o.awaitNamespaceGone ?? false });
      abort.abort();
      await up.git.close();
      up.hub.close();
    },
  };
  return rig;
}

async function startParts(o: AppRigOptions, log: Logger): Promise<Started> {
  const git = await startTestGitHost({ prefix: `gantry-${o.name}`, log, readAccess: o.readAccess ?? 'open' });
  const hub = await connectTestCluster();
  const reader = git.reader(log);
  const render = rendererFor(o.render ?? 'directory', { git, reader, log });
  return { hub, git, reader, render, alongside: o.alongside?.(hub, log) ?? [] };
}

/** Lets go of every Application (no finalizer holds a deletion), stops the controllers, deletes the namespaces, then what ran alongside. */
async function stopParts(s: { rig: AppRig; up: Started; controllers: ApplicationController[]; namespaces: string[]; awaitNamespaceGone: boolean }): Promise<void> {
  const { hub } = s.up;
  const apps = await hub.api.list(APPLICATION.apiVersion, APPLICATION.kind, { namespace: s.rig.controlNamespace });
  for (const a of apps.items) await s.rig.patchApp(a.metadata.name ?? '', { metadata: { finalizers: [] } }).catch(() => undefined);
  for (const c of s.controllers) await c.stop?.();
  for (const ns of s.namespaces) await hub.api.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
  if (s.awaitNamespaceGone) {
    const gone = async (): Promise<true | undefined> => ((await hub.api.get({ apiVersion: 'v1', kind: 'Namespace', name: s.rig.controlNamespace })) ? undefined : true);
    await eventually('test namespaces gone', gone, 60_000).catch(() => undefined);
  }
  for (const r of s.up.alongside) await r.stop?.();
}
