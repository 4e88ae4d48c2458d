import type { ChildHost } from '../support/child-host';
import { coresUsed, MachineCpuMeter } from '../support/cpu-meter';
import { processCpuSeconds } from '../support/proc-cpu';
import { percentile, round } from '../support/stats';
import type { GeneratorFleet } from './generator-fleet';
import type { ProcessMemory } from './process-memory';

/** Where the CPU went during a phase and how much memory the process under test held. */
export interface PhaseUsage {
  seconds: number;
  /** Cores used by the process under test (broker + ingest, or bare aedes + its subscriber). */
  hostCores: number | null;
  /** Cores used by the load-generator workers together. */
  generatorCores: number | null;
  /** Cores used by other processes of the bench, by name (influxd, the v2 write shim). */
  watchedCores: Record<string, number | null>;
  /** Cores busy on the whole machine, everything included. */
  machineCores: number | null;
  /** What the machine used beyond the processes above: other users' work, the kernel, this orchestrator. */
  otherCores: number | null;
  rssPeakMb: number | null;
  rssMedianMb: number | null;
  heapUsedPeakMb: number | null;
}

/** Samples the process under test's memory every second and its CPU over the phase. */
export class PhaseMeter {
  private readonly memory: ProcessMemory[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly machine = new MachineCpuMeter();
  private readonly t0 = Date.now();
  private readonly watchedAtStart: Record<string, number | null>;

  private constructor(
    private readonly host: ChildHost,
    private readonly fleet: GeneratorFleet,
    private readonly hostCpu: NodeJS.CpuUsage,
    private readonly fleetCpu: NodeJS.CpuUsage,
    private readonly watched: Record<string, readonly number[]>,
  ) {
    this.watchedAtStart = watchedCpuSeconds(watched);
    this.timer = setInterval(() => {
      host.call<ProcessMemory>('memory').then(
        (m) => this.memory.push(m),
        () => undefined,
      );
    }, 1_000);
  }

  /** `watched`: further processes of the bench whose CPU to report, by name. */
  static async start(
    host: ChildHost,
    fleet: GeneratorFleet,
    watched: Record<string, readonly number[]> = {},
  ): Promise<PhaseMeter> {
    const [hostCpu, fleetCpu] = await Promise.all([
      host.call<NodeJS.CpuUsage>('cpu'),
      fleet.cpuUsage(),
    ]);
    return new PhaseMeter(host, fleet, hostCpu, fleetCpu, watched);
  }

  async stop(): Promise<PhaseUsage> {
    clearInterval(this.timer);
    const ms = Date.now() - this.t0;
    const machineCores = this.machine.busyCores();
    const watchedNow = watchedCpuSeconds(this.watched);
    const [hostCpu, fleetCpu, last] = await Promise.all([
      this.host.call<NodeJS.CpuUsage>('cpu'),
      this.fleet.cpuUsage(),
      this.host.call<ProcessMemory>('memory'),
    ]);
    this.memory.push(last);
    const rss = this.memory.map((m) => m.rssMb);
    const hostCores = coresUsed(this.hostCpu, hostCpu, ms);
    const generatorCores = coresUsed(this.fleetCpu, fleetCpu, ms);
    const watchedCores: Record<string, number | null> = {};
    let known = hostCores + generatorCores;
    for (const [name, seconds] of Object.entries(watchedNow)) {
      const before = this.watchedAtStart[name];
      const cores = seconds === null || before === null ? null : (seconds - before) / (ms / 1000);
      watchedCores[name] = round(cores, 2);
      known += cores ?? 0;
    }
    return {
      seconds: round(ms / 1000) ?? 0,
      hostCores: round(hostCores, 2),
      generatorCores: round(generatorCores, 2),
      watchedCores,
      machineCores: round(machineCores, 2),
      otherCores: round(Math.max(0, machineCores - known), 2),
      rssPeakMb: round(Math.max(...rss)),
      rssMedianMb: round(percentile(rss, 50)),
      heapUsedPeakMb: round(Math.max(...this.memory.map((m) => m.heapUsedMb))),
    };
  }
}

function watchedCpuSeconds(
  watched: Record<string, readonly number[]>,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [name, pids] of Object.entries(watched)) {
    const seconds = pids.map(processCpuSeconds);
    out[name] =
      pids.length === 0 || seconds.includes(null)
        ? null
        : seconds.reduce((a, b) => (a ?? 0) + (b ?? 0), 0);
  }
  return out;
}
