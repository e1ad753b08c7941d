import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { InputError } from '../core/index.js';
import { GitCommandError } from './git-command.js';

/** An object `git cat-file --batch` returned: its id, type and content, or that the name matched nothing. */
export type BatchObject = { name: string; oid: string; type: string; content: Buffer } | { name: string; missing: true };

/** What `git cat-file --batch-check` says of a name: id, type and size, or missing. */
export type BatchInfo = { name: string; oid: string; type: string; size: number } | { name: string; missing: true };

/** Reads objects of one repository by name (`<oid>`, `<commit>:<path>`, `<rev>^{commit}`). */
export interface ObjectReader {
  /** Each object's content, in request order. */
  read(names: readonly string[]): Promise<BatchObject[]>;
  /** Each object's type and size without its content, in request order. */
  info(names: readonly string[]): Promise<BatchInfo[]>;
}

/** Long-lived cat-file processes for one repository, restarted after any failure. */
export interface CatFileBatch extends ObjectReader {
  /** Ends the processes (a later request starts new ones). */
  close(): Promise<void>;
}

const MAX_STDERR_BYTES = 8 * 1024;

/**
 * Creates the object reader of one repository: a `git cat-file --batch` and a `--batch-check`
 * process, each started on first use and kept, so reading a folder costs no process start.
 * Requests are pipelined: each writes its names and takes the answers in order. If git exits or
 * fails, every waiting request rejects with a GitCommandError and the next one starts git again.
 */
export function createCatFileBatch(o: { gitDir: string; env: Record<string, string> }): CatFileBatch {
  const contents = createBatchProcess({ ...o, mode: 'contents' });
  const check = createBatchProcess({ ...o, mode: 'info' });
  return {
    read: (names) => contents.request(names) as Promise<BatchObject[]>,
    info: (names) => check.request(names) as Promise<BatchInfo[]>,
    close: async () => {
      await Promise.all([contents.close(), check.close()]);
    },
  };
}

type Mode = 'contents' | 'info';
type Answer = BatchObject | BatchInfo;

interface Pending {
  names: readonly string[];
  answers: Answer[];
  resolve: (answers: Answer[]) => void;
  reject: (error: Error) => void;
}

interface Running {
  child: ChildProcessWithoutNullStreams;
  queue: Pending[];
  parser: BatchParser;
  stderr: string;
  exited: Promise<void>;
}

interface BatchProcess {
  request(names: readonly string[]): Promise<Answer[]>;
  close(): Promise<void>;
}

