/**
 * Something the manager starts and stops with the process: a controller, a watch cache, an HTTP
 * server. `start` resolves once it runs (work continues in the background) and rejects if it could
 * not start; the signal aborts when the manager stops.
 */
export interface Runnable {
  readonly name: string;
  start(signal: AbortSignal): Promise<void> | void;
  stop?(): Promise<void>;
}
