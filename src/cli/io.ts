/** What a command may touch of the outside world: output streams and the environment. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (coloured output by default). */
  isTTY?: boolean;
}

/** The real process's streams and environment. */
export function processIO(): CommandIO {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
  };
}
