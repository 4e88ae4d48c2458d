// npm run bench -- broker [--devices 10000] [--seconds 20] ...  (see bench/README.md)
// QoS 1 telemetry through the hardened broker (auth, ACL and limits on) against bare aedes with no
// hooks and Debian's Mosquitto, with the same load generator in the same run; plus the hardened
// broker's memory per idle connected device and its connection accept rate; then the reconnect storm
// after a broker restart, the hardened broker as apps/broker runs it against Mosquitto with passwords.
import { cpus, loadavg } from 'node:os';
import {
  progress,
  type BenchArgs,
  type BenchOptions,
  type BenchResult,
} from './support/bench-contract';
import { round } from './support/stats';
import { runBareAedesPhase, type BareAedesResult } from './ingest/bare-aedes.phase';
import { ingestSettings, openFilesLimit, type IngestBenchSettings } from './ingest/ingest-settings';
import { deviceIds } from './ingest/telemetry-payload';
import { runHardenedPhase, type HardenedResult } from './broker/hardened.phase';
import { runMosquittoPhase, type MosquittoResult } from './broker/mosquitto.phase';
import {
  runReconnectPhase,
  type ReconnectResult,
  type ReconnectSettings,
} from './broker/reconnect.phase';
import { HardenedBroker, MosquittoBroker } from './broker/restartable-brokers';

interface ThroughputResults {
  bare: BareAedesResult;
  hardened: HardenedResult;
  mosquitto: MosquittoResult;
}

interface ReconnectResults {
  hardened: ReconnectResult;
  mosquitto: ReconnectResult;
}

/** Flags of `npm run bench -- broker` (`--help`); the load flags mean what they mean for ingest. */
export const options: BenchOptions = {
  devices: 'connected devices (default 10,000)',
  seconds: 'length of each throughput run (default 20)',
  window: 'messages in flight per device (default: 10,000 in flight in all)',
  workers: 'load-generator processes (default 1)',
  'connect-concurrency': 'CONNECTs pending at once per generator (default 50)',
  'drain-ms': 'longest wait for PUBACKs after publishing stops (default 60,000)',
  'cpu-prof': 'profile the broker processes',
  'reconnect-only': 'only the reconnect storms',
  'reconnect-workers': 'generator processes of the reconnect storm (default 4)',
  'reconnect-concurrency': 'CONNECTs pending at once per storm generator (default 1,000)',
};

export async function run(args: BenchArgs): Promise<BenchResult> {
  // The ingest bench's flags and defaults (--devices 10000, --window, --connect-concurrency), with a
  // shorter default run: three phases instead of one.
  const settings: IngestBenchSettings = {
    ...ingestSettings(args),
    seconds: args.number('seconds', 20),
  };
  const reconnect = reconnectSettings(args, settings);
  const limit = openFilesLimit();
  if (limit !== null && limit < settings.devices + 1_000) {
    throw new Error(
      `ulimit -n is ${limit}: ${settings.devices} devices need at least ${settings.devices + 1_000} (ulimit -n 65536, or --devices)`,
    );
  }
  const busy = loadavg()[0] > cpus().length * 0.5;
  if (busy)
    progress(
      `warning: the machine is busy (load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores): figures will be low`,
    );
  progress(
    `settings ${JSON.stringify({ devices: settings.devices, seconds: settings.seconds, window: settings.window, reconnect })}`,
  );
  const ids = deviceIds(settings.devices);
  const throughput = args.boolean('reconnect-only')
    ? null
    : await runThroughputPhases(settings, ids);
  const storms = await runReconnectPhases(ids, reconnect, settings.cpuProf);
  return result(settings, reconnect, throughput, storms, busy);
}

function reconnectSettings(args: BenchArgs, settings: IngestBenchSettings): ReconnectSettings {
  return {
    workers: Math.max(1, Math.floor(args.number('reconnect-workers', 4))),
    concurrency: Math.max(1, Math.floor(args.number('reconnect-concurrency', 1_000))),
    initialConcurrency: settings.connectConcurrency,
    connectTimeoutMs: 60_000,
  };
}

async function runThroughputPhases(
  settings: IngestBenchSettings,
  ids: readonly string[],
): Promise<ThroughputResults> {
  const bare = await runBareAedesPhase(settings, ids);
  const hardened = await runHardenedPhase(settings, ids);
  const mosquitto = await runMosquittoPhase(settings, ids);
  return { bare, hardened, mosquitto };
}

