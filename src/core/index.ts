/**
 * core: what every other module may use and nothing else depends on. Errors with a stable name and
 * retryability, results as values, structured logging with secret redaction, a clock port, and
 * object keys. Pure: no I/O and no globals.
 */
export {
  GantryError,
  InputError,
  NotFoundError,
  ConflictError,
  TransientError,
  TerminalError,
  isRetryable,
  messageOf,
  withContext,
} from './errors.js';
export type { ErrorOptions } from './errors.js';
export { ok, fail } from './result.js';
export type { Result } from './result.js';
export { systemClock, createManualClock } from './clock.js';
export type { Clock, ManualClock } from './clock.js';
export { createLogger, jsonLineSink, textSink, redactFields, silentLogger } from './log.js';
export type { Logger, LogLevel, LogFields, LogRecord, LogSink } from './log.js';
export { groupOf, formatObjectKey, formatNameKey, parseNameKey } from './keys.js';
export type { ObjectRef } from './keys.js';