function createBatchProcess(o: { gitDir: string; env: Record<string, string>; mode: Mode }): BatchProcess {
  let running: Running | undefined;
  const fail = (run: Running, error: Error): void => {
    if (running === run) running = undefined;
    for (const pending of run.queue.splice(0)) pending.reject(error);
    run.child.kill('SIGKILL');
  };
  const start = (): Running => {
    const flag = o.mode === 'contents' ? '--batch' : '--batch-check';
    const child = spawn('git', [`--git-dir=${o.gitDir}`, 'cat-file', flag], { env: o.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const run: Running = { child, queue: [], parser: createBatchParser(o.mode), stderr: '', exited: new Promise((r) => child.once('close', () => r())) };
    child.stdout.on('data', (chunk: Buffer) => deliver(run, chunk, fail));
    child.stderr.on('data', (chunk: Buffer) => {
      if (run.stderr.length < MAX_STDERR_BYTES) run.stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', (error) => fail(run, batchError(o.mode, `its input closed (${error.message})`, run.stderr)));
    child.once('error', (error) => fail(run, batchError(o.mode, `it could not start (${error.message})`, '')));
    child.once('close', (code, signal) => fail(run, batchError(o.mode, `it exited (${code ?? signal})`, run.stderr)));
    return run;
  };
  return {
    request(names) {
      if (names.length === 0) return Promise.resolve([]);
      const bad = names.find((n) => n.includes('\n') || n === '');
      if (bad !== undefined) return Promise.reject(new InputError(`cannot read git object ${JSON.stringify(bad)}: names must be non-empty single lines`));
      running ??= start();
      const run = running;
      return new Promise<Answer[]>((resolve, reject) => {
        run.queue.push({ names, answers: [], resolve, reject });
        holdLoop(run, true);
        run.child.stdin.write(`${names.join('\n')}\n`);
      });
    },
    async close() {
      const run = running;
      running = undefined;
      if (!run) return;
      run.child.stdin.end();
      const timer = setTimeout(() => run.child.kill('SIGKILL'), 2000);
      await run.exited;
      clearTimeout(timer);
    },
  };
}

function deliver(run: Running, chunk: Buffer, fail: (run: Running, error: Error) => void): void {
  let answers: Answer[];
  try {
    answers = run.parser.push(chunk);
  } catch (error) {
    return fail(run, error as Error);
  }
  for (const answer of answers) {
    const pending = run.queue[0];
    if (!pending) return fail(run, new GitCommandError('git cat-file answered a question nobody asked', { exitCode: null, stderr: run.stderr }));
    pending.answers.push({ ...answer, name: pending.names[pending.answers.length] ?? answer.name });
    if (pending.answers.length === pending.names.length) {
      run.queue.shift();
      pending.resolve(pending.answers);
    }
  }
  if (run.queue.length === 0) holdLoop(run, false);
}

/** An idle reader must not keep the process alive (a CLI command ends when its work does); a waiting request must. */
function holdLoop(run: Running, hold: boolean): void {
  for (const handle of [run.child, run.child.stdin, run.child.stdout, run.child.stderr] as { ref(): void; unref(): void }[]) {
    if (hold) handle.ref();
    else handle.unref();
  }
}

function batchError(mode: Mode, what: string, stderr: string): GitCommandError {
  const flag = mode === 'contents' ? '--batch' : '--batch-check';
  const detail = stderr.trim() ? `: ${stderr.trim()}` : '';
  return new GitCommandError(`git cat-file ${flag} failed: ${what}${detail}`, { exitCode: null, stderr });
}

/** Parses cat-file's stream incrementally: chunks in, complete answers out. */
export interface BatchParser {
  push(chunk: Buffer): Answer[];
}

/**
 * A parser of `git cat-file --batch` (`<oid> <type> <size>\n<content>\n`) or `--batch-check`
 * (`<oid> <type> <size>\n`) output; a name git cannot find gives `<name> missing` (or ambiguous).
 * A large object's chunks are gathered and joined once, not re-copied per chunk.
 */
export function createBatchParser(mode: Mode): BatchParser {
  let chunks: Buffer[] = [];
  let buffered = 0;
  let body: { oid: string; type: string; size: number } | undefined;
  const take = (): Buffer => {
    const all = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    chunks = [];
    buffered = 0;
    return all;
  };
  const keep = (rest: Buffer): void => {
    if (rest.length > 0) {
      chunks = [rest];
      buffered = rest.length;
    }
  };
  return {
    push(chunk) {
      chunks.push(chunk);
      buffered += chunk.length;
      const answers: Answer[] = [];
      for (;;) {
        if (body) {
          if (buffered < body.size + 1) return answers;
          const all = take();
          answers.push({ name: body.oid, oid: body.oid, type: body.type, content: Buffer.from(all.subarray(0, body.size)) });
          keep(all.subarray(body.size + 1));
          body = undefined;
          continue;
        }
        const all = take();
        const eol = all.indexOf(0x0a);
        if (eol < 0) {
          keep(all);
          return answers;
        }
        const header = parseHeader(all.subarray(0, eol).toString('utf8'));
        keep(all.subarray(eol + 1));
        if ('missing' in header) answers.push(header);
        else if (mode === 'info') answers.push({ name: header.oid, ...header });
        else body = header;
      }
    },
  };
}

function parseHeader(header: string): { oid: string; type: string; size: number } | { name: string; missing: true } {
  const parts = header.split(' ');
  const last = parts[parts.length - 1];
  if (last === 'missing' || last === 'ambiguous') return { name: parts.slice(0, -1).join(' '), missing: true };
  const size = Number(parts[2]);
  if (parts.length !== 3 || !Number.isInteger(size) || size < 0) throw new GitCommandError(`git cat-file printed an unexpected header ${JSON.stringify(header)}`, { exitCode: null, stderr: '' });
  return { oid: parts[0] as string, type: parts[1] as string, size };
}
