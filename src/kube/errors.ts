import {
  ConflictError,
  GantryError,
  InputError,
  NotFoundError,
  TransientError,
} from '../core/index.js';

/** The apiserver's Status body, as far as gantry reads it. */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: { field?: string; message?: string }[] };
}

/** An error from the apiserver, carrying its HTTP code and Status reason. */
export class KubeApiError extends GantryError {
  readonly code: number;
  readonly reason: string;

  constructor(message: string, options: { code: number; reason: string; retryable: boolean }) {
    super(message, { retryable: options.retryable });
    this.name = 'KubeApiError';
    this.code = options.code;
    this.reason = options.reason;
  }
}

/** Maps an apiserver response code and Status to one of gantry's error classes. */
export function errorFromStatus(code: number, body: KubeStatus | undefined, what: string): Error {
  const detail = body?.message ?? `HTTP ${code}`;
  const message = `${what}: ${detail}`;
  if (code === 404) return new NotFoundError(message);
  if (code === 409) return new ConflictError(message);
  if (code === 400 || code === 422 || code === 415) return new InputError(message);
  if (code === 429 || code >= 500) return new TransientError(message);
  return new KubeApiError(message, { code, reason: body?.reason ?? '', retryable: code === 410 });
}

/** Whether an error is the apiserver's 410 Gone (a watch whose resourceVersion expired). */
export function isGone(error: unknown): boolean {
  return error instanceof KubeApiError && error.code === 410;
}
