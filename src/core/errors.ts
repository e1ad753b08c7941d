/** Options every gantry error takes: the underlying cause and whether retrying can help. */
export interface ErrorOptions {
  cause?: unknown;
  retryable?: boolean;
}

/**
 * The base of every failure gantry raises on purpose. `name` is stable (callers and transports
 * switch on it), `retryable` says whether the same call may succeed later, `cause` keeps the chain.
 */
export class GantryError extends Error {
  readonly retryable: boolean;

  constructor(message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GantryError';
    this.retryable = options.retryable ?? false;
  }
}

/** Bad input from a user or a manifest: retrying the same input cannot help. */
export class InputError extends GantryError {
  constructor(message: string, options: Omit<ErrorOptions, 'retryable'> = {}) {
    super(message, { ...options, retryable: false });
    this.name = 'InputError';
  }
}

/** Something looked up does not exist. */
export class NotFoundError extends GantryError {
  constructor(message: string, options: ErrorOptions = {}) {
    super(message, options);
    this.name = 'NotFoundError';
  }
}

/** A concurrent change or an existing thing is in the way (an optimistic-lock conflict, a held lock). */
export class ConflictError extends GantryError {
  constructor(message: string, options: ErrorOptions = {}) {
    super(message, { retryable: true, ...options });
    this.name = 'ConflictError';
  }
}

/** A passing failure (network, timeout, overloaded server): the same call may succeed later. */
export class TransientError extends GantryError {
  constructor(message: string, options: Omit<ErrorOptions, 'retryable'> = {}) {
    super(message, { ...options, retryable: true });
    this.name = 'TransientError';
  }
}

/** Tells a controller to stop retrying a key until something about it changes. */
export class TerminalError extends GantryError {
  constructor(message: string, options: Omit<ErrorOptions, 'retryable'> = {}) {
    super(message, { ...options, retryable: false });
    this.name = 'TerminalError';
  }
}

/** True when a retry of the failed call may succeed; unknown errors count as retryable. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof GantryError) return error.retryable;
  return true;
}

/** The message of any thrown value, for errors that wrap it. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Adds context at a module boundary ("render app guestbook at 3f2a1c: ...") while keeping the
 * error's class, name and retryability, so callers still switch on them.
 */
export function withContext(context: string, error: unknown): Error {
  const message = `${context}: ${messageOf(error)}`;
  if (error instanceof GantryError) {
    const wrapped = Object.create(Object.getPrototypeOf(error) as object) as GantryError;
    Object.assign(wrapped, error);
    Object.defineProperty(wrapped, 'message', { value: message, enumerable: false, writable: true });
    Object.defineProperty(wrapped, 'cause', { value: error, enumerable: false, writable: true });
    Object.defineProperty(wrapped, 'stack', { value: `${wrapped.name}: ${message}`, enumerable: false });
    return wrapped;
  }
  return new GantryError(message, { cause: error, retryable: isRetryable(error) });
}
