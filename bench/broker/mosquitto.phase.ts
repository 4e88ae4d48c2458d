import { TELEMETRY_FILTER } from '@hourglass/contracts-wire';
import { startMosquitto } from '@hourglass/testing-services';
import { progress } from '../support/bench-contract';
import { round } from '../support/stats';
import { GeneratorFleet } from '../ingest/generator-fleet';
import type { IngestBenchSettings } from '../ingest/ingest-settings';

/** Reference 2: Debian's Mosquitto 2.0 under the same generator, subscriber and messages. */
export interface MosquittoResult {
  connectSeconds: number;
  connected: number;
  connectionsPerSec: number;
  acked: number;
  delivered: number;
  msgPerSec: number;
  ackP99Ms: number | null;
}

/**
 * Mosquitto's default queue limits (20 in flight, 1,000 queued per client) would drop what the
 * subscriber cannot take at once and stall the delivery-gated loop, so both are lifted: the
 * window of the generator bounds what is queued, as it does for aedes.
 */
export async function runMosquittoPhase(
  settings: IngestBenchSettings,
  ids: readonly string[],
): Promise<MosquittoResult> {
  progress(`mosquitto: starting Debian's Mosquitto and a generator for ${ids.length} devices`);
  const mosquitto = await startMosquitto({
    config: 'max_inflight_messages 0\nmax_queued_messages 0\n',
  });
  let fleet: GeneratorFleet | undefined;
  try {
    const devices = ids.map((id, index) => ({ id, index }));
    fleet = await GeneratorFleet.start('mosquitto', mosquitto.url, devices, {
      workers: 1,
      subscriber: { filter: TELEMETRY_FILTER },
    });
    const connect = await fleet.connect(settings.connectConcurrency);
    const run = await fleet.run({
      mode: 'closed',
      seconds: settings.seconds,
      rate: 0,
      window: settings.window,
      drainMs: settings.drainMs,
    });
    const msgPerSec = run.delivered / ((run.lastDeliveredAt - run.firstPublishAt) / 1000);
    progress(
      `  ${run.acked} acknowledged, ${run.delivered} delivered: ${Math.round(msgPerSec)} msg/s`,
    );
    return {
      connectSeconds: round(connect.ms / 1000) ?? 0,
      connected: connect.connected,
      connectionsPerSec: round(connect.connected / (connect.ms / 1000), 0) ?? 0,
      acked: run.acked,
      delivered: run.delivered,
      msgPerSec,
      ackP99Ms: round(run.ackLatency.percentile(99)),
    };
  } finally {
    await fleet?.stop();
    await mosquitto.stop();
  }
}
