import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DeviceRegistryService, DeviceRepository } from '@hourglass/devices-registry';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import {
  lossReport,
  MetricSampler,
  sequenceGaps,
  startInfluxDb,
  storedPoints,
  TcpFaultProxy,
  TelemetryFleetPublisher,
  totalPoints,
  waitFor,
  type InfluxServer,
} from '@hourglass/testing-services';
import { startPlatform, type RunningPlatform } from './platform.runner';

const DEVICES = 80;
const RATE_PER_DEVICE = 5;
const OFFERED_PER_S = DEVICES * RATE_PER_DEVICE;
const PREFIX = 'pf2-';
/** One-way delay the proxy adds in front of InfluxDB: every write takes >= 4 s, under its 10 s timeout. */
const LATENCY_MS = 2_000;
/**
 * Smaller batches make the store slower than the load: 2 writes of at most 100 samples per ~4.5 s
 * is at most ~45 samples/s against 400 msg/s offered (healthy, the same writes take well under a
 * second). With the default 5,000-sample batches the store would only fall behind with a round trip
 * beyond the write timeout: a failure (F1), not a slow store.
 */
const BATCH_SIZE = 100;
/** Load before the measured healthy phase: the first messages of each device cost more (lookups, JIT). */
const WARM_UP_MS = 3_000;
const HEALTHY_MS = 3_000;
const SLOW_MS = 12_000;
/** From the fault on, writes already under way finish within one delayed round trip and their own time. */
const SETTLE_MS = 2 * LATENCY_MS + 1_000;
/**
 * Heap (JS heap plus external buffers) retained by the run, measured after a full GC at two quiet
 * moments (fleet stopped, everything acknowledged): after the warm-up and after the drain. A clean
 * run retained 1.0 MB over the ~6,500 messages between them (much of it the publisher's own record
 * of what was acknowledged); keeping each packet retained 3.0 MB, keeping only each one's parsed
 * JSON (~165 bytes) 1.1 MB, which this limit cannot tell from a clean run.
 */
const RETAINED_LIMIT_BYTES = 2 * 1024 * 1024;

