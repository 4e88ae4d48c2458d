import { startMosquitto, type InfluxServer } from '@hourglass/testing-services';
import { progress } from '../support/bench-contract';
import { findPids } from '../support/proc-cpu';
import { GeneratorFleet } from './generator-fleet';
import { influxProcesses } from './influx-probes';
import { influxQl } from './influx-v1';
import type { IngestBenchSettings } from './ingest-settings';
import type { NodeRedFlowOptions } from './node-red-flow';
import { ensureNodeRed } from './node-red-install';
import { startNodeRed } from './node-red-process';
import { runRateRamp, type RampResult } from './rate-ramp';

/** The peer users would pick: Node-RED between Mosquitto and the same InfluxDB, on a ramp of rates. */
export interface NodeRedResult {
  versions: Record<string, string>;
  flow: Omit<NodeRedFlowOptions, 'mqttPort' | 'influxPort'>;
  mosquittoConfig: string;
  connected: number;
  ramp: RampResult;
  /** Warnings and errors Node-RED logged (failed writes show here, nowhere else). */
  problems: string[];
}

const DATABASE = 'bench_node_red';
// As in the broker bench: Mosquitto's default limits (20 in flight, 1,000 queued per client) would
// drop what Node-RED's subscription cannot take at once, and that loss would be Mosquitto's.
const MOSQUITTO_CONFIG = 'max_inflight_messages 0\nmax_queued_messages 0\n';

/**
 * Devices publish QoS 1 to Mosquitto (acknowledged there), Node-RED subscribes and writes batches
 * into a database of its own in the bench's InfluxDB (dropped afterwards); each ramp step counts
 * what is stored against what the devices had acknowledged.
 */
export async function runNodeRedPhase(
  settings: IngestBenchSettings,
  influx: InfluxServer,
  ids: readonly string[],
): Promise<NodeRedResult> {
  const install = await ensureNodeRed();
  progress(`node-red: ${JSON.stringify(install.versions)}; starting Mosquitto and the flow`);
  await influxQl(influx.v1Url, DATABASE, `CREATE DATABASE ${DATABASE}`);
  const mosquitto = await startMosquitto({ config: MOSQUITTO_CONFIG });
  const flow = { database: DATABASE, batchSize: 5_000, batchTimeoutSeconds: 1 };
  let fleet: GeneratorFleet | undefined;
  let nodeRed: Awaited<ReturnType<typeof startNodeRed>> | undefined;
  try {
    nodeRed = await startNodeRed(install, {
      ...flow,
      mqttPort: mosquitto.port,
      influxPort: Number(new URL(influx.v1Url).port),
    });
    const devices = ids.map((id, index) => ({ id, index }));
    fleet = await GeneratorFleet.start('node-red', mosquitto.url, devices, {
      workers: settings.workers,
    });
    const connect = await fleet.connect(settings.connectConcurrency);
    const ramp = await runRateRamp('node-red', fleet, (q) => influxQl(influx.v1Url, DATABASE, q), {
      rates: settings.ramp,
      seconds: settings.rampSeconds,
      window: settings.window,
      drainMs: settings.drainMs,
      settleMs: settings.rampSettleMs,
      watched: {
        nodeRed: [nodeRed.pid],
        mosquitto: findPids('mosquitto', mosquitto.dir),
        ...influxProcesses(influx),
      },
    });
    progress(
      `  node-red holds ${ramp.zeroLossMsgPerSec ?? 'no rate of the ramp'} msg/s with zero loss`,
    );
    return {
      versions: install.versions,
      flow,
      mosquittoConfig: MOSQUITTO_CONFIG,
      connected: connect.connected,
      ramp,
      problems: nodeRed.problems(),
    };
  } finally {
    await fleet?.stop();
    await nodeRed?.stop();
    await mosquitto.stop();
    await influxQl(influx.v1Url, DATABASE, `DROP DATABASE ${DATABASE}`).catch(() => undefined);
  }
}
