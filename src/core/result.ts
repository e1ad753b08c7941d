/** An expected outcome that may fail, as a value rather than a throw. */
export type Result<T, E = Error> = { ok: true; value: T } | { ok: false; error: E };

/** Wraps a success. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Wraps a failure. */
export function fail<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
