import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startInfluxDb,
  startMosquitto,
  TcpFaultProxy,
  waitFor,
  type InfluxServer,
  type MosquittoServer,
} from '@hourglass/testing-services';
import {
  startInProcessIngest,
  type InProcessIngest,
  type InProcessIngestOptions,
} from './in-process-ingest.harness';
import { MOSQUITTO_FOR_INGEST, subscriptionsLogged } from './mosquitto-for-ingest.config';

/** The servers and the ingest pipeline a fault scenario runs against. */
export interface FaultEnvironment {
  influx: InfluxServer;
  mosquitto: MosquittoServer;
  ingest: InProcessIngest;
  /** Between ingest and the store (only with `storeProxy`): cuts or black-holes its connections. */
  storeProxy?: TcpFaultProxy;
  /** The spool's directory. */
  spoolDir: string;
  /** Publishers and the like, closed before ingest and the servers stop. */
  closeFirst: Array<{ close(): Promise<unknown> }>;
}

/** Ingest settings of a scenario; the spool lives in a temporary directory of the fixture's own. */
export type FaultIngestOptions = Omit<InProcessIngestOptions, 'mqttUrl' | 'influx' | 'spool'> & {
  spool?: { maxSamples?: number };
  /** Puts a {@link TcpFaultProxy} between ingest and the shim, so a test can cut the connection itself. */
  storeProxy?: boolean;
  /** The store's request timeout (ms, default the store's 10 s). */
  storeTimeoutMs?: number;
};

/**
 * Registers the hooks of one fault scenario: a real InfluxDB (behind the fault-injecting shim) and
 * Mosquitto, and ingest subscribed to it with a write-ahead spool; everything is stopped and
 * removed afterwards. The returned object is filled in by `beforeAll`.
 */
export function useFaultEnvironment(
  name: string,
  options: FaultIngestOptions = {},
): FaultEnvironment {
  const env = { closeFirst: [] } as unknown as FaultEnvironment;

  beforeAll(async () => {
    env.spoolDir = mkdtempSync(join(tmpdir(), `hg-${name}-spool-`));
    [env.influx, env.mosquitto] = await Promise.all([
      startInfluxDb(),
      startMosquitto({ config: MOSQUITTO_FOR_INGEST }),
    ]);
    const { storeProxy, storeTimeoutMs, ...ingestOptions } = options;
    if (storeProxy)
      env.storeProxy = await TcpFaultProxy.start(Number(new URL(env.influx.url).port));
    const { token, org, bucket } = env.influx;
    env.ingest = await startInProcessIngest({
      ...ingestOptions,
      mqttUrl: env.mosquitto.url,
      influx: {
        url: env.storeProxy?.url('http') ?? env.influx.url,
        token,
        org,
        bucket,
        timeoutMs: storeTimeoutMs,
      },
      spool: { dir: env.spoolDir, ...options.spool },
    });
    await waitFor(
      () => subscriptionsLogged(env.mosquitto.dir, /^svc-ingest$/, 'devices/+/telemetry') > 0,
      { what: 'the ingest subscription at the broker' },
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(env.closeFirst.map((c) => c.close()));
    await env.storeProxy?.restore();
    await env.ingest?.stop().catch(() => undefined);
    await env.storeProxy?.stop();
    await Promise.all([env.influx?.stop(), env.mosquitto?.stop()]);
    if (env.spoolDir) rmSync(env.spoolDir, { recursive: true, force: true });
  }, 60_000);

  return env;
}
