// npm run bench -- ingest [--devices 10000] [--seconds 30] [--cpu-prof] ...  (see bench/README.md)
// Sustained QoS 1 telemetry from publish to queryable in InfluxDB through the platform's broker and
// ingest, against bare aedes forwarding the same messages and raw line-protocol writes of the same
// points, all measured in the same run on the same machine.
import { cpus, loadavg } from 'node:os';
import { startInfluxDb } from '@hourglass/testing-services';
import { DEFAULT_INGEST_OPTIONS } from '@hourglass/telemetry-ingest';
import { progress, type BenchArgs, type BenchResult } from './support/bench-contract';
import { round } from './support/stats';
import { runBareAedesPhase, type BareAedesResult } from './ingest/bare-aedes.phase';
import { ingestSettings, openFilesLimit, type IngestBenchSettings } from './ingest/ingest-settings';
import { runPlatformPhase, type PlatformResult } from './ingest/platform.phase';
import { runRawInfluxReference, type RawInfluxResult } from './ingest/raw-influx.reference';
import { deviceIds } from './ingest/telemetry-payload';

export async function run(args: BenchArgs): Promise<BenchResult> {
  const settings = ingestSettings(args);
  const openFiles = checkOpenFiles(settings);
  const busy = loadavg()[0] > cpus().length * 0.5;
  if (busy)
    progress(
      `warning: the machine is busy (load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores): figures will be low`,
    );
  progress(`settings ${JSON.stringify(settings)}`);
  const ids = deviceIds(settings.devices);
  progress('starting InfluxDB 1.6 with its v2 write shim');
  const influx = await startInfluxDb();
  try {
    progress(`raw InfluxDB: ${settings.rawPoints} points, batches of ${DEFAULT_INGEST_OPTIONS.batchSize}, ${DEFAULT_INGEST_OPTIONS.maxConcurrentWrites} requests in flight`);
    const raw = await runRawInfluxReference({
      v1Url: influx.v1Url,
      deviceIds: ids,
      points: settings.rawPoints,
      batchSize: DEFAULT_INGEST_OPTIONS.batchSize,
      concurrency: DEFAULT_INGEST_OPTIONS.maxConcurrentWrites,
    });
    progress(`  ${Math.round(raw.pointsPerSec)} points/s (${raw.counted} counted)`);
    const bare = await runBareAedesPhase(settings, ids);
    const ours = await runPlatformPhase(settings, influx);
    return result(settings, raw, bare, ours, { openFiles, busyAtStart: busy });
  } finally {
    await influx.stop();
  }
}

/** Every device is one socket in the broker's process: the open-files limit must leave room. */
function checkOpenFiles(settings: IngestBenchSettings): number | null {
  const limit = openFilesLimit();
  progress(`ulimit -n is ${limit ?? 'unknown'}`);
  if (limit !== null && limit < settings.devices + 1_000) {
    throw new Error(
      `ulimit -n is ${limit}: ${settings.devices} devices need at least ${settings.devices + 1_000}; raise it (ulimit -n 65536) or pass --devices`,
    );
  }
  return limit;
}

function result(
  settings: IngestBenchSettings,
  raw: RawInfluxResult,
  bare: BareAedesResult,
  ours: PlatformResult,
  environment: { openFiles: number | null; busyAtStart: boolean },
): BenchResult {
  const { throughput, latency } = ours;
  const lost = Math.max(0, ours.totalAcked - ours.totalQueryable);
  const msgPerSec = round(throughput.msgPerSec, 0) ?? 0;
  const vsBareAedes = round(throughput.msgPerSec / bare.msgPerSec, 3);
  return {
    bench: 'ingest',
    figures: {
      msgPerSec,
      bareAedesMsgPerSec: round(bare.msgPerSec, 0),
      rawInfluxPointsPerSec: round(raw.pointsPerSec, 0),
      latencyP50Ms: latency.p50Ms,
      latencyP99Ms: latency.p99Ms,
      rssMb: Math.max(
        ours.idleMemory.rssMb,
        throughput.usage.rssPeakMb ?? 0,
        latency.usage.rssPeakMb ?? 0,
      ),
      devices: ours.connected,
      messages: throughput.acked,
      lost,
      latencyRunMsgPerSec: latency.achievedMsgPerSec,
      rssMbAt5k: latency.usage.rssMedianMb,
      rssMbConnectedIdle: ours.idleMemory.rssMb,
      ackP99Ms: throughput.ackP99Ms,
      platformCores: throughput.usage.hostCores,
      loadAverage1m: round(loadavg()[0], 2),
    },
    ratios: {
      vsBareAedes,
      vsRawInflux: round(throughput.msgPerSec / raw.pointsPerSec, 3),
    },
    goals: {
      'msgPerSec>=20000': msgPerSec >= 20_000,
      'vsBareAedes>=0.7': (vsBareAedes ?? 0) >= 0.7,
      'p99<1000ms': latency.p99Ms !== null && latency.p99Ms < 1_000 && latency.unseen === 0,
      zeroLoss: lost === 0,
    },
    details: { settings, environment, raw, bare, ours },
  };
}
