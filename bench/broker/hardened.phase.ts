import { TELEMETRY_FILTER } from '@hourglass/contracts-wire';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { progress } from '../support/bench-contract';
import type { CpuProfileSummary } from '../support/cpu-profile';
import { ChildHost } from '../support/child-host';
import { round } from '../support/stats';
import { GeneratorFleet } from '../ingest/generator-fleet';
import type { IngestBenchSettings } from '../ingest/ingest-settings';
import { PhaseMeter, type PhaseUsage } from '../ingest/phase-meter';
import type { ProcessMemory } from '../ingest/process-memory';
import type { DeviceSpec } from '../ingest/device-connection';

/** The hardened broker (auth, ACL and every limit on) under the same generator as the references. */
export interface HardenedResult {
  provisionSeconds: number;
  connectSeconds: number;
  connected: number;
  connectionsPerSec: number;
  memoryBeforeMb: ProcessMemory;
  memoryIdleMb: ProcessMemory;
  /** RSS growth per connected idle device after a full GC, KiB. */
  kibPerIdleDevice: number;
  acked: number;
  delivered: number;
  msgPerSec: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  rejections: Record<string, number>;
  usage: PhaseUsage;
  /** With --cpu-prof: where the hardened broker's CPU went during the closed loop. */
  profile: CpuProfileSummary | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Provisions the fleet, connects it (accept rate, idle memory), then the closed loop gated on delivery. */
export async function runHardenedPhase(
  settings: IngestBenchSettings,
  ids: readonly string[],
): Promise<HardenedResult> {
  progress(`hardened broker: provisioning ${ids.length} devices in its own process`);
  const host = ChildHost.start('hardened-broker', 'bench/broker/hardened-host.ts');
  let fleet: GeneratorFleet | undefined;
  try {
    const started = await host.call<{ url: string; devices: DeviceSpec[]; provisionMs: number }>(
      'start',
      { ids: [...ids] },
    );
    const memoryBeforeMb = await host.call<ProcessMemory>('settledMemory');
    fleet = await GeneratorFleet.start('hardened', started.url, started.devices, {
      workers: 1,
      subscriber: { filter: TELEMETRY_FILTER },
    });
    const connect = await fleet.connect(settings.connectConcurrency);
    await sleep(2_000); // idle: nothing in flight, timers settled
    const memoryIdleMb = await host.call<ProcessMemory>('settledMemory');
    const kibPerIdleDevice =
      ((memoryIdleMb.rssMb - memoryBeforeMb.rssMb) * 1024) / Math.max(1, connect.connected);
    progress(
      `  idle: RSS ${memoryBeforeMb.rssMb} -> ${memoryIdleMb.rssMb} MB for ${connect.connected} devices = ${kibPerIdleDevice.toFixed(1)} KiB each`,
    );
    progress(
      `  closed loop for ${settings.seconds} s, ${settings.window} in flight per device until delivered`,
    );
    const meter = await PhaseMeter.start(host, fleet);
    if (settings.cpuProf) await host.call('profileStart');
    const run = await fleet.run({
      mode: 'closed',
      seconds: settings.seconds,
      rate: 0,
      window: settings.window,
      drainMs: settings.drainMs,
    });
    const usage = await meter.stop();
    const profile = settings.cpuProf
      ? await host.call<CpuProfileSummary | null>('profileStop', {
          file: join(tmpdir(), `hg-broker-bench-${Date.now()}.cpuprofile`),
        })
      : null;
    if (profile)
      progress(
        `  profile: ${JSON.stringify(profile.byArea)}\n    ${profile.topFunctions.slice(0, 15).join('\n    ')}`,
      );
    const msgPerSec = run.delivered / ((run.lastDeliveredAt - run.firstPublishAt) / 1000);
    const rejections = await host.call<Record<string, number>>('rejections');
    progress(
      `  ${run.acked} acknowledged, ${run.delivered} delivered: ${Math.round(msgPerSec)} msg/s; rejections ${JSON.stringify(rejections)}; ${JSON.stringify(usage)}`,
    );
    return {
      provisionSeconds: round(started.provisionMs / 1000) ?? 0,
      connectSeconds: round(connect.ms / 1000) ?? 0,
      connected: connect.connected,
      connectionsPerSec: round(connect.connected / (connect.ms / 1000), 0) ?? 0,
      memoryBeforeMb,
      memoryIdleMb,
      kibPerIdleDevice: round(kibPerIdleDevice, 1) ?? 0,
      acked: run.acked,
      delivered: run.delivered,
      msgPerSec,
      ackP50Ms: round(run.ackLatency.percentile(50)),
      ackP99Ms: round(run.ackLatency.percentile(99)),
      rejections,
      usage,
      profile,
    };
  } finally {
    await fleet?.stop();
    await host.stop();
  }
}
