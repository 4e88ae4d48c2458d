import { StateFiguresQuery } from '@hourglass/billing-records';
import { StateFigureFold, type FleetStateFigures } from '@hourglass/maintenance-kpis';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE, tenantScope, type Scope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { BillingStateSpanSource } from './kpi.adapters';

const MIN_US = 60_000_000;
const TIMEOUT_US = 15 * MIN_US;
const FROM_US = Date.parse('2026-03-02T00:00:00Z') * 1000;
const TO_US = FROM_US + 36 * 60 * MIN_US;
const NOW_US = TO_US + 60 * MIN_US;
const STATES = [
  'RUN',
  'RUN',
  'RUN',
  'FAULT',
  'FAULT',
  'STANDBY',
  'CUSTOMER_STOP',
  'UNKNOWN',
  'OFF',
];
/** Assets that never fail: their time is summed in SQL. */
const HEALTHY = STATES.filter((s) => s !== 'FAULT');
/** Assets that fail now and then, never reporting FAULT twice in a row. */
const RARE = [...Array(12).fill('RUN'), 'STANDBY', 'FAULT'];
/** Assets never up: FAULT without failures. */
const BROKEN = ['FAULT', 'FAULT', 'UNKNOWN'];
const KINDS = ['STATE', 'STATE', 'HEARTBEAT', 'HEARTBEAT', 'HOUR_METER'] as const;

/** A deterministic generator (xorshift), so a failure names the same data every run. */
function generator(seed: number) {
  let s = seed * 2_654_435_761 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
  return { next, pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] };
}

interface Row {
  asset: string;
  tenant: string;
  atUs: number;
  kind: string;
  state: string | null;
  seq: number | null;
  receivedUs: number;
}

/**
 * One asset's log (healthy, failing now and then, often, or never up; every fifth reporting
 * rarely): messages from up to two hours before the period to after it, mostly within the heartbeat
 * timeout and now and then beyond it, some exactly on the period's edges, at sub-millisecond
 * instants; two kinds at one instant with either seq first; hour-meter readings (no state); and a
 * few events received after the cutoff (not read).
 */
function randomLog(asset: string, tenant: string, seed: number): Row[] {
  const r = generator(seed);
  const states = [HEALTHY, RARE, STATES, BROKEN][seed % 4];
  let last: string | null = null;
  const rows = new Map<string, Row>();
  const add = (atUs: number, kind: string, seq: number | null) => {
    let state = kind === 'HOUR_METER' ? null : r.pick(states);
    if (states === RARE && state === 'FAULT' && last === 'FAULT') state = 'RUN';
    last = state ?? last;
    const late = r.next() < 0.03;
    rows.set(`${atUs} ${kind}`, {
      ...{ asset, tenant, atUs, kind, state, seq },
      receivedUs: late ? NOW_US + MIN_US : FROM_US - 180 * MIN_US,
    });
  };
  let at = FROM_US - Math.floor(r.next() * 120 * MIN_US);
  // Some assets report only rarely: their carry-in times out, their faults follow unknown time.
  const quiet = seed % 5 === 1;
  while (at < TO_US + 30 * MIN_US) {
    const kind = r.pick(KINDS);
    add(at, kind, null);
    if (r.next() < 0.08) {
      const [first, second] = r.next() < 0.5 ? [1, 2] : [2, 1];
      add(at, kind === 'STATE' ? 'HEARTBEAT' : 'STATE', first);
      add(at, kind, second);
    }
    const gap =
      quiet || r.next() < 0.08 ? TIMEOUT_US * (1 + r.next() * 3) : r.next() * TIMEOUT_US * 0.9;
    const next = at + Math.max(1, Math.floor(gap));
    at = at < FROM_US && next >= FROM_US && r.next() < 0.3 ? FROM_US : next;
    if (at < TO_US && at + gap >= TO_US && r.next() < 0.3) at = TO_US;
  }
  return [...rows.values()];
}

