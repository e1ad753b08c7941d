import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Ends `res` with a one-line plain-text message, for refusals and errors. */
export function sendPlainText(res: ServerResponse, status: number, message: string, headers: OutgoingHttpHeaders = {}): void {
  const body = `${message}\n`;
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
