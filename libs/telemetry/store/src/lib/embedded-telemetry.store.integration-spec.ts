import type { SqlDatabase } from '@hourglass/platform-sql';
import type { TelemetrySample } from '@hourglass/telemetry-schema';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { EmbeddedTelemetryStore } from './embedded-telemetry.store';
import { pickResolution } from './telemetry-resolution';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** An hour boundary, so bucket k of a series starting here is plain arithmetic. */
const T0 = Date.UTC(2026, 0, 5);

/**
 * One sample every `stepS` seconds for `seconds` from `start`; s2 is the second's index i (so a
 * minute's mean is exact in binary), s3 = 2i on even seconds only, so the two metrics have
 * different counts in every bucket.
 */
function series(deviceId: string, start: number, seconds: number, stepS = 1): TelemetrySample[] {
  const samples: TelemetrySample[] = [];
  for (let i = 0; i < seconds; i += stepS) {
    samples.push({
      deviceId,
      ts: start + i * 1000,
      seq: i,
      state: 'RUN',
      metrics: { s2: i, ...(i % 2 === 0 ? { s3: 2 * i } : {}) },
    });
  }
  return samples;
}

async function writeAll(sut: EmbeddedTelemetryStore, samples: TelemetrySample[]): Promise<void> {
  for (let i = 0; i < samples.length; i += 3_600) await sut.write(samples.slice(i, i + 3_600));
}

async function aggregate(db: SqlDatabase, table: string, deviceId: string, bucket: number) {
  const [row] = await db.query<{ counts: Record<string, number>; samples: number }>(
    `select counts, samples from ${table} where device_id = $1 and bucket = $2`,
    [deviceId, new Date(bucket)],
  );
  return row;
}

forEachSqlBackend(EmbeddedTelemetryStore.name, (db) => {
  let sut: EmbeddedTelemetryStore;

  beforeAll(async () => {
    sut = await EmbeddedTelemetryStore.open(db());
    await writeAll(sut, series('e-1', T0, 3 * 3600));
  }, 120_000);

  it('rolls 1-second data up into exact 1-minute and 1-hour means with their counts', async () => {
    const result = await sut.downsample(T0 + 3 * HOUR + 30_000);
    expect(result.rolledUp).toEqual({ '1m': 180, '1h': 3 });

    const minutes = await sut.query('e-1', { from: T0, to: T0 + 3 * HOUR, resolution: '1m' });
    expect(minutes).toHaveLength(180);
    expect(minutes[0]).toEqual({ ts: T0, metrics: { s2: 29.5, s3: 58 } });
    expect(minutes[179]).toEqual({
      ts: T0 + 179 * MINUTE,
      metrics: { s2: 179 * 60 + 29.5, s3: 2 * (179 * 60 + 29) },
    });
    expect(
      minutes.every((m, k) => m.ts === T0 + k * MINUTE && m.metrics['s2'] === 60 * k + 29.5),
    ).toBe(true);
    expect(await aggregate(db(), 'telemetry_1m', 'e-1', T0 + MINUTE)).toEqual({
      counts: { s2: 60, s3: 30 },
      samples: 60,
    });

    const hours = await sut.query('e-1', { from: T0, to: T0 + 3 * HOUR, resolution: '1h' });
    expect(hours).toEqual(
      [0, 1, 2].map((h) => ({
        ts: T0 + h * HOUR,
        metrics: { s2: 3600 * h + 1799.5, s3: 2 * (3600 * h + 1799) },
      })),
    );
    expect(await aggregate(db(), 'telemetry_1h', 'e-1', T0 + 2 * HOUR)).toEqual({
      counts: { s2: 3600, s3: 1800 },
      samples: 3600,
    });
  });

  it('leaves a bucket alone until it is complete', async () => {
    const t1 = T0 + 5 * HOUR;
    await sut.write(series('e-2', t1, 90));
    await sut.downsample(t1 + 90_000);
    expect(await sut.query('e-2', { from: t1, to: t1 + HOUR, resolution: '1m' })).toEqual([
      { ts: t1, metrics: { s2: 29.5, s3: 58 } },
    ]);
    await sut.downsample(t1 + 120_000);
    const minutes = await sut.query('e-2', { from: t1, to: t1 + HOUR, resolution: '1m' });
    expect(minutes.map((m) => m.metrics['s2'])).toEqual([29.5, (60 + 89) / 2]);
    expect(await sut.query('e-2', { from: t1, to: t1 + HOUR, resolution: '1h' })).toEqual([]);
  });

  it('never double counts: reruns and redelivered samples change nothing, a late sample recomputes its buckets', async () => {
    const now = T0 + 3 * HOUR + 30_000;
    expect((await sut.downsample(now)).rolledUp).toEqual({ '1m': 0, '1h': 0 });
    await sut.write(series('e-1', T0, 60));
    await sut.downsample(now);
    expect(await sut.query('e-1', { from: T0, to: T0 + MINUTE, resolution: '1m' })).toEqual([
      { ts: T0, metrics: { s2: 29.5, s3: 58 } },
    ]);
    expect(await aggregate(db(), 'telemetry_1h', 'e-1', T0)).toEqual({
      counts: { s2: 3600, s3: 1800 },
      samples: 3600,
    });

    await sut.write([{ deviceId: 'e-1', ts: T0 + 500, metrics: { s2: 1000 } }]);
    expect((await sut.downsample(now)).rolledUp).toEqual({ '1m': 1, '1h': 1 });
    const [minute] = await sut.query('e-1', { from: T0, to: T0 + MINUTE, resolution: '1m' });
    expect(minute.metrics).toEqual({ s2: (1770 + 1000) / 61, s3: 58 });
    const [hour] = await sut.query('e-1', { from: T0, to: T0 + HOUR, resolution: '1h' });
    expect(hour.metrics['s2']).toBeCloseTo((3599 * 1800 + 1000) / 3601, 9);
    expect(hour.metrics['s3']).toBe(2 * 1799);
    expect(await aggregate(db(), 'telemetry_1h', 'e-1', T0)).toEqual({
      counts: { s2: 3601, s3: 1800 },
      samples: 3601,
    });
  });

  it('answers a year-long range from the 1-hour means, in the shape of raw rows', async () => {
    const now = T0 + DAY;
    const from = now - 365 * DAY;
    const resolution = pickResolution(from, now, { nowMs: now, retention: sut.retention });
    expect(resolution).toBe('1h');
    const rows = await sut.query('e-1', { from, to: now, resolution, metrics: ['s3'] });
    expect(rows).toEqual(
      [0, 1, 2].map((h) => ({ ts: T0 + h * HOUR, metrics: { s3: 2 * (3600 * h + 1799) } })),
    );
    const newest = await sut.query('e-1', {
      from,
      to: now,
      resolution: '1m',
      limit: 2,
      newest: true,
      metrics: ['s2'],
    });
    expect(newest).toEqual([
      { ts: T0 + 178 * MINUTE, metrics: { s2: 178 * 60 + 29.5 } },
      { ts: T0 + 179 * MINUTE, metrics: { s2: 179 * 60 + 29.5 } },
    ]);
  });

  it('still reads raw samples by default', async () => {
    const rows = await sut.query('e-1', { from: T0 + 1000, to: T0 + 3000 });
    expect(rows).toEqual([
      { ts: T0 + 1000, seq: 1, state: 'RUN', metrics: { s2: 1 } },
      { ts: T0 + 2000, seq: 2, state: 'RUN', metrics: { s2: 2, s3: 4 } },
    ]);
  });
});
