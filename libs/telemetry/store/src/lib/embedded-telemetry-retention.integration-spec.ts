import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { EmbeddedTelemetryStore } from './embedded-telemetry.store';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);

async function times(db: SqlDatabase, table: string, column: 'ts' | 'bucket'): Promise<number[]> {
  const rows = await db.query<{ t: Date }>(
    `select ${column} as t from ${table} where device_id = 'r-1' order by 1`,
  );
  return rows.map((r) => new Date(r.t).getTime());
}

forEachSqlBackend(`${EmbeddedTelemetryStore.name} retention`, (db) => {
  let sut: EmbeddedTelemetryStore;

  it('rolls up samples stored before the rollup tables existed', async () => {
    // As the store before this version created it, with three hours of one sample every 10 s.
    await db().query(`create table telemetry (
      device_id text not null, ts timestamptz not null, seq bigint, state text,
      metrics jsonb not null, primary key (device_id, ts))`);
    await db().query(
      `insert into telemetry (device_id, ts, metrics)
       select 'r-1', $1::timestamptz + i * interval '10 seconds', jsonb_build_object('s2', i) from generate_series(0, 1079) i`,
      [new Date(T0)],
    );
    sut = await EmbeddedTelemetryStore.open(db(), {
      retention: { rawMs: HOUR, oneMinuteMs: 2 * HOUR, oneHourMs: DAY },
    });
    const result = await sut.downsample(T0 + 3 * HOUR);
    expect(result.rolledUp).toEqual({ '1m': 180, '1h': 3 });
    // Raw samples before T0 + 2 h and minutes before T0 + 1 h are past retention already.
    expect(result.deleted).toEqual({ raw: 720, '1m': 60, '1h': 0 });
    // Hour h holds i = 360h .. 360h + 359.
    const hours = await sut.query('r-1', { from: T0, to: T0 + DAY, resolution: '1h' });
    expect(hours.map((r) => r.metrics['s2'])).toEqual([179.5, 539.5, 899.5]);
  });

  it('deletes what is past its retention, after rolling it up', async () => {
    const now = T0 + 3 * HOUR + 30 * MINUTE;
    const result = await sut.downsample(now);
    expect(result.deleted).toEqual({ raw: 180, '1m': 30, '1h': 0 });
    const raw = await times(db(), 'telemetry', 'ts');
    expect(raw[0]).toBe(now - HOUR);
    expect(raw).toHaveLength(180);
    const minutes = await times(db(), 'telemetry_1m', 'bucket');
    expect(minutes[0]).toBe(now - 2 * HOUR);
    expect(minutes).toHaveLength(90);
    expect(await times(db(), 'telemetry_1h', 'bucket')).toEqual([T0, T0 + HOUR, T0 + 2 * HOUR]);
  });

  it('keeps the aggregate of a bucket whose raw samples are gone when a late sample arrives for it', async () => {
    await sut.write([{ deviceId: 'r-1', ts: T0 + 5_000, metrics: { s2: 1e6 } }]);
    await sut.downsample(T0 + 3 * HOUR + 30 * MINUTE);
    const [hour] = await sut.query('r-1', { from: T0, to: T0 + HOUR, resolution: '1h' });
    expect(hour.metrics).toEqual({ s2: 179.5 });
    expect(await sut.query('r-1', { from: T0, to: T0 + HOUR })).toEqual([]);
  });

  it('reads a range reaching past the raw retention from aggregates', async () => {
    expect(await sut.query('r-1', { from: T0, to: T0 + 2 * HOUR, resolution: '1m' })).toHaveLength(
      30,
    );
  });

  it('keeps everything when retention is infinite', async () => {
    const forever = await EmbeddedTelemetryStore.open(db(), {
      retention: { rawMs: Infinity, oneMinuteMs: Infinity, oneHourMs: Infinity },
    });
    const result = await forever.downsample(T0 + 100 * 365 * DAY);
    expect(result.deleted).toEqual({ raw: 0, '1m': 0, '1h': 0 });
    expect(await times(db(), 'telemetry_1h', 'bucket')).toHaveLength(3);
  });

  it('empties every resolution once all of it is past retention', async () => {
    const result = await sut.downsample(T0 + 2 * DAY);
    expect(result.deleted).toEqual({ raw: 180, '1m': 90, '1h': 3 });
    for (const table of ['telemetry', 'telemetry_1m', 'telemetry_1h', 'telemetry_rollup_pending']) {
      expect(await db().query(`select 1 from ${table}`)).toEqual([]);
    }
  });
});
