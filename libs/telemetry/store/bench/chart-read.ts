/**
 * How long a 1-year chart of one device takes on the embedded store (PGlite), read raw and from
 * the 1-hour means. Raw is one sample per minute (525,600 rows; a 1 Hz device would have 60
 * times more), kept for 2 years here so there is a raw year to compare with.
 * Run: node tools/run.js libs/telemetry/store/bench/chart-read.ts [samplesPerMinute] [repeats]
 * Prints one line per figure, then one JSON object with every figure.
 */
import { openDatabase } from '@hourglass/platform-sql';
import { EmbeddedTelemetryStore } from '../src/index';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 1);
const FROM = NOW - 365 * DAY;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The periodic work after the backlog: each minute, 10 devices send 60 samples each at 1 Hz,
 * written as one batch, then `downsample` runs. Medians over `minutes` ticks.
 */
async function steadyState(
  store: EmbeddedTelemetryStore,
  minutes: number,
): Promise<{ writeBatchMs: number; tickDownsampleMs: number }> {
  const writes: number[] = [];
  const ticks: number[] = [];
  for (let m = 0; m < minutes; m++) {
    const start = NOW + m * 60_000;
    const batch = Array.from({ length: 600 }, (_, i) => ({
      deviceId: `s-${i % 10}`,
      ts: start + Math.floor(i / 10) * 1000,
      metrics: { t24: 640 + (i % 97) / 10, t50: 1400 + (i % 89) / 10, p30: 554, nf: 2388 },
    }));
    writes.push((await timed(() => store.write(batch)))[1]);
    ticks.push((await timed(() => store.downsample(start + 60_000 + 1_000)))[1]);
  }
  return {
    writeBatchMs: Math.round(median(writes) * 10) / 10,
    tickDownsampleMs: Math.round(median(ticks) * 10) / 10,
  };
}

async function main(): Promise<void> {
  const perMinute = Number(process.argv[2] ?? 1);
  const repeats = Number(process.argv[3] ?? 5);
  const db = await openDatabase({ migrations: [] });
  // Written in SQL before the store opens: fast, and it takes the path of data from before the rollup.
  await db.query(`create table telemetry (device_id text not null, ts timestamptz not null, seq bigint, state text,
    metrics jsonb not null, primary key (device_id, ts))`);
  const [, loadMs] = await timed(() =>
    db.query(
      `insert into telemetry (device_id, ts, seq, state, metrics)
       select 'e-1', $1::timestamptz + i * ($2::float8 * interval '1 second'), i, 'RUN',
         jsonb_build_object('t24', 640 + (i % 97) / 10.0, 't50', 1400 + (i % 89) / 10.0, 'p30', 554 + (i % 13) / 10.0, 'nf', 2388 + (i % 7) / 100.0)
       from generate_series(0, $3::integer - 1) i`,
      [new Date(FROM), 60 / perMinute, 365 * 1440 * perMinute],
    ),
  );
  const store = await EmbeddedTelemetryStore.open(db, { retention: { rawMs: 2 * 365 * DAY } });
  const [result, downsampleMs] = await timed(() => store.downsample(NOW));
  const raw: number[] = [];
  const hourly: number[] = [];
  let rows = { raw: 0, hourly: 0 };
  for (let i = 0; i < repeats; i++) {
    const [r, rawMs] = await timed(() =>
      store.query('e-1', { from: FROM, to: NOW, limit: 10_000_000 }),
    );
    const [h, hourMs] = await timed(() =>
      store.query('e-1', { from: FROM, to: NOW, resolution: '1h' }),
    );
    raw.push(rawMs);
    hourly.push(hourMs);
    rows = { raw: r.length, hourly: h.length };
  }
  const steady = await steadyState(store, 61);
  const figures = {
    rawRows: rows.raw,
    hourlyRows: rows.hourly,
    loadMs: Math.round(loadMs),
    firstDownsampleMs: Math.round(downsampleMs),
    minuteBuckets: result.rolledUp['1m'],
    rawReadMs: Math.round(median(raw)),
    hourlyReadMs: Math.round(median(hourly) * 10) / 10,
    ...steady,
  };
  for (const [name, value] of Object.entries(figures)) console.log(`${name}: ${value}`);
  console.log(
    JSON.stringify({
      bench: 'telemetry-chart-read',
      figures,
      ratios: { hourlyVsRaw: Math.round((median(raw) / median(hourly)) * 10) / 10 },
    }),
  );
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