/** The hardened broker first: its registry issues the credentials Mosquitto's password file then holds. */
async function runReconnectPhases(
  ids: readonly string[],
  settings: ReconnectSettings,
  cpuProf: boolean,
): Promise<ReconnectResults> {
  progress(
    `reconnect: hardened broker (apps/broker defaults, embedded database on disk), provisioning ${ids.length} devices`,
  );
  const ours = await HardenedBroker.start(ids, cpuProf);
  let hardened: ReconnectResult;
  try {
    hardened = await runReconnectPhase('hardened', ours, ours.started.devices, settings);
  } finally {
    await ours.stop();
  }
  const profile = ours.profile();
  if (profile) {
    hardened = { ...hardened, profile };
    progress(
      `  restarted broker's profile: ${JSON.stringify(profile.byArea)}\n    ${profile.topFunctions.join('\n    ')}`,
    );
  }
  progress('reconnect: Mosquitto with a password file of the same credentials');
  const reference = await MosquittoBroker.start(ours.started.devices);
  try {
    const mosquitto = await runReconnectPhase(
      'mosquitto',
      reference,
      ours.started.devices,
      settings,
    );
    return { hardened, mosquitto };
  } finally {
    await reference.stop();
  }
}

function result(
  settings: IngestBenchSettings,
  reconnect: ReconnectSettings,
  throughput: ThroughputResults | null,
  storms: ReconnectResults,
  busy: boolean,
): BenchResult {
  const { hardened, mosquitto } = storms;
  const vsMosquittoReconnect = round(hardened.connectionsPerSec / mosquitto.connectionsPerSec, 3);
  const allBack = hardened.publishing === hardened.devices;
  const tp = throughput ? throughputFigures(throughput) : { figures: {}, ratios: {}, goals: {} };
  return {
    bench: 'broker',
    figures: {
      ...tp.figures,
      reconnectDevices: hardened.devices,
      reconnectBackSeconds: hardened.backSeconds,
      reconnectBackSecondsFromKill: hardened.backSecondsFromKill,
      reconnectRestartSeconds: hardened.restartSeconds,
      reconnectConnectionsPerSec: hardened.connectionsPerSec,
      reconnectPublishing: hardened.publishing,
      mosquittoReconnectBackSeconds: mosquitto.backSeconds,
      mosquittoReconnectConnectionsPerSec: mosquitto.connectionsPerSec,
      loadAverage1m: round(loadavg()[0], 2),
    },
    ratios: { ...tp.ratios, vsMosquittoReconnect },
    goals: {
      ...tp.goals,
      'reconnectBackSeconds<=10': allBack && hardened.backSeconds <= 10,
      'vsMosquittoReconnect>=0.5': (vsMosquittoReconnect ?? 0) >= 0.5,
    },
    details: {
      settings,
      reconnectSettings: reconnect,
      busyAtStart: busy,
      ...throughput,
      reconnect: storms,
    },
  };
}

function throughputFigures({ bare, hardened, mosquitto }: ThroughputResults) {
  const vsBareAedes = round(hardened.msgPerSec / bare.msgPerSec, 3);
  return {
    figures: {
      msgPerSec: round(hardened.msgPerSec, 0),
      bareAedesMsgPerSec: round(bare.msgPerSec, 0),
      mosquittoMsgPerSec: round(mosquitto.msgPerSec, 0),
      kibPerIdleDevice: hardened.kibPerIdleDevice,
      idleDevices: hardened.connected,
      connectionsPerSec: hardened.connectionsPerSec,
      bareAedesConnectionsPerSec: round(bare.connected / bare.connectSeconds, 0),
      mosquittoConnectionsPerSec: mosquitto.connectionsPerSec,
      ackP99Ms: hardened.ackP99Ms,
      bareAedesAckP99Ms: bare.ackP99Ms,
      undelivered: Math.max(0, hardened.acked - hardened.delivered),
      brokerCores: hardened.usage.hostCores,
    },
    ratios: {
      vsBareAedes,
      vsMosquitto: round(hardened.msgPerSec / mosquitto.msgPerSec, 3),
    },
    goals: {
      'vsBareAedes>=0.9': (vsBareAedes ?? 0) >= 0.9,
      'kibPerIdleDevice<30': hardened.connected > 0 && hardened.kibPerIdleDevice < 30,
    },
  };
}
