import type { InfluxRow } from '@hourglass/testing-services';
import { progress } from '../support/bench-contract';
import { MachineCpuMeter } from '../support/cpu-meter';
import { processCpuSeconds } from '../support/proc-cpu';
import { round } from '../support/stats';
import { countProgress } from '../support/phase-progress';
import type { GeneratorFleet } from './generator-fleet';

/** InfluxQL against the database the system under test writes into. */
export type StoreQuery = (influxql: string) => Promise<InfluxRow[]>;

/** What the ramp is run with. */
export interface RampOptions {
  /** Offered rates, msg/s, ascending. */
  rates: readonly number[];
  /** Length of each step, seconds. */
  seconds: number;
  /** Messages in flight per device at most (open loop: a due message waits when its device's window is full). */
  window: number;
  /** Longest wait for PUBACKs after a step. */
  drainMs: number;
  /** A step's points are counted once the count has not grown for this long (or all acknowledged are there). */
  settleMs: number;
  /** Further processes whose CPU to report per step, by name. */
  watched: Record<string, readonly number[]>;
  /** Started before each step and stopped after its open loop: what it returns is the step's `observed`. */
  observe?: () => Promise<{ stop(): Promise<unknown> }>;
}

/** One step of the ramp: an open loop at `rate` for `seconds`, then the stored points counted. */
export interface RampStep {
  rate: number;
  /** Messages due at the rate (published + behind). */
  offered: number;
  published: number;
  acked: number;
  /** Due messages the generator could not send because the device's window was full. */
  behind: number;
  achievedMsgPerSec: number;
  /** Points stored for the step, counted in InfluxDB after it settled. */
  stored: number;
  /** Acknowledged but not stored (acked − stored, at least 0). */
  lost: number;
  /** Devices whose stored seqs have a hole (count < max − min + 1): loss inside a device's sequence. */
  devicesWithHoles: number;
  /** Missing seqs inside those holes, summed over devices. */
  seqHoles: number;
  ackP99Ms: number | null;
  disconnects: number;
  /** From the last PUBACK to the last point stored. */
  settleMs: number;
  /**
   * Cores of the generator and of each watched process during the step, `machine` (every process,
   * other users' included) and `other` (machine minus the named ones): the step's CPU budget.
   */
  cores: Record<string, number | null>;
  /** What `observe` reported for the step (ours: ingest's batches and event-loop delay). */
  observed?: unknown;
  /** Every due message sent (behind <= 1 % of offered), acknowledged, and no device disconnected. */
  sustained: boolean;
  zeroLoss: boolean;
}

export interface RampResult {
  steps: RampStep[];
  /** The highest rate up to which every step was sustained with zero loss (null: not even the first). */
  zeroLossMsgPerSec: number | null;
  /** Every rate of the ramp held: `zeroLossMsgPerSec` is then only a lower bound (offer more with --ramp). */
  heldEveryRate: boolean;
}

/**
 * Runs the rates in order against the connected fleet and counts, after each step, the points
 * stored in InfluxDB since it began (by device: total, and holes in each device's seq range). Stops
 * after the first step that is not sustained with zero loss: the ramp is for finding that rate.
 */
export async function runRateRamp(
  name: string,
  fleet: GeneratorFleet,
  query: StoreQuery,
  options: RampOptions,
): Promise<RampResult> {
  const steps: RampStep[] = [];
  let zeroLossMsgPerSec: number | null = null;
  for (const rate of options.rates) {
    const step = await runStep(name, fleet, query, options, rate);
    steps.push(step);
    if (!step.sustained || !step.zeroLoss) break;
    zeroLossMsgPerSec = rate;
  }
  return {
    steps,
    zeroLossMsgPerSec,
    heldEveryRate: zeroLossMsgPerSec === options.rates[options.rates.length - 1],
  };
}

