import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { ConflictError, InputError, messageOf } from '../core/index.js';
import type { DataLayout } from './layout.js';

/** Where an instance is in its life. */
export type InstancePhase = 'starting' | 'running' | 'failed' | 'stopped';

/** What a running gantry writes about itself into its data directory, for `status`, `down` and `repo`. */
export interface InstanceState {
  pid: number;
  phase: InstancePhase;
  error?: string;
  startedAt: string;
  mode: 'embedded' | 'external';
  kubeconfig?: string;
  clusters: { name: string; server: string; kubeconfigPath?: string; context?: string }[];
  git?: { url: string; tokenFile: string };
  simulatedNodes: number;
  processes: { name: string; pid: number }[];
}

/** Checks that a data directory can be used (creating it when absent), with a message saying what to fix. */
export function prepareDataDir(layout: DataLayout): void {
  if (existsSync(layout.root) && !statSync(layout.root).isDirectory()) {
    throw new InputError(`data directory ${layout.root} is a file, not a folder: pass another --data-dir or move the file away`);
  }
  try {
    mkdirSync(layout.logsDir, { recursive: true });
    mkdirSync(layout.gitDir, { recursive: true });
  } catch (error) {
    throw new InputError(`cannot use data directory ${layout.root}: ${messageOf(error)}`, { cause: error });
  }
}

/** Reads state.json; undefined when absent; an InputError naming the file when it is not valid. */
export function readInstanceState(layout: DataLayout): InstanceState | undefined {
  if (!existsSync(layout.stateFile)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(layout.stateFile, 'utf8'));
  } catch (error) {
    throw new InputError(
      `data directory ${layout.root} is corrupt: ${layout.stateFile} is not valid JSON (${messageOf(error)}). ` +
        'If no gantry runs on it, delete that file; it is rewritten on the next start.',
    );
  }
  const s = parsed as Partial<InstanceState>;
  if (typeof s !== 'object' || s === null || typeof s.pid !== 'number' || typeof s.phase !== 'string') {
    throw new InputError(`data directory ${layout.root} is corrupt: ${layout.stateFile} lacks pid or phase. If no gantry runs on it, delete that file.`);
  }
  return s as InstanceState;
}

/** Writes state.json atomically (write then rename), so a reader never sees half a file. */
export function writeInstanceState(layout: DataLayout, state: InstanceState): void {
  const tmp = `${layout.stateFile}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, layout.stateFile);
}

/** Whether a process with this pid exists. */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid holding the data directory's lock, if that process is still alive. */
export function lockHolder(layout: DataLayout): number | undefined {
  if (!existsSync(layout.lockFile)) return undefined;
  const pid = Number.parseInt(readFileSync(layout.lockFile, 'utf8').trim(), 10);
  return isPidAlive(pid) ? pid : undefined;
}

/** Throws a ConflictError when another gantry runs on this data directory. */
export function assertNotRunning(layout: DataLayout): void {
  const pid = lockHolder(layout);
  if (pid !== undefined && pid !== process.pid) {
    throw new ConflictError(
      `gantry is already running on data directory ${layout.root} (pid ${pid}). ` +
        `Run \`gantry down --data-dir ${layout.root}\` first, or start another instance with its own --data-dir and --port-base.`,
      { retryable: false },
    );
  }
}

/** Takes the data directory's lock for this process (a stale lock of a dead process is taken over). */
export function acquireLock(layout: DataLayout): () => void {
  assertNotRunning(layout);
  if (existsSync(layout.lockFile)) unlinkSync(layout.lockFile);
  let fd: number;
  try {
    fd = openSync(layout.lockFile, 'wx');
  } catch {
    throw new ConflictError(`another gantry took the lock on ${layout.root} at the same moment; run \`gantry status\``, { retryable: false });
  }
  writeSync(fd, `${process.pid}\n`);
  closeSync(fd);
  return () => {
    if (lockHolder(layout) === process.pid) unlinkSync(layout.lockFile);
  };
}
