import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InfluxServer } from '@hourglass/testing-services';
import { progress } from '../support/bench-contract';
import { ChildHost } from '../support/child-host';
import type { CpuProfileSummary } from '../support/cpu-profile';
import { pollUntil } from '../support/poll';
import { percentile, round } from '../support/stats';
import { GeneratorFleet } from './generator-fleet';
import { countPoints, influxProcesses, seenSeqQuery, waitQueryable } from './influx-probes';
import type { IngestBenchSettings } from './ingest-settings';
import { LatencyProbe } from './latency-probe';
import { PhaseMeter, type PhaseUsage } from './phase-meter';
import { runRateRamp, type RampResult } from './rate-ramp';
import type {
  IngestCounters,
  LoopDelay,
  PlatformHostParams,
  PlatformHostStarted,
} from './platform-host';
import type { ProcessMemory } from './process-memory';

/** The throughput run: closed loop at full speed, from first publish to last point queryable. */
export interface ThroughputResult {
  published: number;
  acked: number;
  queryable: number;
  msgPerSec: number;
  /** Device-side publish-to-PUBACK (in-process ingest: PUBACK once durable). */
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  /** From the last PUBACK to the last point queryable. */
  tailMs: number;
  disconnects: number;
  usage: PhaseUsage;
  ingest: IngestActivity;
  profile: CpuProfileSummary | null;
}

/** What ingest did during a run: its batches and the platform process's event-loop delay. */
export interface IngestActivity {
  batches: number;
  meanBatchSamples: number | null;
  meanBatchWriteMs: number | null;
  retries: number;
  spooled: number;
  loopDelay: LoopDelay;
}

/** The latency run: open loop at a fixed rate, sampled devices' messages timed until queryable. */
export interface LatencyResult {
  rate: number;
  achievedMsgPerSec: number;
  acked: number;
  queryable: number;
  behind: number;
  samples: number;
  unseen: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  ackP99Ms: number | null;
  polls: number;
  pollQueryMs: number;
  usage: PhaseUsage;
  ingest: IngestActivity;
}

export interface PlatformResult {
  provisionSeconds: number;
  connectSeconds: number;
  connected: number;
  connectFailures: Record<string, number>;
  /** Every HG_INGEST_* setting the platform ran with (defaults included). */
  ingestConfig: Record<string, unknown>;
  idleMemory: ProcessMemory;
  /** Null when the run was only the ramp (--only node-red). */
  throughput: ThroughputResult | null;
  latency: LatencyResult | null;
  /** The zero-loss ramp with the same generator as Node-RED's; null with --skip node-red. */
  ramp: RampResult | null;
  /** Acknowledged in the throughput and latency runs, and how many of all points are queryable. */
  totalAcked: number;
  totalQueryable: number;
  counters: IngestCounters;
}

/** Which runs of ours a bench run takes. */
export interface PlatformRuns {
  throughputAndLatency: boolean;
  ramp: boolean;
}

