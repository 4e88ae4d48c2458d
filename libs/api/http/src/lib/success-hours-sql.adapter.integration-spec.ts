import {
  BillingCorrectionRepository,
  RunTimeQuery,
  StateEventRepository,
  type NewStateEvent,
} from '@hourglass/billing-records';
import { AssetRepository } from '@hourglass/devices-registry';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE, tenantScope, type Scope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { stateEventHours, stateEventTimelineHours } from './success.adapters';

const MIN = 60_000;
// Two days back: billing counts the events received up to the clock, and they arrive now.
const T0 = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 86_400_000;
const MID = T0 + 300 * MIN;
const END = T0 + 600 * MIN;
const TIMEOUT = 15 * MIN;
const STATES = ['RUN', 'RUN', 'RUN', 'STANDBY', 'FAULT', 'CUSTOMER_STOP', 'UNKNOWN', 'OFFLINE'];

/** A deterministic generator (Park-Miller), so a failure names the same data every run. */
function generator(seed: number) {
  let s = seed;
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
  return {
    next,
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)],
  };
}

/**
 * Random event sequences around the windows' edges: STATE events and HEARTBEATs (each with a
 * state, unknown ones among them), HOUR_METER readings (messages without a state), gaps shorter and longer than the heartbeat timeout, two
 * kinds at one instant with either seq first, events before the span (the carry-in) and after it.
 */
function randomEvents(assetId: string, seed: number): NewStateEvent[] {
  const r = generator(seed);
  const edges = [T0, MID, END];
  const events = new Map<string, NewStateEvent>();
  const add = (at: number, kind: NewStateEvent['kind'], state: string | null, seq: number | null) =>
    events.set(`${at} ${kind}`, {
      assetId,
      observedAtMs: at,
      kind,
      state: kind === 'HOUR_METER' ? null : state,
      meterHours: kind === 'HOUR_METER' ? Math.floor(at / MIN) / 60 : null,
      seq,
    });
  let at = T0 - Math.floor(r.next() * 60 * MIN);
  while (at < END + 30 * MIN) {
    const kind = r.pick(['STATE', 'STATE', 'HEARTBEAT', 'HEARTBEAT', 'HOUR_METER'] as const);
    add(at, kind, r.pick(STATES), null);
    if (r.next() < 0.1) {
      const [first, second] = r.next() < 0.5 ? [1, 2] : [2, 1];
      add(at, kind === 'STATE' ? 'HEARTBEAT' : 'STATE', r.pick(STATES), first);
      add(at, kind, r.pick(STATES), second);
    }
    // Gaps within and beyond the timeout, and now and then right onto a window's edge.
    const gap = r.next() < 0.7 ? r.next() * TIMEOUT : TIMEOUT + r.next() * 4 * TIMEOUT;
    const edge = edges.find((e) => e > at && e <= at + gap);
    at = edge !== undefined && r.next() < 0.5 ? edge : at + Math.max(1000, Math.floor(gap));
  }
  return [...events.values()];
}

async function storeFleet(db: SqlDatabase, tenant: string, ids: readonly string[]) {
  await db.query(`insert into tenants (id, name) values ($1, $1)`, [tenant]);
  await db.query(
    `insert into devices (id, tenant_id, type, username, password_hash)
     select id, $2, 'turbofan', id, 'x' from unnest($1::text[]) id`,
    [[...ids], tenant],
  );
  await db.query(
    `insert into assets (id, tenant_id, device_id, type) select id, $2, id, 'turbofan' from unnest($1::text[]) id`,
    [[...ids], tenant],
  );
}

