import { cpus } from 'node:os';

function machineTicks(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** CPU use of the whole machine (every process, ours and others') over an interval, in cores. */
export class MachineCpuMeter {
  private readonly start = machineTicks();

  busyCores(): number {
    const now = machineTicks();
    const total = now.total - this.start.total;
    return total > 0 ? ((now.busy - this.start.busy) / total) * cpus().length : 0;
  }
}

/** Cores a process used between two `process.cpuUsage()` readings taken `ms` apart. */
export function coresUsed(before: NodeJS.CpuUsage, after: NodeJS.CpuUsage, ms: number): number {
  const us = after.user - before.user + (after.system - before.system);
  return ms > 0 ? us / 1000 / ms : 0;
}
