import type http from 'node:http';
import type { KubeClient } from './client.js';
import { KubeApiError } from './errors.js';
import { resourcePath, type ApiResource, type KubeObject } from './types.js';

/** One event of a watch stream. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

/** Where and from which version to watch one resource. */
export interface WatchRequest {
  resource: ApiResource;
  namespace?: string;
  labelSelector?: string;
  resourceVersion?: string;
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

/**
 * Streams a watch's events to `onEvent` until the server closes it (normal after timeoutSeconds),
 * the signal aborts, or the server says the version is gone (a KubeApiError with code 410).
 */
export async function watchResource(client: KubeClient, req: WatchRequest, onEvent: (e: WatchEvent) => void): Promise<void> {
  const path = resourcePath(req.resource, { namespace: req.namespace });
  const query = {
    watch: 1,
    allowWatchBookmarks: true,
    resourceVersion: req.resourceVersion,
    labelSelector: req.labelSelector,
    timeoutSeconds: req.timeoutSeconds ?? 300,
  };
  const res = await client.stream({ method: 'GET', path, query, signal: req.signal, what: `watch ${req.resource.kind}` });
  await readLines(res, (line) => {
    const event = JSON.parse(line) as WatchEvent;
    if (event.type === 'ERROR') throw errorOfEvent(event);
    onEvent(event);
  });
}

function errorOfEvent(event: WatchEvent): KubeApiError {
  const status = event.object as unknown as { code?: number; reason?: string; message?: string };
  const code = status.code ?? 500;
  return new KubeApiError(`watch: ${status.message ?? 'error event'}`, { code, reason: status.reason ?? '', retryable: true });
}

/** Hands each complete line of a chunk to `onLine`; returns the unfinished rest. Blank lines are skipped. */
export function takeLines(rest: string, chunk: string, onLine: (line: string) => void): string {
  let start = 0;
  let nl = chunk.indexOf('\n');
  let head = rest;
  while (nl >= 0) {
    const line = head + chunk.slice(start, nl);
    head = '';
    // An event is a JSON object on its own line; JSON.parse takes the whitespace around it.
    if (line.charCodeAt(0) === 123 || /\S/.test(line)) onLine(line);
    start = nl + 1;
    nl = chunk.indexOf('\n', start);
  }
  return head + chunk.slice(start);
}

function readLines(res: http.IncomingMessage, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let rest = '';
    const fail = (e: unknown): void => {
      res.destroy();
      reject(e as Error);
    };
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      try {
        rest = takeLines(rest, chunk, onLine);
      } catch (e) {
        return fail(e);
      }
    });
    res.on('end', () => resolve());
    res.on('close', () => resolve());
    res.on('error', (e) => (e.name === 'AbortError' ? resolve() : reject(e)));
  });
}
