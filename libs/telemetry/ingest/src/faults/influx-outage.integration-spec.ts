import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  startInfluxDb,
  startMosquitto,
  waitFor,
  type InfluxServer,
  type MosquittoServer,
} from '@hourglass/testing-services';
import { startInProcessIngest, type InProcessIngest } from './in-process-ingest.harness';
import { MetricSampler } from './metric.sampler';
import { MOSQUITTO_FOR_INGEST, subscriptionsLogged } from './mosquitto-for-ingest.config';
import { lossReport, storedPoints, totalPoints } from './stored-points.query';
import { TelemetryFleetPublisher } from './telemetry-fleet.publisher';

/** How long influxd stays dead (hostile-inputs.md F1). */
const OUTAGE_MS = 5 * 60_000;
/** The whole scenario, outage included, must finish within this. */
const SCENARIO_MS = 8 * 60_000;
const DEVICES = 50;
const RATE_PER_DEVICE = 5;
/** Publishing goes on this long after influxd is back, while the backlog drains. */
const AFTER_RECOVERY_MS = 15_000;
const PREFIX = 'f1-';

describe('F1: InfluxDB down for 5 minutes under load', () => {
  let influx: InfluxServer;
  let mosquitto: MosquittoServer;
  let ingest: InProcessIngest;
  let fleet: TelemetryFleetPublisher;
  let spoolDir: string;

  beforeAll(async () => {
    spoolDir = mkdtempSync(join(tmpdir(), 'hg-f1-spool-'));
    [influx, mosquitto] = await Promise.all([
      startInfluxDb(),
      startMosquitto({ config: MOSQUITTO_FOR_INGEST }),
    ]);
    // As the platform runs it: 5,000 samples per write, 200 ms flush, 20,000 unacknowledged, and
    // a write-ahead spool that takes the batches InfluxDB refuses.
    ingest = await startInProcessIngest({
      mqttUrl: mosquitto.url,
      influx,
      spool: { dir: spoolDir },
    });
    await waitFor(
      () => subscriptionsLogged(mosquitto.dir, /^svc-ingest$/, 'devices/+/telemetry') > 0,
      {
        what: 'the ingest subscription at the broker',
      },
    );
    fleet = await TelemetryFleetPublisher.connect({
      url: mosquitto.url,
      prefix: PREFIX,
      devices: DEVICES,
      ratePerDevice: RATE_PER_DEVICE,
    });
  }, 120_000);

  afterAll(async () => {
    await fleet?.close();
    await ingest?.stop().catch(() => undefined);
    await Promise.all([influx?.stop(), mosquitto?.stop()]);
    rmSync(spoolDir, { recursive: true, force: true });
  }, 60_000);

  it(
    'loses no point, shows the backlog (spool gauge) while InfluxDB is down, and drains it after recovery',
    async () => {
      const begin = Date.now();
      const sampler = new MetricSampler(
        async () => ({
          spool: await ingest.metric('hg_ingest_spool_samples'),
          backlog: await ingest.metric('hg_ingest_backlog_samples'),
          unacked: ingest.subscriber.unackedCount,
          retries: await ingest.metric('hg_ingest_write_retries_total'),
        }),
        1_000,
      );
      sampler.start();
      fleet.start();
      const stored = async () => totalPoints(await storedPoints((q) => influx.query(q), PREFIX));
      await waitFor(async () => (await stored()) >= DEVICES * 10, {
        timeoutMs: 30_000,
        what: 'telemetry flowing into InfluxDB before the outage',
      });

      await influx.kill();
      const killedAt = Date.now();
      const publishedAtKill = fleet.total;
      await waitFor(async () => (await ingest.metric('hg_ingest_spool_samples')) >= 1_000, {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: 'the spool backlog metric to rise during the outage',
      });
      await delay(OUTAGE_MS - (Date.now() - killedAt)); // the outage itself, not a synchronisation
      await influx.restart();
      const restartedAt = Date.now();
      const publishedInOutage = fleet.total - publishedAtKill;

      await delay(AFTER_RECOVERY_MS); // devices keep publishing while the backlog drains
      await fleet.stop();
      await waitFor(async () => (await stored()) >= fleet.total, {
        timeoutMs: SCENARIO_MS - (Date.now() - begin) - 20_000,
        intervalMs: 1_000,
        what: `all ${fleet.total} published points in InfluxDB`,
      });
      const drainedAt = Date.now();
      await ingest.service.flush();
      await sampler.stop();

      const figures = {
        published: fleet.total,
        publishedInOutage,
        stored: await stored(),
        spoolPeak: sampler.peak('spool', killedAt, restartedAt),
        backlogPeak: sampler.peak('backlog', killedAt, restartedAt),
        unackedPeak: sampler.peak('unacked', killedAt, restartedAt),
        retriesCounted: sampler.last?.retries,
        spoolEmptyAfterRestartMs:
          (sampler.samples.find((x) => x.at >= restartedAt && x.spool === 0)?.at ?? NaN) -
          restartedAt,
        allStoredAfterRestartMs: drainedAt - restartedAt,
        scenarioMs: Date.now() - begin,
      };
      console.info(`F1 figures: ${JSON.stringify(figures)}`);

      expect(fleet.errors).toEqual([]);
      expect(
        lossReport(fleet.published, await storedPoints((q) => influx.query(q), PREFIX)),
      ).toEqual([]);
      // Nothing could be stored for 5 minutes: the spool took what arrived, and its gauge showed it.
      expect(figures.spoolPeak).toBeGreaterThanOrEqual(publishedInOutage / 2);
      // ... and it drained after recovery: nothing left in the spool or in ingest, nothing unacknowledged.
      expect(await ingest.metric('hg_ingest_spool_samples')).toBe(0);
      expect(readdirSync(spoolDir).filter((name) => name.endsWith('.batch'))).toEqual([]);
      expect(await ingest.metric('hg_ingest_backlog_samples')).toBe(0);
      expect(ingest.subscriber.unackedCount).toBe(0);
      expect(figures.scenarioMs).toBeLessThan(SCENARIO_MS);
    },
    SCENARIO_MS,
  );
});
