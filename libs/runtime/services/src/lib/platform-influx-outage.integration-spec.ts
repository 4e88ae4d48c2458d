import { rmSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { DeviceRegistryService, DeviceRepository } from '@hourglass/devices-registry';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import {
  faultOutageMs,
  faultScenarioMs,
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
import { migratedDataDir } from '@hourglass/testing-sql';

const OUTAGE_MS = faultOutageMs();
const DEVICES = 200;
const RATE_PER_DEVICE = 1;
const PREFIX = 'pf1-';

/**
 * F1 on the topology `npm start` runs: aedes with ingest inside the broker's process
 * (`startPlatform`, PUBACK once durable), HG_INFLUX_* pointing at the test InfluxDB through a TCP
 * proxy, no simulator, a fleet of 200 devices. InfluxDB goes down as a host does (influxd killed
 * and its connection refused) for HOURGLASS_FAULT_OUTAGE_S (8 s in `npm test`, 300 by hand):
 * the spool takes the load, the devices keep their PUBACKs, and every sequence number is in
 * InfluxDB afterwards.
 */
describe('F1 on the platform topology: InfluxDB down under load, ingest in the broker process', () => {
  let influx: InfluxServer;
  let proxy: TcpFaultProxy;
  let platform: RunningPlatform;
  let fleet: TelemetryFleetPublisher;
  let dataDir: string;

  beforeAll(async () => {
    influx = await startInfluxDb();
    proxy = await TcpFaultProxy.start(Number(new URL(influx.url).port));
    dataDir = await migratedDataDir('hg-pf1-');
    const config = loadPlatformConfig({
      HG_DATA_DIR: dataDir,
      HG_HTTP_PORT: '0',
      HG_MQTT_PORT: '0',
      HG_SIMULATOR: 'off',
      HG_INFLUX_URL: proxy.url('http'),
      HG_INFLUX_TOKEN: influx.token,
      HG_INFLUX_ORG: influx.org,
      HG_INFLUX_BUCKET: influx.bucket,
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
  }, 180_000);

  afterAll(async () => {
    await fleet?.abandon();
    await proxy?.restore();
    await platform?.stop();
    await proxy?.stop();
    await influx?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const metric = async (name: string) =>
    (await platform.ctx.metrics.registry.getSingleMetric(name)?.get())?.values[0]?.value ?? 0;

  it(
    'acknowledges from the spool while InfluxDB is down and loses no point',
    async () => {
      const stored = () => storedPoints((q) => influx.query(q), PREFIX);
      const sampler = new MetricSampler(
        async () => ({ spool: await metric('hg_ingest_spool_samples') }),
        500,
      );
      sampler.start();
      fleet.start();
      await waitFor(async () => totalPoints(await stored()) >= DEVICES * 2, {
        timeoutMs: 30_000,
        what: 'telemetry flowing into InfluxDB before the outage',
      });
      await Promise.all([influx.kill(), proxy.refuse()]);
      const cutAt = Date.now();
      const publishedAtCut = fleet.total;
      await delay(OUTAGE_MS); // the outage itself, not a synchronisation
      const publishedInOutage = fleet.total - publishedAtCut;
      await influx.restart();
      await proxy.restore();
      const restoredAt = Date.now();
      await delay(3_000); // devices keep publishing while the backlog drains
      await fleet.stop();
      await waitFor(async () => totalPoints(await stored()) >= fleet.total, {
        timeoutMs: 90_000,
        intervalMs: 1_000,
        what: `all ${fleet.total} published points in InfluxDB`,
      });
      const allStoredMs = Date.now() - restoredAt;
      await waitFor(async () => (await metric('hg_ingest_spool_samples')) === 0, {
        what: 'an empty spool',
      });
      await sampler.stop();
      const final = await stored();
      const figures = {
        outageMs: OUTAGE_MS,
        published: fleet.total,
        publishedInOutage,
        spoolPeak: sampler.peak('spool', cutAt),
        allStoredAfterRestoreMs: allStoredMs,
        gaps: await sequenceGaps((q) => influx.query(q), fleet.published, final),
      };
      console.info(`F1 platform: ${JSON.stringify(figures)}`);

      expect(fleet.errors).toEqual([]);
      expect(lossReport(fleet.published, final)).toEqual([]);
      // Devices kept their PUBACKs during the outage: the spool, not the devices, held the backlog.
      expect(publishedInOutage).toBeGreaterThanOrEqual(
        DEVICES * RATE_PER_DEVICE * (OUTAGE_MS / 1000) * 0.5,
      );
      expect(figures.spoolPeak).toBeGreaterThanOrEqual(publishedInOutage / 2);
    },
    faultScenarioMs(150_000),
  );
});
