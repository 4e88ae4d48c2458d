import { StateEventRepository } from '@hourglass/billing-records';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { openTestDatabase } from '@hourglass/testing-sql';
import { stateEventHours } from './success.adapters';

const ASSETS = 450;
// Three days back: billing counts the events received up to the clock, and they arrive now.
const T0 = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 86_400_000;
const MIN = 60_000;

/**
 * The hours port reads the assets' events in slices (200 assets a read): every asset of a fleet
 * larger than a slice gets its own hours, none is skipped or mixed with another's, on PGlite.
 */
describe('stateEventHours', () => {
  let db: SqlDatabase;
  const ids = Array.from({ length: ASSETS }, (_, i) => `h-${String(i).padStart(3, '0')}`);

  beforeAll(async () => {
    db = await openTestDatabase();
    await db.query(`insert into tenants (id, name) values ('h', 'h')`);
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash)
       select id, 'h', 'turbofan', id, 'x' from unnest($1::text[]) id`,
      [ids],
    );
    await db.query(
      `insert into assets (id, tenant_id, device_id, type) select id, 'h', id, 'turbofan' from unnest($1::text[]) id`,
      [ids],
    );
    // Asset i runs (i % 3) + 1 heartbeats 15 minutes apart, then stands by: 0.25 h per heartbeat.
    const events = ids.flatMap((assetId, i) => {
      const runs = (i % 3) + 1;
      return Array.from({ length: runs + 1 }, (_, k) => ({
        assetId,
        observedAtMs: T0 + k * 15 * MIN,
        kind: 'STATE' as const,
        state: k < runs ? 'RUN' : 'STANDBY',
        meterHours: null,
        seq: null,
      }));
    });
    await new StateEventRepository(db).insert(events, new Map(ids.map((id) => [id, 'h'])));
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it('gives the same hours for two windows from one read as one window at a time', async () => {
    // Random states and gaps around the boundary between the windows, as the health score's
    // "last 90 days against the 90 before" cuts them.
    const mid = T0 + 90 * MIN;
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const states = ['RUN', 'STANDBY', 'FAULT'];
    const mixed = ids.slice(0, 60).map((id) => `${id}-m`);
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash)
       select id, 'h', 'turbofan', id, 'x' from unnest($1::text[]) id`,
      [mixed],
    );
    await db.query(
      `insert into assets (id, tenant_id, device_id, type) select id, 'h', id, 'turbofan' from unnest($1::text[]) id`,
      [mixed],
    );
    const events = mixed.flatMap((assetId) => {
      let at = T0 - 30 * MIN + Math.floor(random() * 20 * MIN);
      const list = [];
      while (at < T0 + 200 * MIN) {
        list.push({
          assetId,
          observedAtMs: at,
          kind: 'STATE' as const,
          state: states[Math.floor(random() * 3)],
          meterHours: null,
          seq: null,
        });
        at += Math.floor(random() * 25 * MIN) + 1000;
      }
      return list;
    });
    await new StateEventRepository(db).insert(events, new Map(mixed.map((id) => [id, 'h'])));
    const sut = stateEventHours(db);
    const windows = [
      { fromMs: mid, toMs: T0 + 180 * MIN },
      { fromMs: T0, toMs: mid },
    ];
    const together = await sut.hoursInWindows?.(PROVIDER_SCOPE, mixed, windows);
    const apart = [];
    for (const w of windows) apart.push(await sut.hours(PROVIDER_SCOPE, mixed, w.fromMs, w.toMs));
    const rounded = (maps: ReadonlyArray<ReadonlyMap<string, number>> | undefined) =>
      (maps ?? []).map((m) => mixed.map((id) => Math.round((m.get(id) ?? -1) * 1e9) / 1e9));
    expect(rounded(together)).toEqual(rounded(apart));
    expect(rounded(together)[0].some((h) => h > 0)).toBe(true);
  });

  it('gives every asset its own RUN hours across the slices', async () => {
    const sut = stateEventHours(db);
    const hours = await sut.hours(PROVIDER_SCOPE, ids, T0 - MIN, T0 + 3 * 3_600_000);
    expect(hours.size).toBe(ASSETS);
    expect(ids.filter((id, i) => hours.get(id) !== ((i % 3) + 1) * 0.25)).toEqual([]);
  });
});
