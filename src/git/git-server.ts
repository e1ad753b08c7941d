import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GantryError, InputError, messageOf, systemClock, withContext, type Clock, type Logger } from '../core/index.js';
import { buildCgiEnv } from './cgi.js';
import { gitEnvironment, type GitEnv } from './git-command.js';
import { routeGitRequest, type GitRoute } from './git-route.js';
import { runHttpBackend } from './http-backend.js';
import { createKeyedLock, type KeyedLock } from './keyed-lock.js';
import { sendPlainText } from './plain-text.js';
import { createPushEvents, type PushEvents, type PushListener } from './push-events.js';
import { diffRefs } from './ref-changes.js';
import type { RepoStore } from './repo-store.js';
import { authorizeGitRequest, type ReadAccess } from './request-auth.js';
import type { WebhookSecrets } from './webhook.js';
import { serveWebhook, WEBHOOK_PATH, type WebhookListener } from './webhook-route.js';

/** What createGitServer needs; `events` is shared with in-process writers, `env` is git's environment. */
export interface GitServerOptions {
  store: RepoStore;
  /** The password every push (and, with readAccess 'token', every read) must present over HTTP Basic. */
  token: string;
  readAccess: ReadAccess;
  log: Logger;
  /** The address to listen on; default 127.0.0.1. */
  host?: string;
  events?: PushEvents;
  clock?: Clock;
  env?: GitEnv;
  /** Secrets GitHub and GitLab webhooks at /api/webhook must prove (default: none checked). */
  webhookSecrets?: WebhookSecrets;
}

/** Serves the store's repositories over git smart HTTP at `/git/<name>.git` and reports pushes. */
export interface GitServer {
  /** Starts listening (port 0 picks a free port) and resolves with the base URL. */
  listen(port: number): Promise<{ url: string }>;
  /** Stops accepting connections and resolves once open ones have ended. */
  close(): Promise<void>;
  /** The clone URL of a repository (without credentials); the server must be listening. */
  repoUrl(name: string): string;
  /** Subscribes to pushes (one event per moved ref) and returns the unsubscribe function. */
  onPush(listener: PushListener): () => void;
  /** Subscribes to pushes of external repositories announced by GitHub or GitLab webhooks at /api/webhook. */
  onWebhook(listener: WebhookListener): () => void;
}

interface ServerContext {
  store: RepoStore;
  token: string;
  readAccess: ReadAccess;
  log: Logger;
  events: PushEvents;
  clock: Clock;
  env: Record<string, string>;
  pushes: KeyedLock;
  webhookSecrets: WebhookSecrets;
  webhooks: Set<WebhookListener>;
}

/** Creates a git smart-HTTP server over `store`, running the real `git http-backend` per request. */
export function createGitServer(options: GitServerOptions): GitServer {
  if (!options.token) throw new InputError('the git server token must not be empty: pushes are authenticated with it');
  const log = options.log.child({ component: 'git-server' });
  const context: ServerContext = {
    ...options,
    log,
    events: options.events ?? createPushEvents({ log }),
    clock: options.clock ?? systemClock,
    env: gitEnvironment(options.env ?? process.env),
    pushes: createKeyedLock(),
    webhookSecrets: options.webhookSecrets ?? {},
    webhooks: new Set(),
  };
  const server = createServer((req, res) => void handleRequest(context, req, res));
  const host = options.host ?? '127.0.0.1';
  let baseUrl: string | undefined;
  return {
    listen: async (port) => {
      baseUrl = await listenOn(server, host, port);
      return { url: baseUrl };
    },
    close: () => closeServer(server),
    repoUrl: (name) => {
      if (!baseUrl) throw new GantryError('the git server is not listening yet: call listen() first');
      context.store.pathOf(name);
      return `${baseUrl}/git/${name}.git`;
    },
    onPush: (listener) => context.events.subscribe(listener),
    onWebhook: (listener) => {
      const entry: WebhookListener = (push) => listener(push);
      context.webhooks.add(entry);
      return () => void context.webhooks.delete(entry);
    },
  };
}

async function handleRequest(context: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = context.clock.now();
  const path = (req.url ?? '/').split('?')[0];
  res.once('close', () => {
    const fields = { method: req.method, path, status: res.statusCode, ms: context.clock.now() - started };
    context.log.debug('git request', fields);
  });
  try {
    await serveRequest(context, req, res);
  } catch (error) {
    context.log.error('git request failed', { method: req.method, path, error: messageOf(error) });
    if (!res.headersSent) sendPlainText(res, 500, 'internal error while serving git: see the gantry log');
    else res.destroy();
  }
}

async function serveRequest(context: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if ((req.url ?? '/').split('?')[0] === WEBHOOK_PATH) {
    return serveWebhook(req, res, { secrets: context.webhookSecrets, listeners: context.webhooks, log: context.log });
  }
  const route = routeGitRequest(req.method ?? 'GET', req.url ?? '/');
  if (!route.ok) return sendPlainText(res, route.status, route.message);
  const auth = authorizeGitRequest({ ...context, access: route.access, authorization: req.headers.authorization });
  if (!auth.ok) return refuse(context, res, route.repo, auth.reason);
  if (!(await context.store.exists(route.repo))) {
    return sendPlainText(res, 404, `not found: no repository named ${JSON.stringify(route.repo)}`);
  }
  const request = { ...route, method: req.method ?? 'GET', headers: req.headers, remoteUser: auth.user };
  const env = buildCgiEnv({ ...request, remoteAddress: req.socket.remoteAddress }, context.store.root, context.env);
  if (route.updatesRefs) await servePush(context, { req, res, env, route });
  else await runHttpBackend(req, res, { env, log: context.log });
}

function refuse(context: ServerContext, res: ServerResponse, repo: string, reason: 'missing-credentials' | 'wrong-token'): void {
  const fields = { repo, reason, status: 401 };
  // A missing Authorization header is the normal first step of git's HTTP auth; a wrong token is not.
  if (reason === 'wrong-token') context.log.warn('git request refused', fields);
  else context.log.debug('git request refused', fields);
  const message =
    reason === 'wrong-token'
      ? 'authentication failed: the password is not the gantry git token'
      : 'authentication required: use the gantry git token as the password (any user name)';
  sendPlainText(res, 401, message, { 'WWW-Authenticate': 'Basic realm="gantry"' });
}

interface PushRequest {
  req: IncomingMessage;
  res: ServerResponse;
  env: Record<string, string>;
  route: Extract<GitRoute, { ok: true }>;
}

/**
 * Runs one receive-pack between two ref snapshots, one push per repository at a time so that
 * concurrent pushes never mix snapshots, and announces each moved ref as soon as git exits.
 */
function servePush(context: ServerContext, push: PushRequest): Promise<void> {
  const repo = push.route.repo;
  return context.pushes.run(repo, async () => {
    const before = await context.store.readRefs(repo);
    await runHttpBackend(push.req, push.res, { env: push.env, log: context.log });
    try {
      announce(context, repo, diffRefs(before, await context.store.readRefs(repo)));
    } catch (error) {
      context.log.error('push not announced', { repo, error: messageOf(error) });
    }
  });
}

function announce(context: ServerContext, repo: string, changes: ReturnType<typeof diffRefs>): void {
  for (const change of changes) {
    context.log.info('push received', { repo, ...change });
    context.events.emit({ repo, ...change, at: context.clock.now() });
  }
}

function listenOn(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(withContext(`git server: listen on ${host}:${port}`, error));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
