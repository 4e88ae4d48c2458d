import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import {
  D0,
  DAY,
  MIN,
  TEST_NOW,
  TIMEOUT_US,
  randomDays,
  storeAssets,
  storeEvents,
} from './run-day.fixture';
import { RunDayRollupJob } from './run-day.rollup';
import { RunTimeQuery } from './run-time.query';
import type { NewStateEvent } from './state-event.repository';

const FIRST_DAY = D0 / DAY;
/** RUN heartbeats every 10 minutes from D0 on: every closed day is RUN all day. */
const steady: NewStateEvent[] = Array.from({ length: 6 * 144 }, (_, i) => ({
  assetId: 'steady',
  observedAtMs: D0 + i * 10 * MIN,
  kind: 'HEARTBEAT',
  state: 'RUN',
  meterHours: null,
  seq: null,
}));

interface Row {
  asset_id: string;
  day: number;
  run_us: string;
  cum_run_us: string;
  computed_through: string;
}

/** The job fills every closed day once, computes again only what a late event changes, exactly. */
forEachSqlBackend(RunDayRollupJob.name, (db: () => SqlDatabase) => {
  const sut = () =>
    new RunDayRollupJob(db(), {
      graceMs: 0,
      marginMs: 0,
      lookbackDays: 6,
      pageAssets: 2,
      now: TEST_NOW,
      analyzeAfterRows: 10,
    });
  const rows = () =>
    db().query<Row>(
      `select asset_id, day - date '1970-01-01' as day, run_us, cum_run_us, computed_through::text
       from state_event_run_days order by asset_id, day`,
    );
  let toDay = 0;
  /** The planner's row estimate: -1 until the table is first analysed (PostgreSQL 14 on). */
  const estimatedRows = async () =>
    Number(
      (
        await db().query<{ n: number }>(
          `select reltuples as n from pg_class where relname = 'state_event_run_days'`,
        )
      )[0].n,
    );

  beforeAll(async () => {
    await storeAssets(db(), 'h', ['r-1', 'r-2', 'steady']);
    await storeEvents(db(), 'h', [...randomDays('r-1', 7), ...randomDays('r-2', 8), ...steady]);
  }, 60_000);

  it('rolls up every closed day as RunTimeQuery gives it, once', async () => {
    expect(await estimatedRows()).toBe(-1);
    const written = await sut().roll();
    const stored = await rows();
    // More rows than analyzeAfterRows: the pass analysed the table.
    expect(await estimatedRows()).toBe(stored.length);
    toDay = Math.max(...stored.map((r) => Number(r.day))) + 1;
    expect(toDay).toBe(FIRST_DAY + 6);
    expect(written).toBe(3 * 6);
    expect(stored.length).toBe(written);
    for (const id of ['r-1', 'r-2', 'steady']) {
      const own = stored.filter((r) => r.asset_id === id);
      const days = own.map((r) => Number(r.day));
      const raw = await new RunTimeQuery(db()).runInWindows(
        PROVIDER_SCOPE,
        [id],
        days.map((d) => ({ fromUs: d * DAY * 1000, toUs: (d + 1) * DAY * 1000 })),
        Date.now() * 1000,
        TIMEOUT_US,
      );
      expect(own.map((r) => Number(r.run_us))).toEqual(raw.runUs.get(id));
      let cum = 0;
      expect(own.map((r) => Number(r.cum_run_us))).toEqual(
        own.map((r) => (cum += Number(r.run_us))),
      );
    }
    expect(
      stored
        .filter((r) => r.asset_id === 'steady' && Number(r.day) > FIRST_DAY)
        .map((r) => Number(r.run_us)),
    ).toEqual(Array.from({ length: toDay - FIRST_DAY - 1 }, () => DAY * 1000));
    // Idempotent: nothing new, nothing written, nothing changed.
    expect(await sut().roll()).toBe(0);
    expect(await rows()).toEqual(stored);
  });

  it('rolls up again the day of a late event and the days after it, and only those', async () => {
    const before = await rows();
    const lateDay = FIRST_DAY + 2;
    await storeEvents(db(), 'h', [
      {
        assetId: 'steady',
        observedAtMs: lateDay * DAY + 12 * 60 * MIN + 5 * MIN,
        kind: 'STATE',
        state: 'FAULT',
        meterHours: null,
        seq: null,
      },
    ]);
    expect(await sut().roll()).toBe(toDay - lateDay);
    const after = await rows();
    const changed = after.filter((r, i) => r.computed_through !== before[i].computed_through);
    expect(changed.map((r) => [r.asset_id, Number(r.day)])).toEqual(
      Array.from({ length: toDay - lateDay }, (_, i) => ['steady', lateDay + i]),
    );
    const day = (d: number) =>
      after.find((r) => r.asset_id === 'steady' && Number(r.day) === d) as Row;
    // FAULT from 12:05 until the next RUN heartbeat at 12:10.
    expect(Number(day(lateDay).run_us)).toBe(DAY * 1000 - 5 * MIN * 1000);
    expect(Number(day(toDay - 1).cum_run_us)).toBe(
      Number(
        before.find((r) => r.asset_id === 'steady' && Number(r.day) === toDay - 1)?.cum_run_us,
      ) -
        5 * MIN * 1000,
    );
    expect(await sut().roll()).toBe(0);
  });
});
