import { readFileSync } from 'node:fs';

/** CPU time (user + system) spent during a stretch of work, by process, in milliseconds. */
export interface CpuSpent {
  /** This process: the controller (and the benchmark's own watches). */
  self: number;
  /** The control plane's processes by name (etcd, kube-apiserver, ...). */
  byProcess: Record<string, number>;
}

/** Linux's clock ticks per second for /proc/<pid>/stat; 100 on every common kernel configuration. */
const TICKS_PER_SECOND = 100;

function ticksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ") "; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return Number.NaN;
  }
}

/** Starts counting CPU time of this process and of `processes`; `stop` returns what each spent since. */
export function countCpu(processes: readonly { name: string; pid: number }[]): { stop(): CpuSpent } {
  const selfBefore = process.cpuUsage();
  const before = processes.map((p) => ticksOf(p.pid));
  return {
    stop() {
      const self = process.cpuUsage(selfBefore);
      const byProcess: Record<string, number> = {};
      processes.forEach((p, i) => (byProcess[p.name] = ((ticksOf(p.pid) - (before[i] ?? 0)) * 1000) / TICKS_PER_SECOND));
      return { self: (self.user + self.system) / 1000, byProcess };
    },
  };
}
