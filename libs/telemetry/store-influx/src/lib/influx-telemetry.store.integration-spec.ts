import { startInfluxDb, type InfluxServer } from '@hourglass/testing-services';
import { TelemetryStoreError } from '@hourglass/telemetry-store';
import { InfluxTelemetryStore } from './influx-telemetry.store';

describe(InfluxTelemetryStore.name, () => {
  let influx: InfluxServer;
  let sut: InfluxTelemetryStore;
  const t0 = Date.now() - 60_000;

  beforeAll(async () => {
    influx = await startInfluxDb();
    sut = new InfluxTelemetryStore({
      url: influx.url,
      token: influx.token,
      org: influx.org,
      bucket: influx.bucket,
    });
  }, 120_000);

  afterAll(async () => {
    await influx?.stop();
  });

  it('writes samples that InfluxDB itself stores and InfluxQL reads back, oldest first', async () => {
    await sut.write([
      { deviceId: 'e-1', ts: t0, seq: 1, metrics: { s2: 642.5, s3: 1589.7 }, state: 'RUN' },
      { deviceId: 'e-1', ts: t0 + 1000, seq: 2, metrics: { s2: 642.1, s3: 1590 }, state: 'RUN' },
      { deviceId: 'e-2', ts: t0, seq: 1, metrics: { s2: 1 } },
    ]);
    const rows = await influx.query(`select count("s2") from "telemetry" where "device" = 'e-1'`);
    expect(rows[0]?.count).toBe(2);
    expect(await sut.query('e-1', { from: t0, to: t0 + 2000 })).toEqual([
      { ts: t0, seq: 1, state: 'RUN', metrics: { s2: 642.5, s3: 1589.7 } },
      { ts: t0 + 1000, seq: 2, state: 'RUN', metrics: { s2: 642.1, s3: 1590 } },
    ]);
  });

  it('overwrites a redelivered sample instead of duplicating it', async () => {
    const sample = { deviceId: 'e-3', ts: t0, seq: 7, metrics: { s2: 3.25 } };
    await sut.write([sample]);
    await sut.write([sample]);
    expect(await sut.query('e-3', { from: t0 - 1, to: t0 + 1 })).toEqual([
      { ts: t0, seq: 7, metrics: { s2: 3.25 } },
    ]);
  });

  it('returns the newest rows when asked for a limited tail, still oldest first', async () => {
    await sut.write(
      Array.from({ length: 10 }, (_, i) => ({
        deviceId: 'e-4',
        ts: t0 + i,
        metrics: { cycle: i + 1 },
      })),
    );
    const rows = await sut.query('e-4', {
      from: 0,
      to: Date.now(),
      limit: 3,
      newest: true,
      metrics: ['cycle'],
    });
    expect(rows.map((r) => r.metrics['cycle'])).toEqual([8, 9, 10]);
  });

  it('reports an outage as a retryable error, then writes again after recovery', async () => {
    await influx.kill();
    const error = await sut
      .write([{ deviceId: 'e-5', ts: t0, metrics: { s2: 1 } }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelemetryStoreError);
    expect((error as TelemetryStoreError).retryable).toBe(true);
    await expect(sut.ping()).rejects.toBeInstanceOf(TelemetryStoreError);
    await influx.restart();
    await sut.write([{ deviceId: 'e-5', ts: t0, metrics: { s2: 1 } }]);
    expect(await sut.query('e-5', { from: t0, to: t0 + 1 })).toHaveLength(1);
  });

  it('reports a batch the server can never take as not retryable', async () => {
    // Writing to a database that does not exist: InfluxDB answers 404, which no retry can fix.
    const bad = new InfluxTelemetryStore({
      url: influx.url,
      token: influx.token,
      org: influx.org,
      bucket: 'nosuchdb/autogen',
    });
    const error = await bad
      .write([{ deviceId: 'e-6', ts: t0, metrics: { s2: 1 } }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelemetryStoreError);
    expect((error as TelemetryStoreError).retryable).toBe(false);
  });
});