const TENANTS = ['t1', 't2'];
const TYPES = ['turbofan', 'pump', 'press'];
const ASSETS = Array.from({ length: 90 }, (_, i) => ({
  id: `k-${String(i).padStart(2, '0')}`,
  tenant: TENANTS[i % 2],
  type: TYPES[i % 3],
}));

async function seed(db: SqlDatabase): Promise<void> {
  for (const t of TENANTS) await db.query(`insert into tenants (id, name) values ($1, $1)`, [t]);
  const cols = [ASSETS.map((a) => a.id), ASSETS.map((a) => a.tenant), ASSETS.map((a) => a.type)];
  await db.query(
    `insert into devices (id, tenant_id, type, username, password_hash)
     select id, t, ty, id, 'x' from unnest($1::text[], $2::text[], $3::text[]) as x(id, t, ty)`,
    cols,
  );
  await db.query(
    `insert into assets (id, tenant_id, device_id, type)
     select id, t, id, ty from unnest($1::text[], $2::text[], $3::text[]) as x(id, t, ty)`,
    cols,
  );
  // k-88 fails at an instant it also reports UNKNOWN at (RUN, then UNKNOWN and FAULT at once);
  // k-89 has no events at all.
  const rows = ASSETS.slice(0, 88).flatMap((a, i) => randomLog(a.id, a.tenant, i + 1));
  const k88 = { asset: 'k-88', tenant: ASSETS[88].tenant, receivedUs: FROM_US };
  rows.push(
    { ...k88, atUs: FROM_US + 10 * MIN_US, kind: 'STATE', state: 'RUN', seq: null },
    { ...k88, atUs: FROM_US + 20 * MIN_US, kind: 'HEARTBEAT', state: 'UNKNOWN', seq: 1 },
    { ...k88, atUs: FROM_US + 20 * MIN_US, kind: 'STATE', state: 'FAULT', seq: 2 },
    { ...k88, atUs: FROM_US + 30 * MIN_US, kind: 'STATE', state: 'RUN', seq: null },
  );
  const us = (column: string) => `timestamptz 'epoch' + ${column} * interval '1 microsecond'`;
  await db.query(
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state, seq, received_at, meter_hours)
     select a, t, ${us('o')}, k, s, q, ${us('r')}, case when k = 'HOUR_METER' then o / 3.6e9 end
     from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
       as x(a, t, o, k, s, q, r)`,
    [
      rows.map((r) => r.asset),
      rows.map((r) => r.tenant),
      rows.map((r) => r.atUs),
      rows.map((r) => r.kind),
      rows.map((r) => r.state),
      rows.map((r) => r.seq),
      rows.map((r) => r.receivedUs),
    ] as unknown as string[],
  );
  // Corrections: one replacing a stored STATE event in the period, one added, one received late.
  const [stored] = await db.query<{ at: string }>(
    `select (extract(epoch from observed_at) * 1000000)::bigint::text as at from state_events
     where asset_id = 'k-03' and kind = 'STATE' and observed_at >= ${us('$1::bigint')}
     order by observed_at limit 1`,
    [FROM_US + 300 * MIN_US] as unknown as string[],
  );
  await db.query(
    `insert into billing_corrections (id, asset_id, tenant_id, supersedes, observed_at, state, reason, author, received_at)
     values ('c-1', 'k-03', 't2', $1, ${us('$2::bigint')}, 'FAULT', 'spec', 'spec', ${us('$5::bigint')}),
            ('c-2', 'k-06', 't1', 'none', ${us('$3::bigint')}, 'RUN', 'spec', 'spec', ${us('$5::bigint')}),
            ('c-3', 'k-09', 't2', 'none', ${us('$4::bigint')}, 'FAULT', 'spec', 'spec', ${us('$6::bigint')})`,
    [
      `STATE@${stored.at}`,
      stored.at,
      FROM_US + 400 * MIN_US,
      FROM_US + 500 * MIN_US,
      FROM_US,
      NOW_US + MIN_US,
    ] as unknown as string[],
  );
}

/**
 * The figures equal, the sums of time to 1e-9 of their size: SQL adds exact microseconds, the fold
 * adds fractional milliseconds as floats, interval by interval (1.1e-12 apart seen here).
 */
function expectSame(actual: FleetStateFigures, expected: FleetStateFigures): void {
  const close = (a: number, e: number) => expect(Math.abs(a - e)).toBeLessThanOrEqual(1e-9 * e);
  expect(actual.state.failures).toBe(expected.state.failures);
  expect(actual.state.downtimesHours).toEqual(expected.state.downtimesHours);
  close(actual.state.uptimeHours, expected.state.uptimeHours);
  close(actual.state.requiredHours, expected.state.requiredHours);
  expect([...actual.operatingByType.keys()].sort()).toEqual(
    [...expected.operatingByType.keys()].sort(),
  );
  for (const [type, ms] of expected.operatingByType) close(actual.operatingByType.get(type)!, ms);
}

/**
 * The KPI route's state figures computed in SQL (`StateFiguresQuery`, the failing assets folded from
 * their intervals, the corrected ones through billing's engine) against every asset's engine
 * timeline folded in JavaScript, on random logs, in every scope, for a type and for all.
 */
forEachSqlBackend('KPI state figures in SQL against the engine timeline', (db) => {
  beforeAll(() => seed(db()), 120_000);

  const period = { from: FROM_US / 1000, to: TO_US / 1000 };
  it.each([
    ['the provider, every type', PROVIDER_SCOPE, undefined],
    ['the provider, pumps', PROVIDER_SCOPE, 'pump'],
    ['tenant t1, every type', tenantScope('t1'), undefined],
    ['tenant t2, turbofans', tenantScope('t2'), 'turbofan'],
  ] as Array<[string, Scope, string | undefined]>)(
    'gives the engine’s figures for %s',
    async (_, scope, type) => {
      const sut = new BillingStateSpanSource(db(), () => NOW_US / 1000);
      const expected = await sut.figuresFromEvents(scope, period, type);
      expectSame(await sut.figures(scope, period, type), expected);
      expect(expected.state.failures).toBeGreaterThan(5);
      expect(expected.state.downtimesHours.length).toBeGreaterThan(3);
    },
  );

  it('sums in SQL only assets without failures, the others folded or left to the engine', async () => {
    const types = new Map(ASSETS.map((a) => [a.id, a.type]));
    // Each asset's failures in the engine's timeline, folded alone.
    const { spans } = await new BillingStateSpanSource(db(), () => NOW_US / 1000).spans(
      PROVIDER_SCOPE,
      period,
    );
    const failed = new Set<string>();
    for (const [i, span] of spans.entries()) {
      if (i === 0 || spans[i - 1].assetId !== span.assetId) {
        const fold = new StateFigureFold(period);
        fold.startAsset(undefined);
        for (const s of spans.filter((x) => x.assetId === span.assetId))
          fold.span(s.state, s.start, s.end);
        if (fold.result().state.failures > 0) failed.add(span.assetId);
      }
    }
    const found = await new StateFiguresQuery(db()).figures(
      PROVIDER_SCOPE,
      types,
      FROM_US,
      TO_US,
      NOW_US,
      TIMEOUT_US,
    );
    expect(found.engine).toEqual(expect.arrayContaining(['k-03', 'k-06']));
    expect(found.engine).not.toContain('k-09');
    expect(found.engine.length).toBeGreaterThan(2);
    expect(found.failing.size).toBeGreaterThan(5);
    // Every asset with a failure is folded (or left to the engine); at least 20 are summed in SQL.
    const summed = ASSETS.filter((a) => !found.failing.has(a.id) && !found.engine.includes(a.id));
    expect(summed.filter((a) => failed.has(a.id))).toEqual([]);
    expect(summed.length).toBeGreaterThan(20);
    expect(failed.size).toBeGreaterThan(20);
    expect([...found.byType.keys()].sort()).toEqual(['press', 'pump', 'turbofan']);
  });
});
