import { StateEventRepository } from '@hourglass/billing-records';
import { baseTimeline, normalizeEvents } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { BillingStateSpanSource } from './kpi.adapters';

const MIN = 60_000;
const FROM = Date.parse('2025-03-01T00:00:00Z');
const TO = FROM + 24 * 60 * MIN;
const NOW = TO + 60 * MIN;
const ASSETS = ['a-1', 'a-2', 'a-3', 'b-1', 'b-2', 'b-3'];
const STATES = ['RUN', 'RUN', 'FAULT', 'STANDBY', 'CUSTOMER_STOP'];

/**
 * Every asset reports at the same instants (ties across assets in receipt order), states change at
 * random, some assets fall silent (heartbeat timeout), events before the period are the carry-in,
 * and corrections replace a stored event and add one.
 */
async function seedEvents(db: SqlDatabase): Promise<void> {
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  await db.query(`insert into tenants (id, name) values ('t', 't')`);
  const rows: string[][] = [[], [], [], [], []];
  for (const id of ASSETS) {
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ($1, 't', 'turbofan', $1, 'x')`,
      [id],
    );
    await db.query(
      `insert into assets (id, tenant_id, device_id, type) values ($1, 't', $1, 'turbofan')`,
      [id],
    );
    for (let at = FROM - 30 * MIN; at < TO; at += 5 * MIN) {
      if (next() < 0.15) continue;
      const kind = next() < 0.3 ? 'HEARTBEAT' : 'STATE';
      rows[0].push(id);
      rows[1].push(new Date(at).toISOString());
      rows[2].push(kind);
      rows[3].push(kind === 'HEARTBEAT' ? 'RUN' : STATES[Math.floor(next() * STATES.length)]);
      rows[4].push(new Date(FROM).toISOString());
    }
  }
  await db.query(
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state, received_at)
     select a, 't', o::timestamptz, k, s, r::timestamptz from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as x(a, o, k, s, r)`,
    rows,
  );
  const stateAt = new Date(FROM + 5 * MIN).toISOString();
  const [stored] = await db.query<{ us: string }>(
    `select (extract(epoch from observed_at) * 1000000)::bigint::text as us from state_events
     where asset_id = 'a-2' and kind = 'STATE' and observed_at >= $1 order by observed_at limit 1`,
    [stateAt],
  );
  await db.query(
    `insert into billing_corrections (id, asset_id, tenant_id, supersedes, observed_at, state, reason, author, received_at)
     values ('c-1', 'a-2', 't', $1, to_timestamp($2::bigint / 1000000.0), 'FAULT', 'spec', 'spec', $3),
            ('c-2', 'b-1', 't', 'none', $4, 'FAULT', 'spec', 'spec', $3)`,
    [
      `STATE@${stored.us}`,
      stored.us,
      new Date(FROM).toISOString(),
      new Date(FROM + 600 * MIN).toISOString(),
    ],
  );
}

// The spans normalized one asset at a time against billing's normalizer over the whole fleet at once.
forEachSqlBackend(BillingStateSpanSource.name, (db: () => SqlDatabase) => {
  beforeAll(() => seedEvents(db()), 120_000);

  it('gives the spans of normalizing every asset together, in the same order', async () => {
    const period = { from: FROM, to: TO };
    const sut = await new BillingStateSpanSource(db(), () => NOW).spans(PROVIDER_SCOPE, period);
    const stored = await new StateEventRepository(db()).events(
      PROVIDER_SCOPE,
      ASSETS,
      FROM * 1000,
      TO * 1000,
      NOW * 1000,
    );
    const expected = [];
    for (const [assetId, asset] of normalizeEvents(stored, FROM * 1000, TO * 1000).assets) {
      const seg = baseTimeline(asset.events, asset.carryIn, FROM * 1000, TO * 1000, 900e6);
      for (let i = 0; i < seg.length; i++)
        expected.push([assetId, seg.state[i], seg.startUs[i] / 1000, seg.endUs[i] / 1000]);
    }
    const codes = new Map<string, number>();
    const actual = sut.spans.map((s) => [s.assetId, s.state, s.start, s.end]);
    expect(actual.map(([a, , start, end]) => [a, start, end])).toEqual(
      expected.map(([a, , start, end]) => [a, start, end]),
    );
    // The same state where billing's code has one KPI state (customer stops count as STANDBY).
    for (let i = 0; i < actual.length; i++) {
      const code = expected[i][1] as number;
      const seen = codes.get(String(code));
      if (seen === undefined) codes.set(String(code), i);
      else expect(actual[i][1]).toBe(actual[seen][1]);
    }
    expect(new Set(actual.map((s) => s[1]))).toEqual(
      new Set(['RUN', 'STANDBY', 'FAULT', 'UNKNOWN']),
    );
    expect(new Set(actual.map((s) => s[0])).size).toBe(ASSETS.length);
  });
});