/** A full GC, then the live JS heap and external memory (Buffers) of this process. */
function liveBytes(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/**
 * F2 on the topology `npm start` runs: aedes with ingest inside the broker's process, PUBACK once
 * durable, and InfluxDB made slow by a TCP proxy adding 1 s each way (real influxd behind it).
 * Devices keep offering 1,000 msg/s; the acknowledgements must slow to what the store takes
 * (back-pressure: the devices hold the rest), the platform must not keep what it handled, and every
 * acknowledged sequence number must be in InfluxDB once the store is fast again.
 */
describe('F2 on the platform topology: InfluxDB slow under load, ingest in the broker process', () => {
  let influx: InfluxServer;
  let proxy: TcpFaultProxy;
  let platform: RunningPlatform;
  let fleet: TelemetryFleetPublisher;
  let dataDir: string;

  beforeAll(async () => {
    influx = await startInfluxDb();
    proxy = await TcpFaultProxy.start(Number(new URL(influx.url).port));
    // An empty data directory, not a migrated copy (migratedDataDir): the retained-heap check
    // counts PGlite's WebAssembly memory, which a copied database grows during the run instead of
    // at boot.
    dataDir = mkdtempSync(join(tmpdir(), 'hg-pf2-'));
    const config = loadPlatformConfig({
      HG_DATA_DIR: dataDir,
      HG_HTTP_PORT: '0',
      HG_MQTT_PORT: '0',
      HG_SIMULATOR: 'off',
      HG_INFLUX_URL: proxy.url('http'),
      HG_INFLUX_TOKEN: influx.token,
      HG_INFLUX_ORG: influx.org,
      HG_INFLUX_BUCKET: influx.bucket,
      HG_INGEST_BATCH_SIZE: String(BATCH_SIZE),
      HG_INGEST_WRITE_CONCURRENCY: '2',
    });
    platform = await startPlatform(config, () => undefined);
    const registry = new DeviceRegistryService(new DeviceRepository(platform.ctx.db));
    const credentials = new Map<string, { username: string; password: string }>();
    for (let n = 0; n < DEVICES; n++) {
      const id = `${PREFIX}${n}`;
      credentials.set(
        id,
        (await registry.provision(PROVIDER_SCOPE, { id, type: 'turbofan' })).credentials,
      );
    }
    fleet = await TelemetryFleetPublisher.connect({
      url: platform.mqttUrl,
      prefix: PREFIX,
      devices: DEVICES,
      ratePerDevice: RATE_PER_DEVICE,
      credentials: (id) => credentials.get(id) as { username: string; password: string },
      connectConcurrency: 50,
    });
  }, 120_000);

  afterAll(async () => {
    await fleet?.abandon();
    proxy?.faults({});
    await platform?.stop();
    await proxy?.stop();
    await influx?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const metric = async (name: string, suffix = '') => {
    const values = (await platform.ctx.metrics.registry.getSingleMetric(name)?.get())?.values;
    const named = (v: object) => ('metricName' in v ? v.metricName : name) === name + suffix;
    return values?.find(named)?.value ?? 0;
  };
  /** Seconds spent in batch writes (store and durable hooks) and their number, so far. */
  const writeSeconds = async () => ({
    sum: await metric('hg_ingest_batch_write_seconds', '_sum'),
    count: await metric('hg_ingest_batch_write_seconds', '_count'),
  });

  it('slows the acknowledgements to what the store takes, keeps nothing, loses nothing', async () => {
    const stored = () => storedPoints((q) => influx.query(q), PREFIX);
    fleet.start();
    await delay(WARM_UP_MS); // load before the fault, not a synchronisation
    // Memory is compared between two quiet moments: everything sent acknowledged, nothing in flight.
    await fleet.stop();
    const before = liveBytes();
    fleet.start();
    const ackedAtHealthy = fleet.total;
    await delay(HEALTHY_MS);
    const healthyAcked = fleet.total - ackedAtHealthy;

    proxy.faults({ latencyMs: LATENCY_MS });
    const ackedAtSlow = fleet.total;
    const sampler = new MetricSampler(
      async () => ({
        pending: fleet.pending,
        backlog: await metric('hg_ingest_backlog_samples'),
      }),
      250,
    );
    sampler.start();
    await delay(SETTLE_MS); // the slow phase itself, and below
    const writesAtSlow = await writeSeconds();
    await delay(SLOW_MS - SETTLE_MS);
    await sampler.stop();
    const slowAcked = fleet.total - ackedAtSlow;
    const writesAtLift = await writeSeconds();

    proxy.faults({});
    const liftedAt = Date.now();
    await fleet.stop(); // resolves once every message sent is acknowledged
    const drainedMs = Date.now() - liftedAt;
    await waitFor(async () => totalPoints(await stored()) >= fleet.total, {
      timeoutMs: 30_000,
      intervalMs: 500,
      what: `all ${fleet.total} acknowledged points in InfluxDB`,
    });
    const retained = liveBytes() - before;
    const final = await stored();
    const slowWrites = writesAtLift.count - writesAtSlow.count;
    const figures = {
      offeredPerS: OFFERED_PER_S,
      healthyAckedPerS: Math.round(healthyAcked / (HEALTHY_MS / 1000)),
      slowAckedPerS: Math.round(slowAcked / (SLOW_MS / 1000)),
      slowWrites,
      meanSlowWriteMs: Math.round(
        ((writesAtLift.sum - writesAtSlow.sum) / Math.max(1, slowWrites)) * 1000,
      ),
      pendingPeak: sampler.peak('pending'),
      backlogPeak: sampler.peak('backlog'),
      drainedMs,
      acked: fleet.total,
      retainedKb: Math.round(retained / 1024),
      spooled: await metric('hg_ingest_spooled_samples_total'),
      gaps: await sequenceGaps((q) => influx.query(q), fleet.published, final),
    };
    console.info(`F2 platform: ${JSON.stringify(figures)}`);

    expect(fleet.errors).toEqual([]);
    // The writes really were slow (a phase without slow writes would prove nothing below).
    expect(slowWrites).toBeGreaterThan(0);
    expect(figures.meanSlowWriteMs).toBeGreaterThanOrEqual(2 * LATENCY_MS);
    expect(figures.spooled).toBe(0); // slow is not failed: every write reached InfluxDB
    // Back-pressure: acknowledgements fell to what the store takes while devices held the rest.
    expect(figures.healthyAckedPerS).toBeGreaterThanOrEqual(OFFERED_PER_S * 0.5);
    expect(figures.slowAckedPerS).toBeLessThanOrEqual(figures.healthyAckedPerS * 0.3);
    expect(figures.pendingPeak).toBeGreaterThanOrEqual(OFFERED_PER_S * 4);
    expect(retained).toBeLessThan(RETAINED_LIMIT_BYTES);
    expect(figures.gaps).toEqual({});
    expect(lossReport(fleet.published, final)).toEqual([]);
  }, 120_000);
});
