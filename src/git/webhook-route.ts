import type { IncomingMessage, ServerResponse } from 'node:http';
import { messageOf, type Logger } from '../core/index.js';
import { sendPlainText } from './plain-text.js';
import { parseWebhook, type WebhookPush, type WebhookSecrets } from './webhook.js';

/** The path gantry takes GitHub and GitLab push webhooks on, as Argo CD does. */
export const WEBHOOK_PATH = '/api/webhook';

/** Receives the pushes webhooks announce; a returned promise is awaited only to report its rejection. */
export type WebhookListener = (push: WebhookPush) => void | Promise<void>;

/** GitHub sends payloads of up to 25 MB; a push payload is far smaller, so more than this is refused. */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

/** What the webhook route needs: the secrets to check, where to report pushes, and a log. */
export interface WebhookRouteOptions {
  secrets: WebhookSecrets;
  listeners: ReadonlySet<WebhookListener>;
  log: Logger;
}

/**
 * Serves `POST /api/webhook`: reads the body, checks the secret, parses a GitHub or GitLab push
 * and tells every listener. Answers 200 for a push or an ignored event (a ping), 401 for a wrong
 * secret, 400 for a body that is not a push payload, 405 for other methods.
 */
export async function serveWebhook(req: IncomingMessage, res: ServerResponse, options: WebhookRouteOptions): Promise<void> {
  if (req.method !== 'POST') return sendPlainText(res, 405, `method not allowed: send webhooks to ${WEBHOOK_PATH} with POST`, { Allow: 'POST' });
  const body = await readBody(req, MAX_BODY_BYTES);
  if (body === undefined) return sendPlainText(res, 413, `payload too large: more than ${MAX_BODY_BYTES} bytes`);
  const outcome = parseWebhook(req.headers, body, options.secrets);
  if (outcome.kind === 'refused') {
    options.log.warn('webhook refused', { status: outcome.status, reason: outcome.message });
    return sendPlainText(res, outcome.status, outcome.message);
  }
  if (outcome.kind === 'ignored') return sendPlainText(res, 200, `ignored: ${outcome.reason}`);
  const { push } = outcome;
  options.log.info('webhook push', { provider: push.provider, repo: push.repoUrls[0], ref: push.ref, commit: push.commit });
  for (const listener of [...options.listeners]) notify(listener, push, options.log);
  sendPlainText(res, 200, `push to ${push.repoUrls[0]} ${push.ref ?? ''} received`.trimEnd());
}

function notify(listener: WebhookListener, push: WebhookPush, log: Logger): void {
  const report = (error: unknown): void => log.error('webhook listener failed', { repo: push.repoUrls[0], error: messageOf(error) });
  try {
    const result = listener(push);
    if (result instanceof Promise) result.catch(report);
  } catch (error) {
    report(error);
  }
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.once('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
