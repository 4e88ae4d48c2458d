import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  lossReport,
  startInfluxDb,
  startMosquitto,
  storedPoints,
  TelemetryFleetPublisher,
  totalPoints,
  waitFor,
  type InfluxServer,
  type MosquittoServer,
} from '@hourglass/testing-services';
import { IngestWorkerProcess } from './ingest-worker.process';
import { MOSQUITTO_FOR_INGEST, subscriptionsLogged } from './mosquitto-for-ingest.config';

const PREFIX = 'shared-';
const DEVICES = 20;
const MESSAGES_PER_DEVICE = 100;
const GROUP = 'ingest';
const SHARED_FILTER = `$share/${GROUP}/devices/+/telemetry`;
const WORKERS = ['worker-a', 'worker-b'];

describe('two ingest workers in a shared subscription ($share/ingest) on Mosquitto', () => {
  let influx: InfluxServer;
  let mosquitto: MosquittoServer;
  let fleet: TelemetryFleetPublisher;
  const dirs: string[] = [];
  const workers: IngestWorkerProcess[] = [];

  beforeAll(async () => {
    [influx, mosquitto] = await Promise.all([
      startInfluxDb(),
      startMosquitto({ config: MOSQUITTO_FOR_INGEST }),
    ]);
    for (const token of WORKERS) {
      const dataDir = mkdtempSync(join(tmpdir(), `hg-${token}-`));
      dirs.push(dataDir);
      // Each worker's InfluxDB token names it in the shim's write log.
      workers.push(
        IngestWorkerProcess.start(token, {
          HG_MQTT_URL: mosquitto.url,
          HG_INGEST_SHARE_GROUP: GROUP,
          HG_INFLUX_URL: influx.url,
          HG_INFLUX_TOKEN: token,
          HG_INFLUX_ORG: influx.org,
          HG_INFLUX_BUCKET: influx.bucket,
          HG_DATA_DIR: dataDir,
        }),
      );
    }
    await waitFor(
      () =>
        workers.every((w) => w.ready) &&
        subscriptionsLogged(mosquitto.dir, /^svc-ingest-\d+$/, SHARED_FILTER) >= 2,
      {
        timeoutMs: 90_000,
        intervalMs: 100,
        what: 'both ingest workers to start and join the shared subscription',
        failFast: () => {
          const dead = workers.find((w) => w.exitDescription);
          return dead ? new Error(`${dead.name} ${dead.exitDescription}:\n${dead.log}`) : undefined;
        },
      },
    );
    fleet = await TelemetryFleetPublisher.connect({
      url: mosquitto.url,
      prefix: PREFIX,
      devices: DEVICES,
      ratePerDevice: 20,
      messagesPerDevice: MESSAGES_PER_DEVICE,
    });
  }, 150_000);

  afterAll(async () => {
    await fleet?.close();
    await Promise.all(workers.map((w) => w.stop()));
    await Promise.all([influx?.stop(), mosquitto?.stop()]);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('stores each message exactly once, and both workers take their share', async () => {
    const expected = DEVICES * MESSAGES_PER_DEVICE;
    fleet.start();
    await waitFor(() => fleet.finished, {
      timeoutMs: 60_000,
      what: `${expected} messages published`,
    });
    await waitFor(
      async () => totalPoints(await storedPoints((q) => influx.query(q), PREFIX)) >= expected,
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: `all ${expected} points in InfluxDB`,
      },
    );

    const written = await influx.writeLog();
    const linesBy = (token: string) =>
      written
        .filter((w) => w.token === token && w.status === 204)
        .reduce((sum, w) => sum + w.lines, 0);
    const stored = await storedPoints((q) => influx.query(q), PREFIX);
    const figures = {
      published: fleet.total,
      stored: totalPoints(stored),
      writtenBy: Object.fromEntries(WORKERS.map((token) => [token, linesBy(token)])),
    };
    console.info(`shared subscription figures: ${JSON.stringify(figures)}`);

    expect(fleet.errors).toEqual([]);
    expect(fleet.total).toBe(expected);
    expect(lossReport(fleet.published, stored)).toEqual([]);
    // Exactly once: the workers together wrote each message one time, and each wrote a share.
    expect(linesBy('worker-a') + linesBy('worker-b')).toBe(expected);
    for (const token of WORKERS) expect(linesBy(token)).toBeGreaterThan(expected / 10);
  }, 120_000);
});
