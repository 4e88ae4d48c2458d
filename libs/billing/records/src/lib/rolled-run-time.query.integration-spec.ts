import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE, tenantScope, type Scope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { RolledRunTimeQuery } from './rolled-run-time.query';
import { RunDayRepository } from './run-day.repository';
import { RunDayRollupJob } from './run-day.rollup';
import {
  D0,
  DAY,
  MIN,
  TIMEOUT_US,
  randomDays,
  storeAssets,
  storeCorrection,
  storeEvents,
} from './run-day.fixture';
import { RunTimeQuery, type MicrosWindow } from './run-time.query';

const H = Array.from({ length: 24 }, (_, i) => `h-${String(i).padStart(2, '0')}`);
const G = ['g-00', 'g-01'];
const HOUR = 60 * MIN;
// A millisecond ahead: an event stored within the current millisecond is read too (receipts are µs).
const cutoffNow = () => (Date.now() + 1) * 1000;
const w = (fromMs: number, toMs: number): MicrosWindow => ({
  fromUs: fromMs * 1000,
  toUs: toMs * 1000,
});
/** Windows as success asks them and more: mid-day starts, on midnight, across the unrolled days. */
const WINDOWS = [
  w(D0 + 5 * HOUR + 17 * MIN, D0 + 3 * DAY + 2 * HOUR),
  w(D0 + 3 * DAY + 2 * HOUR, Date.now()),
  w(D0 + DAY, D0 + 4 * DAY),
  // A tenant at UTC+05:30 asking for its local days.
  w(D0 + DAY - 5.5 * HOUR, D0 + 3 * DAY - 5.5 * HOUR),
  w(D0 + 2 * DAY + 7 * HOUR, D0 + 2 * DAY + 9 * HOUR),
];

/**
 * RUN time read from the day rollup plus the walked edges gives exactly what `RunTimeQuery` alone
 * gives, for every asset and window: before and after late events, and after the job re-rolls.
 */
forEachSqlBackend(RolledRunTimeQuery.name, (db: () => SqlDatabase) => {
  const all = [...H, ...G, 'h-none'];
  const compare = async (scope: Scope) => {
    const cutoff = cutoffNow();
    const raw = await new RunTimeQuery(db()).runInWindows(scope, all, WINDOWS, cutoff, TIMEOUT_US);
    const sut = await new RolledRunTimeQuery(db()).runInWindows(
      scope,
      all,
      WINDOWS,
      cutoff,
      TIMEOUT_US,
    );
    expect(Object.fromEntries([...sut.runUs].sort())).toEqual(
      Object.fromEntries([...raw.runUs].sort()),
    );
    expect([...sut.corrected].sort()).toEqual([...raw.corrected].sort());
    return raw;
  };
  const served = async () =>
    new RunDayRepository(db()).rolled(
      PROVIDER_SCOPE,
      all,
      WINDOWS.map((x) => ({
        firstDay: Math.ceil(x.fromUs / (DAY * 1000)),
        lastDay: Math.floor(x.toUs / (DAY * 1000)) - 1,
      })),
      cutoffNow(),
      TIMEOUT_US,
    );
  const job = () => new RunDayRollupJob(db(), { graceMs: 0, marginMs: 0, lookbackDays: 10 });

  beforeAll(async () => {
    await storeAssets(db(), 'h', [...H, 'h-none']);
    await storeAssets(db(), 'g', G);
    await storeEvents(
      db(),
      'h',
      H.flatMap((id, i) => randomDays(id, i + 1)),
    );
    await storeEvents(
      db(),
      'g',
      G.flatMap((id, i) => randomDays(id, 100 + i)),
    );
    await storeCorrection(db(), 'h', 'h-03', D0 + 2 * DAY + 3 * HOUR);
    expect(await job().roll()).toBeGreaterThan(0);
  }, 120_000);

  it.each([
    ['the provider', PROVIDER_SCOPE],
    ['tenant h', tenantScope('h')],
  ] as Array<[string, Scope]>)('gives RunTimeQuery’s figures for %s', async (_, scope) => {
    const raw = await compare(scope);
    // The data reaches the cases: RUN in every window, a corrected asset, rolled days served.
    for (let j = 0; j < WINDOWS.length; j++)
      expect([...raw.runUs.values()].filter((us) => us[j] > 0).length).toBeGreaterThan(10);
    expect(raw.corrected).toEqual(['h-03']);
    expect((await served()).length).toBeGreaterThan(H.length);
  });

  it('gives the same figures after late events, and after the job rolls their days again', async () => {
    // Late events on rolled days: a RUN in the middle of a day, a STANDBY just before a midnight.
    await storeEvents(db(), 'h', [
      {
        assetId: 'h-05',
        observedAtMs: D0 + DAY + 11 * HOUR + 7 * MIN,
        kind: 'STATE',
        state: 'RUN',
        meterHours: null,
        seq: null,
      },
      {
        assetId: 'h-06',
        observedAtMs: D0 + 2 * DAY - 3 * MIN,
        kind: 'STATE',
        state: 'STANDBY',
        meterHours: null,
        seq: null,
      },
    ]);
    const stale = (await served()).filter((s) => s.assetId === 'h-05' || s.assetId === 'h-06');
    expect(stale).toEqual([]);
    await compare(PROVIDER_SCOPE);
    expect(await job().roll()).toBeGreaterThan(0);
    const again = (await served()).filter((s) => s.assetId === 'h-05' || s.assetId === 'h-06');
    expect(again.length).toBeGreaterThan(0);
    await compare(PROVIDER_SCOPE);
    await compare(tenantScope('h'));
  });
});
