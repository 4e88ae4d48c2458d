import type { EventColumns } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { at } from './billing-runs.fixture';
import { isoToMicros } from './billing-time';
import { PeriodEventReader, type PeriodEvents } from './period-events.reader';
import { ASSETS, CORRECTIONS, EVENTS, type ScenarioEvent } from './period-events.reader.fixture';
import { StateEventDayCompactor } from './state-event-day.compactor';
import { StateEventDayRepository } from './state-event-day.repository';

const RANDOM_ASSETS = ['r1', 'r2', 'r3-corrected', 'r4'];
const ALL = [...ASSETS, ...RANDOM_ASSETS];
const KINDS = ['STATE', 'HEARTBEAT', 'HOUR_METER'] as const;
const STATES = ['RUN', 'STANDBY', 'FAULT', 'WARMUP', 'CUSTOMER_STOP'];

/** Seeded random events of June 8-10: ties on a microsecond, midnight, spells across midnight, late receipts. */
function randomEvents(): ScenarioEvent[] {
  let seed = 20_260_608;
  const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  const rows: ScenarioEvent[] = [];
  for (const asset of RANDOM_ASSETS) {
    const taken = new Set<string>();
    for (let t = Date.parse('2026-06-07T23:30:00Z'); t < Date.parse('2026-06-10T01:00:00Z');) {
      // Every few events exactly on a midnight, else a minute-ish step with microseconds.
      const iso =
        next() < 0.02
          ? new Date(Math.ceil(t / 86_400_000) * 86_400_000).toISOString()
          : `${new Date(t).toISOString().slice(0, 19)}.${String(Math.floor(next() * 1e6)).padStart(6, '0')}Z`;
      for (const kind of KINDS) {
        if (next() < (kind === 'HEARTBEAT' ? 0.6 : 0.3) || taken.has(`${kind}${iso}`)) continue;
        taken.add(`${kind}${iso}`);
        const late = next() < 0.05;
        rows.push({
          asset,
          at: iso,
          kind,
          state: kind === 'HOUR_METER' ? null : STATES[Math.floor(next() * STATES.length)],
          seq: next() < 0.2 ? null : Math.floor(next() * 5),
          meter: kind === 'HOUR_METER' ? Math.round(next() * 1e9) / 1e3 : null,
          received: new Date(Date.parse(iso) + (late ? 2 * 86_400_000 : 2000)).toISOString(),
        });
      }
      t += Math.floor(next() * 360_000);
    }
  }
  return rows;
}

async function seed(db: SqlDatabase): Promise<void> {
  await db.query(`insert into tenants (id, name) values ('acme', 'Acme') on conflict do nothing`);
  for (const id of ALL) {
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ($1, 'acme', 'turbofan', $1, 'x')`,
      [id],
    );
    await db.query(
      `insert into assets (id, tenant_id, device_id, type, created_at) values ($1, 'acme', $1, 'turbofan', '2026-01-01T00:00:00Z')`,
      [id],
    );
  }
  await insertEvents(db, [...EVENTS, ...randomEvents()]);
  const corrections = [
    ...CORRECTIONS,
    { ...CORRECTIONS[0], id: 'c-r3', asset: 'r3-corrected', at: '2026-06-09T00:00:00Z' },
  ];
  for (const c of corrections) {
    await db.query(
      `insert into billing_corrections (id, asset_id, tenant_id, supersedes, observed_at, state, meter_hours, reason, author, received_at)
       values ($1, $2, 'acme', $3, $4, $5, $6, 'test', 'tester', $7)`,
      [c.id, c.asset, c.supersedes, c.at, c.state, c.meter, c.received],
    );
  }
}

/** Stores rows; those without a receipt get the database's clock (as ingest's rows do). */
async function insertEvents(
  db: SqlDatabase,
  rows: Array<Omit<ScenarioEvent, 'received'> & { received: string | null }>,
) {
  await db.query(
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state, seq, meter_hours, received_at)
     select u.a, 'acme', u.t, u.k, u.s, u.q, u.m, coalesce(u.r, now())
     from unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::bigint[], $6::float8[], $7::timestamptz[]) as u(a, t, k, s, q, m, r)`,
    [
      rows.map((e) => e.asset),
      rows.map((e) => e.at),
      rows.map((e) => e.kind),
      rows.map((e) => e.state) as string[],
      rows.map((e) => e.seq) as number[],
      rows.map((e) => e.meter) as number[],
      rows.map((e) => e.received) as string[],
    ],
  );
}

