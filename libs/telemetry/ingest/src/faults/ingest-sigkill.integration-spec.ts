import { readdirSync, rmSync } from 'node:fs';
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
import { migratedDataDir } from '@hourglass/testing-sql';

const DEVICES = 20;
const RATE_PER_DEVICE = 5;
/** Each write is held this long by the shim, so the SIGKILL surely lands mid-batch. */
const WRITE_LATENCY_MS = 3_000;
const FILTER = 'devices/+/telemetry';

describe('F3: ingest killed with SIGKILL mid-batch', () => {
  let influx: InfluxServer;
  let mosquitto: MosquittoServer;
  let dataDir: string;
  const workers: IngestWorkerProcess[] = [];
  const fleets: TelemetryFleetPublisher[] = [];

  const fleet = async (prefix: string) => {
    const publisher = await TelemetryFleetPublisher.connect({
      url: mosquitto.url,
      prefix,
      devices: DEVICES,
      ratePerDevice: RATE_PER_DEVICE,
    });
    fleets.push(publisher);
    return publisher;
  };
  const writesOf = async (token: string) =>
    (await influx.writeLog()).filter((w) => w.token === token);
  const stored = (prefix: string) => storedPoints((q) => influx.query(q), prefix);
  const allStored = (prefix: string, publisher: TelemetryFleetPublisher) =>
    waitFor(async () => totalPoints(await stored(prefix)) >= publisher.total, {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: `all ${publisher.total} points of ${prefix}* in InfluxDB`,
    });

  /** A standalone ingest worker; its InfluxDB token names it in the shim's write log. */
  const startWorker = async (token: string) => {
    const subscribedBefore = subscriptionsLogged(mosquitto.dir, /^svc-ingest$/, FILTER);
    const worker = IngestWorkerProcess.start(token, {
      HG_MQTT_URL: mosquitto.url,
      HG_INFLUX_URL: influx.url,
      HG_INFLUX_TOKEN: token,
      HG_INFLUX_ORG: influx.org,
      HG_INFLUX_BUCKET: influx.bucket,
      HG_DATA_DIR: dataDir,
      HG_SIMULATOR: 'off',
    });
    workers.push(worker);
    await waitFor(
      () =>
        worker.ready &&
        subscriptionsLogged(mosquitto.dir, /^svc-ingest$/, FILTER) > subscribedBefore,
      {
        timeoutMs: 90_000,
        intervalMs: 100,
        what: `ingest worker ${token} to start and subscribe`,
        failFast: () =>
          worker.exitDescription
            ? new Error(`worker ${token} ${worker.exitDescription}:\n${worker.log}`)
            : undefined,
      },
    );
    return worker;
  };

  beforeAll(async () => {
    dataDir = await migratedDataDir('hg-f3-');
    [influx, mosquitto] = await Promise.all([
      startInfluxDb(),
      startMosquitto({ config: MOSQUITTO_FOR_INGEST }),
    ]);
  }, 120_000);

  afterEach(() => influx.faults({}));

  afterAll(async () => {
    await Promise.all(fleets.map((f) => f.close()));
    await Promise.all(workers.map((w) => w.kill()));
    await Promise.all([influx?.stop(), mosquitto?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('redelivers what the killed worker had not acknowledged: no loss, duplicates only of the batch in flight', async () => {
    const prefix = 'f3-batch-';
    const devices = await fleet(prefix);
    const first = await startWorker('ingest-run-1');
    await influx.faults({ latencyMs: WRITE_LATENCY_MS });
    devices.start();
    // Some batches stored and acknowledged, and the next one held by the shim: kill now.
    await waitFor(
      async () => {
        const writes = await writesOf('ingest-run-1');
        return writes.some((w) => w.status === 204) && writes.at(-1)?.answeredAt === null;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: 'a stored batch, then one in flight' },
    );
    const killedAt = Date.now();
    await first.kill();

    await influx.faults({});
    const second = await startWorker('ingest-run-2');
    await waitFor(async () => (await writesOf('ingest-run-2')).some((w) => w.status === 204), {
      timeoutMs: 30_000,
      what: 'the restarted worker to write',
    });
    await devices.stop();
    await allStored(prefix, devices);
    await second.stop();
    // The shim still holds the killed worker's writes for the rest of their delay, then forwards them.
    const landed = async () => (await writesOf('ingest-run-1')).every((w) => w.answeredAt != null);
    await waitFor(landed, { timeoutMs: 30_000, what: "the killed worker's last writes to land" });
    // Held at the kill: the killed worker's writes not answered before it (read after the kill, not
    // at it: a write the worker had sent can reach the shim a moment later). Not acknowledged at the
    // kill: a batch stays in ingest from its write until its PUBACKs, after the durable-batch hooks,
    // and at most two batches are there at once (DEFAULT_INGEST_OPTIONS.maxConcurrentWrites): at most
    // the killed worker's last two writes, answered or not.
    const run1 = await writesOf('ingest-run-1');
    const inFlight = run1.filter((w) => w.answeredAt === null || w.answeredAt >= killedAt);
    const unacknowledged = run1.slice(-2);
    const log = [...(await writesOf('ingest-run-1')), ...(await writesOf('ingest-run-2'))];
    const linesWritten = log.filter((w) => w.status === 204).reduce((sum, w) => sum + w.lines, 0);
    const points = await stored(prefix);
    const figures = {
      published: devices.total,
      stored: totalPoints(points),
      linesWritten,
      duplicates: linesWritten - totalPoints(points),
      batchInFlightAtKill: inFlight.map((w) => w.lines),
      lastTwoWrites: unacknowledged.map((w) => w.lines),
      killedWorker: first.exitDescription,
    };
    console.info(`F3 figures: ${JSON.stringify(figures)}`);

    expect(devices.errors).toEqual([]);
    expect(first.exitDescription).toBe('killed by SIGKILL');
    // Ingest writes up to two batches at once (DEFAULT_INGEST_OPTIONS.maxConcurrentWrites).
    expect(inFlight.length).toBeGreaterThanOrEqual(1);
    expect(inFlight.length).toBeLessThanOrEqual(2);
    // Batches not acknowledged at the kill may have reached InfluxDB (the shim forwards held ones
    // after its delay); the broker sent them again and they were written again: duplicates are at
    // most those batches, and each overwrote its own point.
    expect(figures.duplicates).toBeGreaterThan(0);
    expect(figures.duplicates).toBeLessThanOrEqual(
      unacknowledged.reduce((sum, w) => sum + w.lines, 0),
    );
    expect(lossReport(devices.published, points)).toEqual([]);
  }, 120_000);

  it('replays what the killed worker had spooled and acknowledged while InfluxDB refused writes', async () => {
    const prefix = 'f3-spool-';
    const devices = await fleet(prefix);
    const spoolDir = join(dataDir, 'spool', 'svc-ingest');
    const spooled = () => readdirSync(spoolDir).filter((name) => name.endsWith('.batch')).length;
    const first = await startWorker('ingest-run-3');
    await influx.faults({ status: 503 });
    devices.start();
    // Refused batches go to the spool and are acknowledged: the broker will not send them again.
    await waitFor(() => spooled() >= 10, {
      timeoutMs: 60_000,
      intervalMs: 100,
      what: 'ten batches in the spool',
    });
    await first.kill();
    const spooledAtKill = spooled();

    await influx.faults({});
    const second = await startWorker('ingest-run-4');
    await devices.stop();
    await allStored(prefix, devices);
    await waitFor(() => spooled() === 0, { timeoutMs: 30_000, what: 'the spool to drain' });
    await second.stop();
    const points = await stored(prefix);
    console.info(
      `F3 spool: ${JSON.stringify({ published: devices.total, stored: totalPoints(points), spooledAtKill })}`,
    );

    expect(devices.errors).toEqual([]);
    expect(first.exitDescription).toBe('killed by SIGKILL');
    expect(lossReport(devices.published, points)).toEqual([]);
  }, 120_000);
});
