import { monthPeriod, periodContaining } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import type { TelemetrySample } from '@hourglass/telemetry-schema';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { shiftPeriodId } from './billing-lifecycle';
import { BillingEventRecorder } from './billing-event.recorder';
import { BillingRunService } from './billing-run.service';
import { seedContract } from './billing-runs.fixture';
import { BillingStores } from './billing-stores';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

// Ingest stamps received_at with the database clock, so the period lies in the past of the real one.
const PERIOD = monthPeriod('UTC', shiftPeriodId(periodContaining('UTC', Date.now()).id, -4));
const START = PERIOD.startUs / 1000;
const METER_TERMS = { hoursBasis: 'METER' as const, maxUnknownFraction: '1', lookbackPeriods: 120 };

/** One sample a minute from `from`, running, with the hour meter at `meter(i)` for the i-th. */
function samples(
  deviceId: string,
  from: number,
  count: number,
  meter: (i: number) => number,
): TelemetrySample[] {
  return Array.from({ length: count }, (_, i) => ({
    deviceId,
    ts: from + i * MIN,
    state: 'RUN',
    metrics: { hour_meter_h: meter(i), egt: 600 },
  }));
}

async function meterRows(db: SqlDatabase, assetId: string): Promise<Array<[number, number]>> {
  const rows = await db.query<{ at: Date; meter_hours: number; state: string | null }>(
    `select observed_at as at, meter_hours, state from state_events where asset_id = $1 and kind = 'HOUR_METER' order by observed_at`,
    [assetId],
  );
  for (const r of rows) expect(r.state).toBeNull();
  return rows.map((r) => [(new Date(r.at).getTime() - START) / MIN, Number(r.meter_hours)]);
}

forEachSqlBackend('hour-meter billing', (db) => {
  const rate = (contractId: string) =>
    new BillingRunService(db(), new BillingStores(db())).rate(
      PROVIDER_SCOPE,
      contractId,
      PERIOD.id,
      { nowMs: Date.now() + MIN },
    );

  it('stores meter telemetry from the billing event recorder as HOUR_METER events and bills the meter hours on the METER basis', async () => {
    const { contractId, assetId } = await seedContract(db(), 'meter', METER_TERMS);
    const ingest = new BillingEventRecorder(db());
    const day = START + DAY;
    const all = samples(assetId, day, 360, (i) => 1000 + i / 60);
    // In three batches, as ingest writes them.
    for (let i = 0; i < all.length; i += 120) await ingest.onDurable(all.slice(i, i + 120));
    const rows = await meterRows(db(), assetId);
    // A reading every 5 minutes while the meter moves, not one per sample.
    expect(rows).toHaveLength(72);
    expect(rows[0]).toEqual([24 * 60, 1000]);
    expect(rows.at(-1)).toEqual([24 * 60 + 355, 1000 + 355 / 60]);

    const { run } = await rate(contractId);
    // Meter: 355 min between the first and the last reading = 5.92 h -> 5.9 h. State telemetry would
    // give 359 min plus the heartbeat timeout (1 h) of RUN.
    expect(run).toMatchObject({ status: 'FINALIZED', billableHours: '5.9', total: '590.00' });
    expect(run.figures.seconds.RUN).toBe(String(359 * 60 + 3600));
    expect(run.review.reasons).toEqual([]);
  });

  it('counts the hours on both sides of a meter reset and none across it', async () => {
    const { contractId, assetId } = await seedContract(db(), 'reset', METER_TERMS);
    const ingest = new BillingEventRecorder(db());
    // 2000 h -> 2001 h in the first hour, then the meter is replaced and counts from 0 for two hours.
    await ingest.onDurable(
      samples(assetId, START + 2 * DAY, 181, (i) => (i <= 60 ? 2000 + i / 60 : (i - 61) / 60)),
    );
    const rows = await meterRows(db(), assetId);
    const at = (minute: number) => rows.find(([m]) => m === 2 * 24 * 60 + minute)?.[1];
    // Both sides of the reset are stored: the last reading before it and the first after it.
    expect([at(60), at(61)]).toEqual([2001, 0]);
    const { run } = await rate(contractId);
    // 1 h before the reset + 115 min after it (the last stored reading is at minute 176) = 2.92 h.
    expect(run).toMatchObject({ billableHours: '2.9', total: '290.00' });
    expect(run.review.reasons).toEqual([]);
  });

  it('reads the meter from the configured metric, in samples without a state too, and from none when switched off', async () => {
    const { assetId } = await seedContract(db(), 'custom', METER_TERMS);
    const from = START + 4 * DAY;
    const meterOnly = (metric: string, i: number): TelemetrySample => ({
      deviceId: assetId,
      ts: from + i * MIN,
      metrics: { [metric]: 7 + i },
    });
    await new BillingEventRecorder(db(), { meterMetric: 'engine_hours' }).onDurable([
      meterOnly('engine_hours', 0),
      meterOnly('hour_meter_h', 1),
    ]);
    await new BillingEventRecorder(db(), { meterMetric: null }).onDurable([
      meterOnly('hour_meter_h', 2),
    ]);
    expect(await meterRows(db(), assetId)).toEqual([[4 * 24 * 60, 7]]);
  });

  it('credits RUN time in an unknown gap from the meter readings ingest stored around it', async () => {
    const { contractId, assetId } = await seedContract(db(), 'gap', {
      maxUnknownFraction: '1',
      lookbackPeriods: 120,
    });
    const ingest = new BillingEventRecorder(db());
    const from = START + 3 * DAY;
    // Running for 30 min, silent for 4 h (3 h past the 1 h heartbeat timeout), running again for 30 min:
    // the meter says it ran 1.5 h between the readings around the silence.
    await ingest.onDurable(samples(assetId, from, 31, (i) => 500 + i / 60));
    await ingest.onDurable(samples(assetId, from + 270 * MIN, 31, (i) => 502 + i / 60));
    const { run } = await rate(contractId);
    // State: twice 30 min + twice the 1 h heartbeat timeout = 3 h of RUN. The meter's 1.5 h include the
    // first timeout's hour, already RUN by state, so the 3 h unknown gap is credited the other 0.5 h.
    expect(Number(run.figures.seconds.RUN)).toBe(3 * 3600 + 0.5 * 3600);
    expect(Number(run.figures.seconds.UNKNOWN)).toBe(
      (PERIOD.endUs - PERIOD.startUs) / 1e6 - 3.5 * 3600,
    );
    expect(run.billableHours).toBe('3.5');
    expect(run.review.reasons).toEqual([]);
  });
});
