import type { AssetInput } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { BillingRunService } from './billing-run.service';
import { at } from './billing-runs.fixture';
import { BillingStores } from './billing-stores';
import { isoToMicros } from './billing-time';
import { ContractService } from './contract.service';
import { PeriodEventReader, periodEventsOf } from './period-events.reader';
import {
  ASSETS,
  CONTRACT_ID,
  CORRECTIONS,
  EVENTS,
  minuteHeartbeats,
} from './period-events.reader.fixture';

async function seedScenario(db: SqlDatabase): Promise<void> {
  await db.query(`insert into tenants (id, name) values ('acme', 'Acme') on conflict do nothing`);
  for (const id of ASSETS) {
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ($1, 'acme', 'turbofan', $1, 'x')`,
      [id],
    );
    await db.query(
      `insert into assets (id, tenant_id, device_id, type, created_at) values ($1, 'acme', $1, 'turbofan', '2026-01-01T00:00:00Z')`,
      [id],
    );
  }
  await new ContractService(new BillingStores(db), () => at('2026-05-15T00:00:00Z')).create(
    PROVIDER_SCOPE,
    'test',
    {
      id: CONTRACT_ID,
      name: 'columns contract',
      tenantId: 'acme',
      assetIds: [...ASSETS],
      effectiveFrom: '2026-01-01T00:00:00Z',
      terms: {
        tz: 'UTC',
        currency: 'EUR',
        ratePerHour: '100.00',
        slaTarget: '0.99',
        creditBands: [{ lo: '0', hi: '0.99', pct: '0.10' }],
        heartbeatTimeoutSeconds: 900,
      },
    },
  );
  const rows = [...EVENTS, ...minuteHeartbeats()];
  await db.query(
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state, seq, meter_hours, received_at)
     select u.a, 'acme', u.t, u.k, u.s, u.q, u.m, u.r
     from unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::bigint[], $6::float8[], $7::timestamptz[]) as u(a, t, k, s, q, m, r)`,
    [
      rows.map((e) => e.asset),
      rows.map((e) => e.at),
      rows.map((e) => e.kind),
      rows.map((e) => e.state) as string[],
      rows.map((e) => e.seq) as number[],
      rows.map((e) => e.meter) as number[],
      rows.map((e) => e.received),
    ],
  );
  for (const c of CORRECTIONS) {
    await db.query(
      `insert into billing_corrections (id, asset_id, tenant_id, supersedes, observed_at, state, meter_hours, reason, author, received_at)
       values ($1, $2, 'acme', $3, $4, $5, $6, 'test', 'tester', $7)`,
      [c.id, c.asset, c.supersedes, c.at, c.state, c.meter, c.received],
    );
  }
}

/** An asset's engine input with its columns cut to their length (capacities may differ). */
const comparable = (a: AssetInput) => ({
  ...a,
  events: {
    length: a.events.length,
    atUs: [...a.events.atUs.subarray(0, a.events.length)],
    kind: [...a.events.kind.subarray(0, a.events.length)],
    state: [...a.events.state.subarray(0, a.events.length)],
    meter: [...a.events.meter.subarray(0, a.events.length)],
  },
});

forEachSqlBackend(PeriodEventReader.name, (db: () => SqlDatabase) => {
  beforeAll(() => seedScenario(db()));

  /** The run's inputs read as every run read them before the columns: all events as objects, normalised together. */
  async function previousPath(stores: BillingStores, period: string, nowMs: number) {
    const sut = new BillingRunService(db(), stores);
    const spy = jest
      .spyOn(stores.periodEvents, 'read')
      .mockImplementation(async (scope, ids, startUs, endUs, cutoffUs) =>
        periodEventsOf(await stores.events.events(scope, ids, startUs, endUs, cutoffUs)),
      );
    try {
      return await sut.prepareToDateAndWhole(PROVIDER_SCOPE, CONTRACT_ID, period, nowMs);
    } finally {
      spy.mockRestore();
    }
  }

  it.each([
    ['June after its end (grace period)', '2026-06', '2026-07-01T01:00:00Z'],
    ['June to date, with events observed after now', '2026-06', '2026-06-15T12:00:30Z'],
    ['July: carry-in and corrections only', '2026-07', '2026-07-01T01:00:00Z'],
  ])('gives the engine the same inputs as the object path: %s', async (_, period, now) => {
    const stores = new BillingStores(db());
    const before = await previousPath(stores, period, at(now));
    const sut = new BillingRunService(db(), stores);
    const after = await sut.prepareToDateAndWhole(PROVIDER_SCOPE, CONTRACT_ID, period, at(now));
    for (const kind of ['toDate', 'whole'] as const) {
      const [b, a] = [before[kind], after[kind]];
      expect(JSON.stringify(a.inputs)).toBe(JSON.stringify(b.inputs));
      expect(a.input.period).toEqual(b.input.period);
      expect(a.input.quarantined).toEqual(b.input.quarantined);
      expect(a.input.assets.map(comparable)).toEqual(b.input.assets.map(comparable));
      const [rb, ra] = [sut.rateOnly(b), sut.rateOnly(a)];
      expect(ra.key).toBe(rb.key);
      expect(JSON.stringify(ra)).toBe(JSON.stringify(rb));
    }
  });

  it('reads the same events whatever the page size and pages in flight, columns for assets without corrections', async () => {
    const june = { startUs: isoToMicros('2026-06-01T00:00:00Z'), endUs: 0 };
    june.endUs = isoToMicros('2026-07-01T00:00:00Z');
    const cutoffUs = at('2026-07-01T01:00:00Z') * 1000;
    const read = (pageAssets: number, parallelPages: number) =>
      new PeriodEventReader(db(), { pageAssets, parallelPages }).read(
        PROVIDER_SCOPE,
        [...ASSETS].reverse(),
        june.startUs,
        june.endUs,
        cutoffUs,
      );
    const [one, all] = [await read(1, 3), await read(25, 1)];
    expect([...one.columns.keys()]).toEqual(['a1-plain', 'a5-plain']);
    expect(new Set(one.objects.map((e) => e.assetId))).toEqual(
      new Set(['a1-plain', 'a2-corrected', 'a4-carry-only']),
    );
    expect(one.counts).toEqual(all.counts);
    expect(Object.keys(one.counts)).toEqual([
      'a1-plain',
      'a2-corrected',
      'a4-carry-only',
      'a5-plain',
    ]);
    expect(one.latestObservedUs).toBe(all.latestObservedUs);
    // normalizeEvents does not depend on the order events come in.
    const sorted = (events: typeof one.objects) =>
      [...events].sort((a, b) =>
        `${a.assetId} ${a.eventId}`.localeCompare(`${b.assetId} ${b.eventId}`),
      );
    expect(sorted(one.objects)).toEqual(sorted(all.objects));
  });
});
