// npm run bench -- ingest [--devices 10000] [--seconds 30] [--cpu-prof] [--only node-red|ours|http|sparkplug | --skip node-red] ...
// (see bench/README.md) Sustained QoS 1 telemetry from publish to queryable in InfluxDB through the
// platform's broker and ingest, against like-for-like and ceiling references and against the peer
// users would pick (Node-RED), all measured in the same run on the same machine.
import { cpus, loadavg } from 'node:os';
import { startInfluxDb } from '@hourglass/testing-services';
import { DEFAULT_INGEST_OPTIONS } from '@hourglass/telemetry-ingest';
import { runMosquittoPhase } from './broker/mosquitto.phase';
import { progress, type BenchArgs, type BenchResult } from './support/bench-contract';
import { runBareAedesPhase } from './ingest/bare-aedes.phase';
import { httpResult, runHttpPhase } from './ingest/http.phase';
import { ingestResult, sparkplugResult, type IngestPhases } from './ingest/ingest-result';
import { ingestSettings, openFilesLimit, type IngestBenchSettings } from './ingest/ingest-settings';
import { runNodeRedPhase } from './ingest/node-red.phase';
import { peerVersions } from './ingest/peer-versions';
import { runPlatformPhase } from './ingest/platform.phase';
import { runRawInfluxReference } from './ingest/raw-influx.reference';
import { runSparkplugPhase } from './ingest/sparkplug.phase';
import { deviceIds } from './ingest/telemetry-payload';

export { INGEST_OPTIONS as options } from './ingest/ingest-settings';

export async function run(args: BenchArgs): Promise<BenchResult> {
  const settings = ingestSettings(args);
  const openFiles = checkOpenFiles(settings);
  const busy = loadavg()[0] > cpus().length * 0.5;
  if (busy)
    progress(
      `warning: the machine is busy (load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores): figures will be low`,
    );
  progress(`settings ${JSON.stringify(settings)}`);
  const versions = peerVersions();
  progress(`versions ${JSON.stringify(versions)}`);
  const ids = deviceIds(settings.devices);
  progress('starting InfluxDB 1.6 with its v2 write shim');
  const influx = await startInfluxDb();
  try {
    if (settings.phases === 'http-only') return await httpOnly(settings, influx);
    if (settings.phases === 'sparkplug-only') return await sparkplugOnly(settings, influx);
    const phases =
      settings.phases === 'node-red-only'
        ? await nodeRedOnly(settings, influx, ids)
        : settings.phases === 'ours-only'
          ? await oursOnly(settings, influx)
          : await allPhases(settings, influx, ids);
    return ingestResult(settings, phases, { openFiles, busyAtStart: busy, versions });
  } finally {
    await influx.stop();
  }
}

type Influx = Awaited<ReturnType<typeof startInfluxDb>>;

async function allPhases(
  settings: IngestBenchSettings,
  influx: Influx,
  ids: readonly string[],
): Promise<IngestPhases> {
  progress(`raw InfluxDB: ${settings.rawPoints} points, batches of 5,000, 2 requests in flight`);
  const raw = await runRawInfluxReference({
    v1Url: influx.v1Url,
    deviceIds: ids,
    points: settings.rawPoints,
    batchSize: DEFAULT_INGEST_OPTIONS.batchSize,
    concurrency: DEFAULT_INGEST_OPTIONS.maxConcurrentWrites,
  });
  progress(
    `  ${Math.round(raw.pointsPerSec)} points/s; ${raw.written} written, ${raw.counted} counted`,
  );
  const bareInProcess = await runBareAedesPhase(settings, ids, 'in-process');
  const bareForwarding = await runBareAedesPhase(settings, ids, 'forwarding');
  const mosquitto = await runMosquittoPhase(settings, ids);
  const withNodeRed = settings.phases === 'all';
  const ours = await runPlatformPhase(settings, influx, {
    throughputAndLatency: true,
    ramp: withNodeRed,
  });
  const nodeRed = withNodeRed ? await runNodeRedPhase(settings, influx, ids) : null;
  const http = await runHttpPhase(settings, influx);
  const sparkplug = await runSparkplugPhase(settings, influx);
  return { raw, bareInProcess, bareForwarding, mosquitto, ours, nodeRed, http, sparkplug };
}

/** --only node-red: the zero-loss ramp of ours and of Node-RED, nothing else. */
async function nodeRedOnly(
  settings: IngestBenchSettings,
  influx: Influx,
  ids: readonly string[],
): Promise<IngestPhases> {
  const ours = await runPlatformPhase(settings, influx, {
    throughputAndLatency: false,
    ramp: true,
  });
  const nodeRed = await runNodeRedPhase(settings, influx, ids);
  return { raw: null, bareInProcess: null, bareForwarding: null, mosquitto: null, ours, nodeRed };
}

/** --only ours: our throughput and latency runs with no reference (profiling, not a result). */
async function oursOnly(settings: IngestBenchSettings, influx: Influx): Promise<IngestPhases> {
  const ours = await runPlatformPhase(settings, influx, {
    throughputAndLatency: true,
    ramp: false,
  });
  return {
    raw: null,
    bareInProcess: null,
    bareForwarding: null,
    mosquitto: null,
    ours,
    nodeRed: null,
  };
}

/** --only http: HTTP telemetry against our MQTT throughput run (JSON messages), in the same run. */
async function httpOnly(settings: IngestBenchSettings, influx: Influx): Promise<BenchResult> {
  const mqtt = await runPlatformPhase(settings, influx, {
    throughputAndLatency: true,
    ramp: false,
  });
  const http = await runHttpPhase(settings, influx);
  return httpResult(settings, mqtt, http);
}

/** --only sparkplug: Sparkplug B edge nodes against our MQTT throughput run (JSON messages), in the same run. */
async function sparkplugOnly(settings: IngestBenchSettings, influx: Influx): Promise<BenchResult> {
  const mqtt = await runPlatformPhase(settings, influx, {
    throughputAndLatency: true,
    ramp: false,
  });
  const sparkplug = await runSparkplugPhase(settings, influx);
  return sparkplugResult(settings, mqtt, sparkplug);
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