/** "Ours": devices through the platform's broker and ingest into InfluxDB. */
export async function runPlatformPhase(
  settings: IngestBenchSettings,
  influx: InfluxServer,
  runs: PlatformRuns = { throughputAndLatency: true, ramp: false },
): Promise<PlatformResult> {
  const host = ChildHost.start('platform', 'bench/ingest/platform-host.ts');
  let fleet: GeneratorFleet | undefined;
  try {
    progress(
      `ours: provisioning ${settings.devices} devices (scrypt N=${settings.scryptN}), broker and ${settings.ingest} ingest`,
    );
    const params: PlatformHostParams = {
      influx: { url: influx.url, token: influx.token, org: influx.org, bucket: influx.bucket },
      devices: settings.devices,
      scryptN: settings.scryptN,
      provisionConcurrency: 16,
      ingest: settings.ingest,
    };
    const started = await host.call<PlatformHostStarted>('start', params);
    progress(
      `  provisioned in ${(started.provisionMs / 1000).toFixed(1)} s; broker at ${started.url}`,
    );
    const step = Math.max(1, Math.floor(started.devices.length / settings.sampleDevices));
    const sampled = started.devices
      .filter((_, i) => i % step === 0)
      .slice(0, settings.sampleDevices)
      .map((d) => d.id);
    fleet = await GeneratorFleet.start('ours', started.url, started.devices, {
      sampled,
      workers: settings.workers,
    });
    const connect = await fleet.connect(settings.connectConcurrency);
    const idleMemory = await host.call<ProcessMemory>('memory');
    const throughput = runs.throughputAndLatency
      ? await throughputRun(settings, host, fleet, influx)
      : null;
    const latency = runs.throughputAndLatency
      ? await latencyRun(settings, host, fleet, influx, sampled)
      : null;
    const totalQueryable = await countPoints(influx, 0);
    const ramp = runs.ramp ? await rampRun(settings, host, fleet, influx) : null;
    return {
      provisionSeconds: round(started.provisionMs / 1000) ?? 0,
      connectSeconds: round(connect.ms / 1000) ?? 0,
      connected: connect.connected,
      connectFailures: connect.failed,
      ingestConfig: started.ingestConfig,
      idleMemory,
      throughput,
      latency,
      ramp,
      totalAcked: (throughput?.acked ?? 0) + (latency?.acked ?? 0),
      totalQueryable,
      counters: await host.call<IngestCounters>('counters'),
    };
  } finally {
    await fleet?.stop();
    await host.stop();
  }
}

async function throughputRun(
  settings: IngestBenchSettings,
  host: ChildHost,
  fleet: GeneratorFleet,
  influx: InfluxServer,
): Promise<ThroughputResult> {
  progress(
    `  throughput: closed loop for ${settings.seconds} s, ${settings.window} in flight per connection`,
  );
  const since = Date.now();
  if (settings.cpuProf) await host.call('profileStart');
  const activity = await IngestActivityMeter.start(host);
  const meter = await PhaseMeter.start(host, fleet, influxProcesses(influx));
  const run = await fleet.run({
    mode: 'closed',
    seconds: settings.seconds,
    rate: 0,
    window: settings.window,
    drainMs: settings.drainMs,
  });
  progress(
    `  ${run.acked} of ${run.published} acknowledged; waiting for the points to be queryable`,
  );
  const queryable = await waitQueryable(influx, since, run.acked, settings.drainMs);
  const usage = await meter.stop();
  const ingest = await activity.stop();
  const file = join(tmpdir(), `hg-bench-ingest-platform-${Date.now()}.cpuprofile`);
  const profile = settings.cpuProf
    ? await host.call<CpuProfileSummary | null>('profileStop', { file })
    : null;
  const delivered = Math.min(queryable.count, run.acked);
  const msgPerSec = delivered / ((queryable.at - run.firstPublishAt) / 1000);
  progress(
    `  ${queryable.count} queryable: ${Math.round(msgPerSec)} msg/s (count query ${queryable.queryMs} ms)`,
  );
  progress(`  ${JSON.stringify(usage)}; ${JSON.stringify(ingest)}`);
  return {
    published: run.published,
    acked: run.acked,
    queryable: queryable.count,
    msgPerSec,
    ackP50Ms: round(run.ackLatency.percentile(50)),
    ackP99Ms: round(run.ackLatency.percentile(99)),
    tailMs: queryable.at - run.lastAckAt,
    disconnects: run.disconnects,
    usage,
    ingest,
    profile,
  };
}

