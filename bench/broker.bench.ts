// npm run bench -- broker [--devices 10000] [--seconds 20] ...  (see bench/README.md)
// QoS 1 telemetry through the hardened broker (auth, ACL and limits on) against bare aedes with no
// hooks and Debian's Mosquitto, with the same load generator in the same run; plus the hardened
// broker's memory per idle connected device and its connection accept rate.
import { cpus, loadavg } from 'node:os';
import { progress, type BenchArgs, type BenchResult } from './support/bench-contract';
import { round } from './support/stats';
import { runBareAedesPhase, type BareAedesResult } from './ingest/bare-aedes.phase';
import { ingestSettings, openFilesLimit, type IngestBenchSettings } from './ingest/ingest-settings';
import { deviceIds } from './ingest/telemetry-payload';
import { runHardenedPhase, type HardenedResult } from './broker/hardened.phase';
import { runMosquittoPhase, type MosquittoResult } from './broker/mosquitto.phase';

export async function run(args: BenchArgs): Promise<BenchResult> {
  // The ingest bench's flags and defaults (--devices 10000, --window, --connect-concurrency, --scrypt-n),
  // with a shorter default run: three phases instead of one.
  const settings: IngestBenchSettings = { ...ingestSettings(args), seconds: args.number('seconds', 20) };
  const limit = openFilesLimit();
  if (limit !== null && limit < settings.devices + 1_000) {
    throw new Error(`ulimit -n is ${limit}: ${settings.devices} devices need at least ${settings.devices + 1_000} (ulimit -n 65536, or --devices)`);
  }
  const busy = loadavg()[0] > cpus().length * 0.5;
  if (busy) progress(`warning: the machine is busy (load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores): figures will be low`);
  progress(`settings ${JSON.stringify({ devices: settings.devices, seconds: settings.seconds, window: settings.window, scryptN: settings.scryptN })}`);
  const ids = deviceIds(settings.devices);
  const bare = await runBareAedesPhase(settings, ids);
  const hardened = await runHardenedPhase(settings, ids);
  const mosquitto = await runMosquittoPhase(settings, ids);
  return result(settings, bare, hardened, mosquitto, busy);
}

function result(settings: IngestBenchSettings, bare: BareAedesResult, hardened: HardenedResult, mosquitto: MosquittoResult, busy: boolean): BenchResult {
  const vsBareAedes = round(hardened.msgPerSec / bare.msgPerSec, 3);
  const lost = Math.max(0, hardened.acked - hardened.delivered);
  return {
    bench: 'broker',
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
      undelivered: lost,
      brokerCores: hardened.usage.hostCores,
      loadAverage1m: round(loadavg()[0], 2),
    },
    ratios: {
      vsBareAedes,
      vsMosquitto: round(hardened.msgPerSec / mosquitto.msgPerSec, 3),
    },
    goals: {
      'vsBareAedes>=0.9': (vsBareAedes ?? 0) >= 0.9,
      'kibPerIdleDevice<30': hardened.connected > 0 && hardened.kibPerIdleDevice < 30,
    },
    details: { settings, busyAtStart: busy, bare, hardened, mosquitto },
  };
}
