/** Log levels in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** A structured logger: a constant message plus fields, and child loggers that add fields. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** One rendered log record, as handed to a sink. */
export interface LogRecord {
  time: string;
  level: LogLevel;
  msg: string;
  fields: LogFields;
}

/** Where records go (stderr, a file, a test's array). */
export type LogSink = (record: LogRecord) => void;

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const SECRET_FIELD = /(token|password|secret|credential|private.?key|authorization|bearer)/i;

/** Replaces values of secret-looking fields, so secrets never reach a log. */
export function redactFields(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_FIELD.test(key)) out[key] = '<redacted>';
    else if (value instanceof Error) out[key] = value.message;
    else out[key] = value;
  }
  return out;
}

/** Creates a logger that drops records below `level` and redacts secret fields. */
export function createLogger(options: { level?: LogLevel; sink: LogSink; now?: () => number }): Logger {
  const min = ORDER[options.level ?? 'info'];
  const now = options.now ?? Date.now;
  const make = (base: LogFields): Logger => {
    const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
      if (ORDER[level] < min) return;
      const merged = redactFields({ ...base, ...fields });
      options.sink({ time: new Date(now()).toISOString(), level, msg, fields: merged });
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make({});
}

/** A sink writing one JSON object per line. */
export function jsonLineSink(write: (line: string) => void): LogSink {
  return (r) => write(`${JSON.stringify({ time: r.time, level: r.level, msg: r.msg, ...r.fields })}\n`);
}

/** A sink writing `time level msg key=value ...` for people. */
export function textSink(write: (line: string) => void): LogSink {
  return (r) => {
    const kv = Object.entries(r.fields)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    write(`${r.time} ${r.level.toUpperCase().padEnd(5)} ${r.msg}${kv ? ` ${kv}` : ''}\n`);
  };
}

/** A logger that discards everything. */
export const silentLogger: Logger = createLogger({ level: 'error', sink: () => undefined });