async function runStep(
  name: string,
  fleet: GeneratorFleet,
  query: StoreQuery,
  options: RampOptions,
  rate: number,
): Promise<RampStep> {
  progress(`  ${name} ramp: ${rate} msg/s for ${options.seconds} s`);
  const since = Date.now();
  const cpu = await CpuWatch.start(fleet, options.watched);
  const observer = await options.observe?.();
  const run = await fleet.run({
    mode: 'open',
    seconds: options.seconds,
    rate,
    window: options.window,
    drainMs: options.drainMs,
  });
  const cores = await cpu.stop();
  const observed = await observer?.stop();
  const settled = await settle(query, since, run.acked, options.settleMs);
  const holes = await seqHoles(query, since);
  const offered = run.published + run.behind;
  const lost = Math.max(0, run.acked - settled.count);
  const step: RampStep = {
    rate,
    offered,
    published: run.published,
    acked: run.acked,
    behind: run.behind,
    achievedMsgPerSec: round(run.acked / ((run.lastAckAt - run.firstPublishAt) / 1000), 0) ?? 0,
    stored: settled.count,
    lost,
    devicesWithHoles: holes.devices,
    seqHoles: holes.missing,
    ackP99Ms: round(run.ackLatency.percentile(99)),
    disconnects: run.disconnects,
    settleMs: Math.max(0, settled.at - run.lastAckAt),
    cores,
    ...(observed === undefined ? {} : { observed }),
    sustained: run.behind <= offered * 0.01 && run.acked === run.published && run.disconnects === 0,
    zeroLoss: lost === 0 && holes.missing === 0,
  };
  progress(
    `    ${step.acked} of ${offered} due acknowledged (${step.behind} behind), ${step.stored} stored, ${step.lost} lost, ${step.seqHoles} seq holes; ${step.sustained && step.zeroLoss ? 'held' : 'NOT held'}; cores ${JSON.stringify(cores)}${observed === undefined ? '' : `; ${JSON.stringify(observed)}`}`,
  );
  return step;
}

const countSince = (sinceMs: number) =>
  `SELECT count(seq) FROM telemetry WHERE time >= ${Math.floor(sinceMs)}ms`;

/** Counts the step's points until `expected` are there or the count stops growing for `settleMs`. */
async function settle(
  query: StoreQuery,
  sinceMs: number,
  expected: number,
  settleMs: number,
): Promise<{ count: number; at: number }> {
  let count = -1;
  let at = Date.now();
  const stored = countProgress("waiting for the step's points", expected, 'points');
  for (;;) {
    const now = Number((await query(countSince(sinceMs)))[0]?.['count'] ?? 0);
    const answered = Date.now();
    if (now > count) {
      count = now;
      at = answered;
      stored.update(Math.min(count, expected));
    }
    if (count >= expected || answered - at > settleMs) {
      stored.finish();
      return { count, at };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Per device: seqs missing between the lowest and the highest stored since `sinceMs`. */
async function seqHoles(
  query: StoreQuery,
  sinceMs: number,
): Promise<{ devices: number; missing: number }> {
  const rows = await query(
    `SELECT count(seq), min(seq), max(seq) FROM telemetry WHERE time >= ${Math.floor(sinceMs)}ms GROUP BY device`,
  );
  let devices = 0;
  let missing = 0;
  for (const row of rows) {
    const gap = Number(row['max']) - Number(row['min']) + 1 - Number(row['count']);
    if (gap > 0) {
      devices++;
      missing += gap;
    }
  }
  return { devices, missing };
}

/** CPU of the generator workers and of named processes over one step. */
class CpuWatch {
  private readonly t0 = Date.now();
  private readonly machine = new MachineCpuMeter();

  private constructor(
    private readonly fleet: GeneratorFleet,
    private readonly watched: Record<string, readonly number[]>,
    private readonly fleetAtStart: NodeJS.CpuUsage,
    private readonly watchedAtStart: Record<string, number | null>,
  ) {}

  static async start(
    fleet: GeneratorFleet,
    watched: Record<string, readonly number[]>,
  ): Promise<CpuWatch> {
    return new CpuWatch(fleet, watched, await fleet.cpuUsage(), cpuSeconds(watched));
  }

  async stop(): Promise<Record<string, number | null>> {
    const seconds = (Date.now() - this.t0) / 1000;
    const fleet = await this.fleet.cpuUsage();
    const now = cpuSeconds(this.watched);
    const cores: Record<string, number | null> = {
      generator: round(
        (fleet.user + fleet.system - this.fleetAtStart.user - this.fleetAtStart.system) /
          1e6 /
          seconds,
        2,
      ),
    };
    for (const [name, value] of Object.entries(now)) {
      const before = this.watchedAtStart[name];
      cores[name] = value === null || before === null ? null : round((value - before) / seconds, 2);
    }
    const machine = this.machine.busyCores();
    const named = Object.values(cores).reduce<number>((sum, c) => sum + (c ?? 0), 0);
    cores.machine = round(machine, 2);
    cores.other = round(Math.max(0, machine - named), 2);
    return cores;
  }
}

function cpuSeconds(watched: Record<string, readonly number[]>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [name, pids] of Object.entries(watched)) {
    const all = pids.map(processCpuSeconds);
    out[name] =
      all.length === 0 || all.includes(null) ? null : all.reduce((a, b) => (a ?? 0) + (b ?? 0), 0);
  }
  return out;
}
