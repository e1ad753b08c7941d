import { messageOf, type Logger } from '../core/index.js';
import type { RefChange } from './ref-changes.js';

/** A ref that a push moved in a hosted repository; `at` is ms since the epoch on the server's clock. */
export interface PushEvent extends RefChange {
  repo: string;
  at: number;
}

/** Receives push events; a returned promise is awaited only to report its rejection. */
export type PushListener = (event: PushEvent) => void | Promise<void>;

/**
 * An in-process channel for push events, shared by the git server and by any in-process writer
 * that commits to a hosted repository, so subscribers see every push the same way.
 */
export interface PushEvents {
  /** Delivers `event` to every current subscriber; a failing listener is logged and skipped. */
  emit(event: PushEvent): void;
  /** Adds a listener and returns the function that removes it. */
  subscribe(listener: PushListener): () => void;
}

/** Creates an empty push-event channel; listener failures go to `log`. */
export function createPushEvents(options: { log?: Logger } = {}): PushEvents {
  const listeners = new Set<PushListener>();
  const report = (event: PushEvent, error: unknown): void => {
    options.log?.error('push listener failed', { repo: event.repo, ref: event.ref, error: messageOf(error) });
  };
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          const result = listener(event);
          if (result instanceof Promise) result.catch((error: unknown) => report(event, error));
        } catch (error) {
          report(event, error);
        }
      }
    },
    subscribe(listener) {
      const entry: PushListener = (event) => listener(event);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
  };
}
