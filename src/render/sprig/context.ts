/**
 * What Sprig's non-deterministic functions draw on, injected by the caller: a clock, a random
 * source, a UUID source, environment variables and the zone Go's time.Local stands for.
 */

/** Options of sprigFuncs: the sources the non-deterministic functions use. */
export interface SprigOptions {
  /** The clock for now, ago, date without a time, durationRound of a time. */
  readonly now?: () => Date;
  /** A uniform random number in [0, 1) for rand*, shuffle, randBytes and encryptAES's IV. */
  readonly random?: () => number;
  /** A UUID v4 source for uuidv4. */
  readonly uuid?: () => string;
  /** The variables env and expandenv read (an absent variable is empty, as in Go). */
  readonly env?: Readonly<Record<string, string>>;
  /** The IANA zone Go's time.Local stands for (toDate, date, now); UTC when absent. */
  readonly timeZone?: string;
}

/** The sources as the functions use them; a missing source fails with a clear error when used. */
export interface SprigContext {
  now(): Date;
  random(): number;
  uuid(): string;
  randomBytes(n: number): Uint8Array;
  readonly env: Readonly<Record<string, string>>;
  readonly localZone: string;
}

function missing(what: string, option: string): never {
  throw new Error(`${what} is not available: no ${option} source was injected into sprigFuncs`);
}

/** Builds the context from options, with failing stand-ins for sources not given. */
export function createSprigContext(options: SprigOptions): SprigContext {
  const random = options.random ?? ((): number => missing('randomness', 'random'));
  return {
    now: options.now ?? ((): Date => missing('the current time', 'now')),
    random,
    uuid: options.uuid ?? ((): string => missing('uuidv4', 'uuid')),
    randomBytes: (n: number): Uint8Array => Uint8Array.from({ length: n }, () => Math.floor(random() * 256) & 0xff),
    env: options.env ?? {},
    localZone: options.timeZone ?? 'UTC',
  };
}
