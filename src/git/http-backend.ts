import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { messageOf, type Logger } from '../core/index.js';
import { parseCgiHead, type CgiHead } from './cgi.js';
import { sendPlainText } from './plain-text.js';

const MAX_HEAD_BYTES = 64 * 1024;
const MAX_STDERR_BYTES = 8 * 1024;

/**
 * Serves one request by running `git http-backend` as a CGI program with `env`: the request body
 * streams into its stdin, its CGI head becomes the response status and headers, and the rest of
 * its stdout streams back. Resolves with the exit code as soon as the child exits (null when it
 * could not start), which may be before the response has finished streaming.
 */
export function runHttpBackend(
  req: IncomingMessage,
  res: ServerResponse,
  options: { env: Record<string, string>; log: Logger },
): Promise<number | null> {
  const child = spawn('git', ['http-backend'], { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => {
      options.log.error('git http-backend could not start', { error: messageOf(error) });
      resolve(null);
    });
  });
  // A client that disconnects, or a child that stops reading early, ends the copy; both are normal.
  pipeline(req, child.stdin).catch(() => undefined);
  relayCgiResponse(child.stdout, res).catch((error: unknown) => {
    options.log.debug('git response not delivered', { error: messageOf(error) });
    child.stdout.destroy();
    if (!res.writableEnded) res.destroy();
  });
  const stderr = collectStderr(child.stderr);
  child.once('close', (code) => {
    if (code !== 0) options.log.warn('git http-backend failed', { code, stderr: stderr() });
  });
  return exited;
}

async function relayCgiResponse(stdout: Readable, res: ServerResponse): Promise<void> {
  const head = await readCgiHead(stdout);
  if (!head) {
    stdout.destroy();
    if (!res.headersSent) sendPlainText(res, 502, 'git http-backend ended without a valid response');
    return;
  }
  res.writeHead(head.head.status, toHeaderObject(head.head.headers));
  if (head.rest.length > 0) res.write(head.rest);
  await pipeline(stdout, res);
}

function readCgiHead(stdout: Readable): Promise<{ head: CgiHead; rest: Buffer } | undefined> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const finish = (value: { head: CgiHead; rest: Buffer } | undefined): void => {
      stdout.off('data', onData).off('end', onEnd).off('error', reject);
      stdout.pause();
      resolve(value);
    };
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const head = parseCgiHead(buffered);
      if (head) finish({ head, rest: buffered.subarray(head.bodyOffset) });
      else if (buffered.length > MAX_HEAD_BYTES) finish(undefined);
    };
    const onEnd = (): void => finish(undefined);
    stdout.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

function toHeaderObject(headers: [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of headers) {
    const previous = out[name];
    if (previous === undefined) out[name] = value;
    else out[name] = [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return out;
}

function collectStderr(stderr: Readable): () => string {
  let text = '';
  stderr.setEncoding('utf8');
  stderr.on('data', (chunk: string) => {
    if (text.length < MAX_STDERR_BYTES) text += chunk.slice(0, MAX_STDERR_BYTES - text.length);
  });
  return () => text.trim();
}
