import { progress } from '../support/bench-contract';
import { round } from '../support/stats';
import { GeneratorFleet } from '../ingest/generator-fleet';
import type { DeviceSpec } from '../ingest/device-connection';
import type { RestartableBroker } from './restartable-brokers';
import type { CpuProfileSummary } from '../support/cpu-profile';

/** How the reconnect phase runs (flags of the broker bench). */
export interface ReconnectSettings {
  /** Generator processes (--reconnect-workers, default 4). */
  workers: number;
  /** CONNECTs pending at once per generator process during the storm (--reconnect-concurrency, default 1,000). */
  concurrency: number;
  /** CONNECTs pending at once per process for the first connection, before the restart (--connect-concurrency). */
  initialConcurrency: number;
  /** Longest wait for a CONNACK, ms. */
  connectTimeoutMs: number;
}

/** One broker's reconnect storm after a restart. */
export interface ReconnectResult {
  devices: number;
  /** Connected (and one message acknowledged each) before the kill. */
  connectedBefore: number;
  /** From the kill to the restarted broker accepting connections. */
  restartSeconds: number;
  /** From the restarted broker accepting to every device connected. */
  connectSeconds: number;
  reconnected: number;
  failed: Record<string, number>;
  /** Devices reconnected per second of `connectSeconds`. */
  connectionsPerSec: number;
  /** Devices whose first message after the restart was acknowledged. */
  publishing: number;
  /** From the restarted broker accepting to the last device's first message acknowledged. */
  backSeconds: number;
  /** The same from the kill (includes the broker's own restart). */
  backSecondsFromKill: number;
  rejections: Record<string, number>;
  /** With --cpu-prof (hardened only): the restarted process from its start through the storm. */
  profile?: CpuProfileSummary;
}

/**
 * Connects every device to `broker`, has each publish one QoS 1 message, kills the broker, starts
 * it again, and has every device reconnect at once (up to `concurrency` CONNECTs pending per
 * generator process) and publish one message: how long until all are back and publishing.
 */
export async function runReconnectPhase(
  name: string,
  broker: RestartableBroker,
  devices: readonly DeviceSpec[],
  settings: ReconnectSettings,
): Promise<ReconnectResult> {
  const fleet = await GeneratorFleet.start(`${name}-reconnect`, broker.url, devices, {
    workers: settings.workers,
  });
  try {
    const before = await fleet.connect(settings.initialConcurrency, settings.connectTimeoutMs);
    await publishOnce(fleet);
    progress(`  ${name}: killing the broker with ${before.connected} devices connected`);
    const killedAt = Date.now();
    await broker.kill();
    await broker.restart();
    const readyAt = Date.now();
    progress(
      `  ${name}: broker back after ${((readyAt - killedAt) / 1000).toFixed(1)} s; ${devices.length} devices reconnecting`,
    );
    const storm = await fleet.connect(settings.concurrency, settings.connectTimeoutMs);
    const connectedAt = Date.now();
    const run = await publishOnce(fleet);
    const rejections = await broker.rejections();
    const result: ReconnectResult = {
      devices: devices.length,
      connectedBefore: before.connected,
      restartSeconds: seconds(readyAt - killedAt),
      connectSeconds: seconds(connectedAt - readyAt),
      reconnected: storm.connected,
      failed: storm.failed,
      connectionsPerSec: round(storm.connected / ((connectedAt - readyAt) / 1000), 0) ?? 0,
      publishing: run.acked,
      backSeconds: seconds(run.lastAckAt - readyAt),
      backSecondsFromKill: seconds(run.lastAckAt - killedAt),
      rejections,
    };
    progress(`  ${name}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await fleet.stop();
  }
}

/** One QoS 1 message from every connected device, until all are acknowledged (or 60 s). */
function publishOnce(fleet: GeneratorFleet) {
  return fleet.run({ mode: 'closed', seconds: 0, rate: 0, window: 1, drainMs: 60_000 });
}

const seconds = (ms: number) => round(ms / 1000, 2) ?? 0;
