import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

/** The machine a run measured, so figures from different runs can be compared honestly. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryMb: number;
  node: string;
  platform: string;
  release: string;
  /** 1, 5 and 15 minute load averages; other work on the machine skews absolute figures. */
  loadAverage: number[];
}

/** Reads the machine's description now. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    platform: os.platform(),
    release: os.release(),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/**
 * Writes a report as `<name>-<timestamp>.json` and `<name>-latest.json` in `dir` (created if
 * missing) and returns the timestamped path. Colons are left out of the timestamp so the file name
 * works on every file system.
 */
export function writeResults(dir: string, name: string, startedAt: Date, report: unknown): string {
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/:/g, '-');
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const path = join(dir, `${name}-${stamp}.json`);
  writeFileSync(path, text);
  writeFileSync(join(dir, `${name}-latest.json`), text);
  return path;
}

/** Prints the machine line, a warning when it was busy, and where the JSON went, under every benchmark's table. */
export function printRunFooter(machine: MachineInfo & { loadAverageAfter: number[] }, path: string): void {
  const load = `${machine.loadAverage.join(' ')} -> ${machine.loadAverageAfter.join(' ')}`;
  process.stdout.write(`machine: ${machine.cpus} x ${machine.cpuModel}, node ${machine.node}, load average ${load}\n`);
  if ((machine.loadAverage[0] ?? 0) > machine.cpus / 2) {
    process.stdout.write('note: the machine was busy with other work when the run started; trust the ratios more than the absolute figures\n');
  }
  process.stdout.write(`results: ${path}\n`);
}