/** Columns as one string, bit for bit (NaN and -0 included): quick to compare. */
const hex = (a: Float64Array | Uint8Array, n: number) =>
  Buffer.from(a.buffer, a.byteOffset, n * a.BYTES_PER_ELEMENT).toString('hex');
const bits = (c: EventColumns) =>
  [
    c.length,
    hex(c.atUs, c.length),
    hex(c.kind, c.length),
    hex(c.state, c.length),
    hex(c.meter, c.length),
  ].join(' ');
const comparable = (read: PeriodEvents) => ({
  ...read,
  columns: [...read.columns].map(([id, c]) => [id, bits(c)]),
  // Pages merge objects in page order; normalizeEvents does not depend on it.
  objects: [...read.objects].sort((a, b) =>
    `${a.assetId} ${a.eventId}`.localeCompare(`${b.assetId} ${b.eventId}`),
  ),
});

/** Periods and cutoffs read: June in UTC and in Berlin (days cut at 22:00), to date, and cutoffs before and after packing. */
const CASES = [
  [
    'June, cutoff before packing',
    '2026-06-01T00:00:00Z',
    '2026-07-01T00:00:00Z',
    '2026-07-01T01:00:00Z',
  ],
  [
    'June in Berlin, cutoff after packing',
    '2026-05-31T22:00:00Z',
    '2026-06-30T22:00:00Z',
    '2099-01-01T00:00:00Z',
  ],
  [
    'June to date mid-day',
    '2026-06-01T00:00:00Z',
    '2026-06-09T13:27:00.5Z',
    '2026-06-15T12:00:30Z',
  ],
  [
    'a week, cutoff before some late receipts',
    '2026-06-07T00:00:00Z',
    '2026-06-14T00:00:00Z',
    '2026-06-11T00:00:00Z',
  ],
] as const;

forEachSqlBackend(StateEventDayCompactor.name, (db: () => SqlDatabase) => {
  const compactor = () =>
    new StateEventDayCompactor(db(), {
      now: () => at('2026-07-01T02:00:00Z'),
      pageAssets: 3,
      graceMs: 0,
    });

  async function expectSameReads() {
    for (const [, from, to, cutoff] of CASES) {
      const read = (dayBlocks: boolean, pageAssets: number) =>
        new PeriodEventReader(db(), { dayBlocks, pageAssets }).read(
          PROVIDER_SCOPE,
          ALL,
          isoToMicros(from),
          isoToMicros(to),
          isoToMicros(cutoff),
        );
      expect(comparable(await read(true, 2))).toEqual(comparable(await read(false, 25)));
    }
  }

  beforeAll(() => seed(db()));

  it('packs each closed day of each asset once, and runs read the same events from the blocks', async () => {
    const written = await compactor().compact();
    const [{ n, june }] = await db().query<{ n: number; june: number }>(
      `select count(*)::int as n, (count(*) filter (where day >= '2026-06-01'))::int as june
       from state_event_days`,
    );
    expect(n).toBe(written);
    expect(n).toBeGreaterThan(30);
    expect(await compactor().compact()).toBe(0);
    const usable = await new StateEventDayRepository(db()).usable(
      PROVIDER_SCOPE,
      ALL,
      isoToMicros('2026-06-01T00:00:00Z'),
      isoToMicros('2026-07-01T00:00:00Z'),
      isoToMicros('2099-01-01T00:00:00Z'),
    );
    expect(usable.length).toBe(june);
    await expectSameReads();
  });

  it('reads raw rows for days with events received after packing, until they are packed again', async () => {
    await insertEvents(db(), [
      {
        asset: 'r1',
        at: '2026-06-09T12:00:00.5Z',
        kind: 'STATE',
        state: 'FAULT',
        seq: 2,
        meter: null,
        received: null,
      },
      {
        asset: 'a1-plain',
        at: '2026-06-10T23:59:59.999999Z',
        kind: 'HEARTBEAT',
        state: 'RUN',
        seq: null,
        meter: null,
        received: null,
      },
      {
        asset: 'r4',
        at: '2026-06-15T00:00:00Z',
        kind: 'HOUR_METER',
        state: null,
        seq: null,
        meter: 5,
        received: null,
      },
    ]);
    await expectSameReads();
    expect(await compactor().compact()).toBe(3);
    await expectSameReads();
  });
});
