import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './bench-contract';

/** The machine a result was measured on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramGb: number;
  node: string;
  os: string;
}

export function machineInfo(): MachineInfo {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    ramGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${type()} ${release()} (${platform()})`,
  };
}

/** `git rev-parse --short HEAD`, with `-dirty` when the work tree has changes; null outside git. */
export function gitCommit(cwd: string): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd,
      encoding: 'utf8',
    }).trim();
    const status = execFileSync('git', ['status', '--porcelain'], { cwd, encoding: 'utf8' }).trim();
    return status ? `${head}-dirty` : head;
  } catch {
    return null;
  }
}

/** One-, five- and fifteen-minute load averages, rounded. */
export function loadAverage(): number[] {
  return loadavg().map((l) => Math.round(l * 100) / 100);
}

export interface BenchRecord extends BenchResult {
  startedAt: string;
  finishedAt: string;
  command: string;
  commit: string | null;
  machine: MachineInfo;
  /** os.loadavg() at the start and the end: other work on the machine shows up here. */
  loadAverage: { start: number[]; end: number[] };
}

/** `<dir>/<name>-<yyyy-mm-dd>T<hhmm>.json` (UTC), written atomically; returns the path. */
export function writeBenchRecord(dir: string, record: BenchRecord): string {
  mkdirSync(dir, { recursive: true });
  const stamp = record.startedAt.slice(0, 16).replace(':', '');
  const file = join(dir, `${record.bench}-${stamp}.json`);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(tmp, file);
  return file;
}