/** The same ramp of offered rates as Node-RED's, counted in the platform's InfluxDB database. */
async function rampRun(
  settings: IngestBenchSettings,
  host: ChildHost,
  fleet: GeneratorFleet,
  influx: InfluxServer,
): Promise<RampResult> {
  const ramp = await runRateRamp('ours', fleet, (q) => influx.query(q), {
    rates: settings.ramp,
    seconds: settings.rampSeconds,
    window: settings.window,
    drainMs: settings.drainMs,
    settleMs: settings.rampSettleMs,
    watched: { platform: host.pid === undefined ? [] : [host.pid], ...influxProcesses(influx) },
    observe: () => IngestActivityMeter.start(host),
  });
  progress(`  ours holds ${ramp.zeroLossMsgPerSec ?? 'no rate of the ramp'} msg/s with zero loss`);
  return ramp;
}

async function latencyRun(
  settings: IngestBenchSettings,
  host: ChildHost,
  fleet: GeneratorFleet,
  influx: InfluxServer,
  sampled: readonly string[],
): Promise<LatencyResult> {
  progress(
    `  latency: open loop at ${settings.latencyRate} msg/s for ${settings.latencySeconds} s, ${sampled.length} devices sampled`,
  );
  const since = Date.now();
  const probe = new LatencyProbe(seenSeqQuery(influx), sampled, settings.pollMs);
  probe.start(since);
  const activity = await IngestActivityMeter.start(host);
  const meter = await PhaseMeter.start(host, fleet, influxProcesses(influx));
  const run = await fleet.run({
    mode: 'open',
    seconds: settings.latencySeconds,
    rate: settings.latencyRate,
    window: 100,
    drainMs: settings.drainMs,
  });
  await pollUntil(
    async () => run.samples.every(([id, seq]) => probe.firstSeen(id, seq) !== undefined),
    (all) => all,
    15_000,
  );
  await probe.stop();
  const queryable = await waitQueryable(influx, since, run.acked, settings.drainMs);
  const usage = await meter.stop();
  const ingest = await activity.stop();
  const latencies: number[] = [];
  for (const [id, seq, publishedAt] of run.samples) {
    const seen = probe.firstSeen(id, seq);
    if (seen !== undefined) latencies.push(seen - publishedAt);
  }
  const result: LatencyResult = {
    rate: settings.latencyRate,
    achievedMsgPerSec: round(run.acked / ((run.lastPublishAt - run.firstPublishAt) / 1000), 0) ?? 0,
    acked: run.acked,
    queryable: queryable.count,
    behind: run.behind,
    samples: run.samples.length,
    unseen: run.samples.length - latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    ackP99Ms: round(run.ackLatency.percentile(99)),
    polls: probe.polls,
    pollQueryMs: round(probe.pollMs / Math.max(1, probe.polls)) ?? 0,
    usage,
    ingest,
  };
  progress(
    `  latency p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms over ${latencies.length} samples`,
  );
  progress(`  ${JSON.stringify(usage)}; ${JSON.stringify(ingest)}`);
  return result;
}

/** Ingest's counters and the event-loop delay of the platform process over a run. */
class IngestActivityMeter {
  private constructor(
    private readonly host: ChildHost,
    private readonly before: IngestCounters,
  ) {}

  static async start(host: ChildHost): Promise<IngestActivityMeter> {
    await host.call<LoopDelay>('loopDelay');
    return new IngestActivityMeter(host, await host.call<IngestCounters>('counters'));
  }

  async stop(): Promise<IngestActivity> {
    const [after, loopDelay] = await Promise.all([
      this.host.call<IngestCounters>('counters'),
      this.host.call<LoopDelay>('loopDelay'),
    ]);
    const batches = after.batches - this.before.batches;
    return {
      batches,
      meanBatchSamples:
        batches > 0
          ? Math.round((after.samplesWritten - this.before.samplesWritten) / batches)
          : null,
      meanBatchWriteMs:
        batches > 0
          ? round(((after.batchWriteSeconds - this.before.batchWriteSeconds) / batches) * 1000)
          : null,
      retries: after.retries - this.before.retries,
      spooled: after.spooled - this.before.spooled,
      loopDelay,
    };
  }
}