/** Corrects the state of the first `STATE` event after `T0 + offset` to `state`. */
async function correct(db: SqlDatabase, assetId: string, offset: number, state: 'RUN' | 'FAULT') {
  const events = await new StateEventRepository(db).list(
    PROVIDER_SCOPE,
    assetId,
    T0,
    END * 1000,
    500,
  );
  const target = events.find(
    (e) => e.kind === 'STATE' && e.state !== state && e.observedAtUs >= (T0 + offset) * 1000,
  );
  if (!target) throw new Error(`no STATE event to correct on ${assetId}`);
  await new BillingCorrectionRepository(db, new AssetRepository(db)).insert(db, 'h', {
    id: `c-${assetId}`,
    assetId,
    supersedes: target.eventId,
    observedAtUs: target.observedAtUs,
    state,
    meterHours: null,
    reason: 'spec',
    author: 'spec',
    receivedAtUs: Date.now() * 1000,
  });
}

/**
 * The hours port computes RUN time in SQL (`RunTimeQuery`) and leaves the assets with corrections to
 * billing's engine: for random event sequences it gives exactly what the engine's timeline gives for
 * every asset, in each window, on both engines.
 */
forEachSqlBackend('stateEventHours in SQL against the engine timeline', (db) => {
  const ids = Array.from({ length: 60 }, (_, i) => `s-${String(i).padStart(2, '0')}`);
  const other = ['g-00', 'g-01'];
  const windows = [
    { fromMs: MID, toMs: END },
    { fromMs: T0, toMs: MID },
  ];

  beforeAll(async () => {
    await storeFleet(db(), 'h', ids);
    await storeFleet(db(), 'g', other);
    const repository = new StateEventRepository(db());
    // s-58 has events only after the span and s-59 none: neither gets hours from either path.
    const events = [...ids.slice(0, 58), ...other].flatMap((id, i) => randomEvents(id, i + 1));
    events.push(
      ...randomEvents('s-58', 99).map((e) => ({ ...e, observedAtMs: e.observedAtMs + 1e9 })),
    );
    await repository.insert(
      events,
      new Map([...ids.map((id) => [id, 'h'] as const), ...other.map((id) => [id, 'g'] as const)]),
    );
    await correct(db(), 's-00', 120 * MIN, 'RUN');
    await correct(db(), 's-01', 200 * MIN, 'FAULT');
  }, 120_000);

  const asObjects = (maps: ReadonlyArray<ReadonlyMap<string, number>> | undefined) =>
    (maps ?? []).map((m) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1))));

  it.each([
    ['the provider', PROVIDER_SCOPE],
    ['tenant h', tenantScope('h')],
  ] as Array<[string, Scope]>)('gives the engine timeline’s hours for %s', async (_, scope) => {
    const all = [...ids, ...other];
    const expected = asObjects(
      await stateEventTimelineHours(db()).hoursInWindows?.(scope, all, windows),
    );
    const sql = asObjects(await stateEventHours(db()).hoursInWindows?.(scope, all, windows));
    expect(sql).toEqual(expected);
    // The data reaches every case: RUN in both windows, assets without any, another tenant's.
    expect(Object.keys(expected[0]).length).toBe(
      scope === PROVIDER_SCOPE ? ids.length - 2 + other.length : ids.length - 2,
    );
    expect(Object.values(expected[0]).filter((h) => h > 0).length).toBeGreaterThan(40);
    expect(Object.values(expected[1]).filter((h) => h > 0).length).toBeGreaterThan(40);
  });

  it('gives one window the engine timeline’s hours, the corrected assets included', async () => {
    const [from, to] = [T0 + 47 * MIN, T0 + 413 * MIN];
    const expected = await stateEventTimelineHours(db()).hours(PROVIDER_SCOPE, ids, from, to);
    const sql = await stateEventHours(db()).hours(PROVIDER_SCOPE, ids, from, to);
    expect(asObjects([sql])).toEqual(asObjects([expected]));
    const query = await new RunTimeQuery(db()).runInWindows(
      PROVIDER_SCOPE,
      ids,
      [{ fromUs: from * 1000, toUs: to * 1000 }],
      Date.now() * 1000,
      TIMEOUT * 1000,
    );
    expect(query.corrected.sort()).toEqual(['s-00', 's-01']);
  });
});
